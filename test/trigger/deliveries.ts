import { randomBytes } from 'node:crypto';

import type { DeliveryRequest } from '../harness/runWebhook';
import { signWebhook } from '../server';

/** A fresh Standard Webhooks secret: `whsec_` + base64 key bytes. */
export function newSecret(): string {
	return `whsec_${randomBytes(24).toString('base64')}`;
}

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

let eventCounter = 0;

export function videoEvent(type: string, videoId: string) {
	return {
		id: `evt_test_${++eventCounter}_${randomBytes(4).toString('hex')}`,
		object: 'event',
		created_at: nowSeconds(),
		type,
		data: { id: videoId },
	};
}

export interface SignOptions {
	/** The webhook-id header; default the event's id. */
	id?: string;
	timestamp?: number;
	/** Replaces the webhook-signature header (e.g. several signatures). */
	signature?: string;
	contentType?: string;
	omit?: Array<'webhook-id' | 'webhook-timestamp' | 'webhook-signature'>;
}

/** A delivery as the provider sends it, signed with the reference server's own signer. */
export function signedDelivery(
	secret: string,
	body: object | string,
	options: SignOptions = {},
): DeliveryRequest {
	const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
	const id =
		options.id ??
		(typeof body === 'object' && 'id' in body
			? String(body.id)
			: `msg_${randomBytes(6).toString('hex')}`);
	const timestamp = options.timestamp ?? nowSeconds();
	const headers: Record<string, string> = {
		'content-type': options.contentType ?? 'application/json',
		'webhook-id': id,
		'webhook-timestamp': String(timestamp),
		'webhook-signature': options.signature ?? signWebhook(secret, id, timestamp, rawBody),
	};
	for (const name of options.omit ?? []) delete headers[name];
	return { body: rawBody, headers };
}
