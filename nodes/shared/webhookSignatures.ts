import { createHmac, timingSafeEqual } from 'node:crypto';

import { headerValues, type Headers } from '../base/headers';

/**
 * The two webhook signature schemes the trigger accepts: Standard Webhooks (OpenAI and most
 * providers: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`) and
 * OpenRouter's own (`X-OpenRouter-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>,<raw body>")>`).
 * Both refuse a timestamp more than this far from now, so that a captured delivery cannot be replayed later.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

type SignatureProblem =
	| 'missing-headers'
	| 'bad-timestamp'
	| 'timestamp-out-of-tolerance'
	| 'bad-signature';

export type VerifyResult = { ok: true } | { ok: false; reason: SignatureProblem | 'no-secret' };

export type OpenRouterVerifyResult = { ok: true } | { ok: false; reason: SignatureProblem };

/** A signed timestamp (decimal seconds, as sent) checked against now and the one tolerance. */
function timestampProblem(
	timestamp: string,
	nowSeconds: number,
	toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureProblem | undefined {
	if (!/^\d+$/.test(timestamp)) return 'bad-timestamp';
	if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds)
		return 'timestamp-out-of-tolerance';
	return undefined;
}

function bytesOf(rawBody: Buffer | string): Buffer {
	return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
}

/** Whether any candidate equals the expected signature, compared in constant time. */
function matchesAny(expected: string, candidates: string[]): boolean {
	const expectedBytes = Buffer.from(expected, 'utf8');
	let matched = false;
	for (const candidate of candidates) {
		const bytes = Buffer.from(candidate, 'utf8');
		if (bytes.length === expectedBytes.length && timingSafeEqual(bytes, expectedBytes))
			matched = true;
	}
	return matched;
}

// Standard Webhooks

const SECRET_PREFIX = 'whsec_';

/**
 * The shortest signing key the trigger accepts. Providers issue 24 to 32 random bytes; a shorter
 * key (`whsec_` with nothing after it, a typo, a placeholder) can be guessed or is empty, and a
 * delivery signed with it proves nothing.
 */
export const MIN_SIGNING_KEY_BYTES = 16;

/** How many bytes of key a secret gives: a `whsec_` secret's base64 key, any other secret's UTF-8 bytes. */
export function signingKeyLength(secret: string): number {
	return secretKey(secret).length;
}

function secretKey(secret: string): Buffer {
	const trimmed = secret.trim();
	return trimmed.startsWith(SECRET_PREFIX)
		? Buffer.from(trimmed.slice(SECRET_PREFIX.length), 'base64')
		: Buffer.from(trimmed, 'utf8');
}

// The timestamp is signed exactly as it was sent, so it stays a string here.
function sign(key: Buffer, id: string, timestamp: string, rawBody: Buffer | string): string {
	const signedContent = Buffer.concat([
		Buffer.from(`${id}.${timestamp}.`, 'utf8'),
		bytesOf(rawBody),
	]);
	return createHmac('sha256', key).update(signedContent).digest('base64');
}

/** The `webhook-signature` header value a Standard Webhooks sender would produce. */
export function computeWebhookSignature(
	secret: string,
	id: string,
	timestampSeconds: number,
	rawBody: Buffer | string,
): string {
	return `v1,${sign(secretKey(secret), id, String(timestampSeconds), rawBody)}`;
}

export function verifyWebhookSignature(input: {
	secret: string;
	headers: Headers;
	rawBody: Buffer;
	nowSeconds: number;
	toleranceSeconds?: number;
}): VerifyResult {
	const key = typeof input.secret === 'string' ? secretKey(input.secret) : Buffer.alloc(0);
	if (key.length === 0) return { ok: false, reason: 'no-secret' };

	const [id] = headerValues(input.headers, 'webhook-id');
	const [timestamp] = headerValues(input.headers, 'webhook-timestamp');
	const signatures = headerValues(input.headers, 'webhook-signature');
	if (!id || !timestamp || signatures.length === 0) return { ok: false, reason: 'missing-headers' };
	const problem = timestampProblem(timestamp, input.nowSeconds, input.toleranceSeconds);
	if (problem) return { ok: false, reason: problem };

	// The header holds space-separated `v1,<signature>` entries (several while a secret is rotated).
	const candidates = signatures
		.join(' ')
		.split(/\s+/)
		.filter((entry) => entry.startsWith('v1,'))
		.map((entry) => entry.slice(3));
	return matchesAny(sign(key, id, timestamp, input.rawBody), candidates)
		? { ok: true }
		: { ok: false, reason: 'bad-signature' };
}

// OpenRouter (webhooks to a job's callback_url): events `video.generation.<status>`. Its
// `X-OpenRouter-Idempotency-Key: <job id>-<status>` header is not signed, so the trigger never reads it.

export const OPENROUTER_SIGNATURE_HEADER = 'x-openrouter-signature';

export function computeOpenRouterSignature(
	secret: string,
	timestampSeconds: number | string,
	rawBody: Buffer | string,
): string {
	const digest = createHmac('sha256', secret.trim())
		.update(Buffer.concat([Buffer.from(`${timestampSeconds},`, 'utf8'), bytesOf(rawBody)]))
		.digest('hex');
	return `t=${timestampSeconds},v1=${digest}`;
}

export function verifyOpenRouterSignature(input: {
	secret: string;
	header: string | undefined;
	rawBody: Buffer;
	nowSeconds: number;
	toleranceSeconds?: number;
}): OpenRouterVerifyResult {
	const parts = new Map<string, string[]>();
	for (const part of (input.header ?? '').split(',')) {
		const equals = part.indexOf('=');
		if (equals <= 0) continue;
		const name = part.slice(0, equals).trim();
		parts.set(name, [...(parts.get(name) ?? []), part.slice(equals + 1).trim()]);
	}
	const timestamp = parts.get('t')?.[0];
	const signatures = parts.get('v1') ?? [];
	if (!timestamp || !signatures.length) return { ok: false, reason: 'missing-headers' };
	const problem = timestampProblem(timestamp, input.nowSeconds, input.toleranceSeconds);
	if (problem) return { ok: false, reason: problem };
	const expected = computeOpenRouterSignature(input.secret, timestamp, input.rawBody).split(
		'v1=',
	)[1];
	const candidates = signatures.map((candidate) => candidate.toLowerCase());
	return matchesAny(expected, candidates) ? { ok: true } : { ok: false, reason: 'bad-signature' };
}

/** An OpenRouter event as the canonical one: video.completed, or video.failed for failed, cancelled and expired jobs. */
const FINAL_OPENROUTER_STATUSES: Record<string, 'video.completed' | 'video.failed' | undefined> = {
	completed: 'video.completed',
	failed: 'video.failed',
	cancelled: 'video.failed',
	expired: 'video.failed',
};

export function canonicalOpenRouterEvent(
	body: unknown,
):
	| { type: string; data: { id: string; [extra: string]: unknown }; [extra: string]: unknown }
	| undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const raw = body as Record<string, unknown>;
	const match = typeof raw.type === 'string' ? /^video\.generation\.(\w+)$/.exec(raw.type) : null;
	const data = raw.data as Record<string, unknown> | undefined;
	if (!match || !data || typeof data !== 'object' || typeof data.id !== 'string' || !data.id)
		return undefined;
	// Only a job's end is an event the trigger starts on; any other status (a job still running) is not.
	const type = FINAL_OPENROUTER_STATUSES[match[1]];
	if (!type) return undefined;
	return { ...raw, type, hostType: raw.type, data: { ...data, id: data.id } };
}
