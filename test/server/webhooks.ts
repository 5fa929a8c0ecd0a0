import { createHmac } from 'node:crypto';
import { request } from 'undici';
import { newId, nowSeconds } from './ids';
import type { StoredVideo } from './video';

/** Standard Webhooks signature: 'v1,' + base64 HMAC-SHA256 of `${id}.${timestamp}.${rawBody}`. */
export function signWebhook(
	secret: string,
	id: string,
	timestampSeconds: number,
	rawBody: string,
): string {
	const key = secret.startsWith('whsec_')
		? Buffer.from(secret.slice('whsec_'.length), 'base64')
		: Buffer.from(secret, 'utf8');
	const signature = createHmac('sha256', key)
		.update(`${id}.${timestampSeconds}.${rawBody}`)
		.digest('base64');
	return `v1,${signature}`;
}

export function webhookEventFor(video: StoredVideo) {
	return {
		id: newId('evt_'),
		object: 'event',
		created_at: nowSeconds(),
		type: video.outcome === 'completed' ? 'video.completed' : 'video.failed',
		data: { id: video.id },
	};
}

/** Delivers once; delivery errors are ignored (the receiver may be gone in a test). */
export async function deliverWebhook(
	webhook: { url: string; secret: string },
	video: StoredVideo,
): Promise<void> {
	const event = webhookEventFor(video);
	const rawBody = JSON.stringify(event);
	try {
		const answer = await request(webhook.url, {
			method: 'POST',
			body: rawBody,
			headers: {
				'content-type': 'application/json',
				'webhook-id': event.id,
				'webhook-timestamp': String(event.created_at),
				'webhook-signature': signWebhook(webhook.secret, event.id, event.created_at, rawBody),
			},
			headersTimeout: 10_000,
			bodyTimeout: 10_000,
		});
		await answer.body.dump();
	} catch {
		// ignored on purpose: a missing receiver must not disturb the server
	}
}
