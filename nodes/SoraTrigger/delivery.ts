import { readVideoEvent, type VideoEvent } from './videoEvent';

import { firstHeader, type Headers } from '../base/headers';
import {
	canonicalOpenRouterEvent,
	MIN_SIGNING_KEY_BYTES,
	OPENROUTER_SIGNATURE_HEADER,
	SIGNATURE_TOLERANCE_SECONDS,
	signingKeyLength,
	verifyOpenRouterSignature,
	verifyWebhookSignature,
	type OpenRouterVerifyResult,
	type VerifyResult,
} from '../shared/webhookSignatures';

/** Video events are a few hundred bytes; anything above this is refused unread. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

export const MISSING_SECRET_MESSAGE = 'No webhook signing secret is set';
export const MISSING_SECRET_HELP =
	"Enter the provider's signing secret (whsec_…) as Webhook Signing Secret in the Sora API credential, or as Signing Secret in the trigger's options. Without it the trigger refuses every delivery.";

export const SHORT_SECRET_HELP = `Copy the whole signing secret from the provider: whsec_ followed by its base64 key (Standard Webhooks), or OpenRouter's secret as shown. A shorter key can be guessed, and a delivery signed with it proves nothing.`;

/** Why a signing secret cannot be used, or undefined when it can: none set, or a key shorter than 16 bytes. */
export function signingSecretProblem(secret: string): string | undefined {
	if (!secret.trim()) return MISSING_SECRET_MESSAGE;
	const bytes = signingKeyLength(secret);
	if (bytes < MIN_SIGNING_KEY_BYTES)
		return `The webhook signing secret is too short: its key has ${bytes} byte${bytes === 1 ? '' : 's'}, at least ${MIN_SIGNING_KEY_BYTES} are needed`;
	return undefined;
}

/** A delivery the trigger refuses: the HTTP status to answer and why. The workflow does not start. */
export interface Refusal {
	status: 400 | 401 | 413 | 500;
	message: string;
}

export type DeliveryCheck =
	| { ok: true; webhookId: string; event: VideoEvent }
	| ({ ok: false } & Refusal);

export interface Delivery {
	headers: Headers;
	/** The body bytes exactly as received; undefined when the host did not keep them. */
	rawBody: Buffer | undefined;
	/** The signing secret; empty when none is set. */
	secret: string;
	nowSeconds: number;
}

/** Whether the body is too large, judged from Content-Length first and the bytes if there are any. */
export function isOversized(headers: Headers, rawBody: Buffer | undefined): boolean {
	const declared = Number(firstHeader(headers, 'content-length'));
	if (Number.isFinite(declared) && declared > MAX_DELIVERY_BYTES) return true;
	return rawBody !== undefined && rawBody.length > MAX_DELIVERY_BYTES;
}

const TOLERANCE_WORDS = `${SIGNATURE_TOLERANCE_SECONDS / 60} minutes`;

const SIGNATURE_PROBLEMS: Record<Exclude<VerifyResult, { ok: true }>['reason'], string> = {
	'missing-headers': 'The webhook-id, webhook-timestamp or webhook-signature header is missing',
	'bad-timestamp': 'The webhook-timestamp header is not a number of seconds',
	'timestamp-out-of-tolerance': `The webhook-timestamp is more than ${TOLERANCE_WORDS} away from now`,
	'bad-signature': 'No webhook-signature matches the body and the signing secret',
	'no-secret': MISSING_SECRET_MESSAGE,
};

function refuse(status: Refusal['status'], message: string): DeliveryCheck {
	return { ok: false, status, message };
}

/**
 * Checks a delivery in the order that costs an attacker the least: size (413, unread), raw
 * body and secret present (500: the endpoint is not set up to verify anything), the signature
 * (401: Standard Webhooks, or OpenRouter's own scheme when its header is there), then the JSON
 * body and its event shape (400).
 */
export function checkDelivery(delivery: Delivery): DeliveryCheck {
	const { headers, rawBody, secret, nowSeconds } = delivery;
	if (isOversized(headers, rawBody)) {
		return refuse(
			413,
			`The body is larger than ${MAX_DELIVERY_BYTES} bytes; video events are far smaller`,
		);
	}
	if (rawBody === undefined) {
		return refuse(
			500,
			'This n8n did not hand the trigger the raw request body, so the signature cannot be checked and the delivery was refused',
		);
	}
	const secretProblem = signingSecretProblem(secret);
	if (secretProblem) {
		const help = secretProblem === MISSING_SECRET_MESSAGE ? MISSING_SECRET_HELP : SHORT_SECRET_HELP;
		return refuse(500, `${secretProblem}. ${help}`);
	}

	const openRouter = firstHeader(headers, OPENROUTER_SIGNATURE_HEADER);
	if (openRouter !== undefined) return checkOpenRouterDelivery(delivery, openRouter);
	const verified = verifyWebhookSignature({ secret, headers, rawBody, nowSeconds });
	if (!verified.ok) return refuse(401, SIGNATURE_PROBLEMS[verified.reason]);

	const body = parseJson(rawBody);
	if (body === undefined) return refuse(400, 'The body is not valid JSON');
	const event = readVideoEvent(body);
	if (!event)
		return refuse(400, 'The body is not a video event: it needs a "type" and a "data.id"');
	return { ok: true, webhookId: firstHeader(headers, 'webhook-id') ?? '', event };
}

function parseJson(rawBody: Buffer): unknown {
	try {
		return JSON.parse(rawBody.toString('utf8'));
	} catch {
		return undefined;
	}
}

/**
 * OpenRouter's scheme: its signature header, its event names. The delivery id comes from the
 * signed body (the job id and its status, as OpenRouter spells its idempotency key), never from
 * the X-OpenRouter-Idempotency-Key header, which is not signed: a replay with another header is
 * still the same delivery, and OpenRouter's own retries (new timestamp, same event) are too.
 */
function checkOpenRouterDelivery(delivery: Delivery, signature: string): DeliveryCheck {
	const rawBody = delivery.rawBody!;
	const verified = verifyOpenRouterSignature({
		secret: delivery.secret,
		header: signature,
		rawBody,
		nowSeconds: delivery.nowSeconds,
	});
	if (!verified.ok) return refuse(401, OPENROUTER_SIGNATURE_PROBLEMS[verified.reason]);
	const event = canonicalOpenRouterEvent(parseJson(rawBody));
	if (!event)
		return refuse(
			400,
			'The body is not an OpenRouter video event: it needs a "type" video.generation.… and a "data.id"',
		);
	const webhookId = `${event.data.id}-${String(event.data.status ?? event.hostType)}`;
	return { ok: true, webhookId, event };
}

const OPENROUTER_SIGNATURE_PROBLEMS: Record<
	Exclude<OpenRouterVerifyResult, { ok: true }>['reason'],
	string
> = {
	'missing-headers': 'The X-OpenRouter-Signature header lacks its t= or v1= part',
	'bad-timestamp': 'The t= of X-OpenRouter-Signature is not a number of seconds',
	'timestamp-out-of-tolerance': `The t= of X-OpenRouter-Signature is more than ${TOLERANCE_WORDS} away from now`,
	'bad-signature': 'The X-OpenRouter-Signature does not match the body and the signing secret',
};
