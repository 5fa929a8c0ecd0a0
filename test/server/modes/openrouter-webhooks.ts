import { createHmac } from 'node:crypto';
import { request } from 'undici';

/** OpenRouter's signature header value: `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>,<raw body>")>`. */
export function signOpenRouterWebhook(
	secret: string,
	timestampSeconds: number,
	rawBody: string,
): string {
	const digest = createHmac('sha256', secret)
		.update(`${timestampSeconds},${rawBody}`)
		.digest('hex');
	return `t=${timestampSeconds},v1=${digest}`;
}

export interface OpenRouterEvent {
	type: string;
	created_at: string;
	data: Record<string, unknown>;
}

export interface OpenRouterDelivery {
	rawBody: string;
	headers: Record<string, string>;
}

/**
 * The body and headers of one delivery, for the server and for tests that send their own (signed,
 * or forged: `signWith` another secret, `signature` a header of your own, an old `timestampSeconds`).
 */
export function openRouterDelivery(
	secret: string,
	event: OpenRouterEvent,
	options: { timestampSeconds?: number; signWith?: string; signature?: string } = {},
): OpenRouterDelivery {
	const rawBody = JSON.stringify(event);
	const timestamp = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
	const data = event.data as { id?: unknown; status?: unknown };
	return {
		rawBody,
		headers: {
			'content-type': 'application/json',
			'x-openrouter-signature':
				options.signature ?? signOpenRouterWebhook(options.signWith ?? secret, timestamp, rawBody),
			'x-openrouter-idempotency-key': `${String(data.id)}-${String(data.status)}`,
		},
	};
}

/** POSTs once; errors are ignored (the receiver may be gone in a test). */
export async function postOpenRouterDelivery(
	url: string,
	delivery: OpenRouterDelivery,
): Promise<void> {
	try {
		const answer = await request(url, {
			method: 'POST',
			body: delivery.rawBody,
			headers: delivery.headers,
			headersTimeout: 10_000,
			bodyTimeout: 10_000,
		});
		await answer.body.dump();
	} catch {
		// ignored on purpose: a missing receiver must not disturb the server
	}
}
