import { checkDelivery, isOversized, MAX_DELIVERY_BYTES } from '../../nodes/SoraTrigger/delivery';
import {
	MAX_REMEMBERED_DELIVERIES,
	readDeliveryLog,
	REDELIVERY_WINDOW_SECONDS,
	wasDelivered,
	withDelivery,
} from '../../nodes/SoraTrigger/redeliveries';
import { readVideoEvent } from '../../nodes/SoraTrigger/videoEvent';
import { signWebhook } from '../server';

describe('delivery log', () => {
	const now = 1_800_000_000;

	it('remembers a webhook id for 24 hours', () => {
		const log = withDelivery({}, 'msg_1', now);
		expect(wasDelivered(log, 'msg_1', now + 60)).toBe(true);
		expect(wasDelivered(log, 'msg_1', now + REDELIVERY_WINDOW_SECONDS - 1)).toBe(true);
		expect(wasDelivered(log, 'msg_1', now + REDELIVERY_WINDOW_SECONDS)).toBe(false);
		expect(wasDelivered(log, 'msg_2', now)).toBe(false);
	});

	it('drops entries older than 24 hours and keeps the newest 1,000, always with the new one', () => {
		const full = Object.fromEntries(
			Array.from({ length: MAX_REMEMBERED_DELIVERIES }, (_, i) => [`same_${i}`, now]),
		);
		const log = withDelivery({ ...full, ancient: now - REDELIVERY_WINDOW_SECONDS }, 'newest', now);
		expect(Object.keys(log)).toHaveLength(MAX_REMEMBERED_DELIVERIES);
		expect(log.newest).toBe(now);
		expect(log.ancient).toBeUndefined();
	});

	it('reads anything stored as a log, ignoring what is not one', () => {
		expect(readDeliveryLog(undefined)).toEqual({});
		expect(readDeliveryLog(['x'])).toEqual({});
		expect(readDeliveryLog({ a: 1, b: 'x', c: null })).toEqual({ a: 1 });
	});
});

describe('checkDelivery', () => {
	const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
	const nowSeconds = 1_800_000_000;
	const body = JSON.stringify({ id: 'evt_1', type: 'video.completed', data: { id: 'video_1' } });
	const headers = {
		'webhook-id': 'msg_1',
		'webhook-timestamp': String(nowSeconds),
		'webhook-signature': signWebhook(secret, 'msg_1', nowSeconds, body),
	};

	it('accepts a signed video event and names its webhook id', () => {
		expect(checkDelivery({ headers, rawBody: Buffer.from(body), secret, nowSeconds })).toEqual({
			ok: true,
			webhookId: 'msg_1',
			event: { id: 'evt_1', type: 'video.completed', data: { id: 'video_1' } },
		});
	});

	it('refuses by size first, before looking at the signature', () => {
		expect(isOversized({ 'content-length': String(MAX_DELIVERY_BYTES + 1) }, undefined)).toBe(true);
		expect(isOversized({}, Buffer.alloc(MAX_DELIVERY_BYTES))).toBe(false);
		expect(
			checkDelivery({
				headers: { 'content-length': '99999999' },
				rawBody: undefined,
				secret: '',
				nowSeconds,
			}),
		).toMatchObject({ status: 413 });
	});

	it('refuses with 500 when there is no raw body or no secret, 401 on a bad signature', () => {
		expect(checkDelivery({ headers, rawBody: undefined, secret, nowSeconds })).toMatchObject({
			ok: false,
			status: 500,
		});
		expect(
			checkDelivery({ headers, rawBody: Buffer.from(body), secret: '  ', nowSeconds }),
		).toMatchObject({ ok: false, status: 500 });
		expect(
			checkDelivery({ headers, rawBody: Buffer.from(body + ' '), secret, nowSeconds }),
		).toMatchObject({ ok: false, status: 401 });
	});

	it('reads only events with a type and a data.id, keeping extra fields', () => {
		expect(
			readVideoEvent({ type: 'video.failed', data: { id: 'v', extra: 1 }, more: true }),
		).toEqual({ type: 'video.failed', data: { id: 'v', extra: 1 }, more: true });
		for (const bad of [
			null,
			'x',
			[],
			{ type: '', data: { id: 'v' } },
			{ type: 't', data: { id: 3 } },
			{ type: 't', data: [] },
		]) {
			expect(readVideoEvent(bad)).toBeUndefined();
		}
	});
});
