import { createHmac, timingSafeEqual } from 'node:crypto';

export type VerifyResult =
	| { ok: true }
	| {
			ok: false;
			reason: 'missing-headers' | 'bad-timestamp' | 'timestamp-out-of-tolerance' | 'bad-signature' | 'no-secret';
	  };

type Headers = Record<string, string | string[] | undefined>;

const DEFAULT_TOLERANCE_SECONDS = 300;
const SECRET_PREFIX = 'whsec_';

function headerValues(headers: Headers, name: string): string[] {
	const values: string[] = [];
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() !== name) continue;
		const value = headers[key];
		for (const item of Array.isArray(value) ? value : [value]) {
			if (typeof item === 'string' && item.trim() !== '') values.push(item.trim());
		}
	}
	return values;
}

function secretKey(secret: string): Buffer {
	const trimmed = secret.trim();
	return trimmed.startsWith(SECRET_PREFIX)
		? Buffer.from(trimmed.slice(SECRET_PREFIX.length), 'base64')
		: Buffer.from(trimmed, 'utf8');
}

// The timestamp is signed exactly as it was sent, so it stays a string here.
function sign(key: Buffer, id: string, timestamp: string, rawBody: Buffer | string): string {
	const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
	const signedContent = Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), body]);
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

function matchesAny(expected: string, signatureHeaders: string[]): boolean {
	const expectedBytes = Buffer.from(expected, 'utf8');
	let matched = false;
	for (const entry of signatureHeaders.join(' ').split(/\s+/)) {
		const comma = entry.indexOf(',');
		if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
		const candidate = Buffer.from(entry.slice(comma + 1), 'utf8');
		if (candidate.length === expectedBytes.length && timingSafeEqual(candidate, expectedBytes)) matched = true;
	}
	return matched;
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

	if (!/^\d+$/.test(timestamp)) return { ok: false, reason: 'bad-timestamp' };
	const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	if (Math.abs(input.nowSeconds - Number(timestamp)) > tolerance) {
		return { ok: false, reason: 'timestamp-out-of-tolerance' };
	}

	const expected = sign(key, id, timestamp, input.rawBody);
	return matchesAny(expected, signatures) ? { ok: true } : { ok: false, reason: 'bad-signature' };
}
