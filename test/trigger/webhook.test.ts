import { createHmac } from 'node:crypto';

import { TriggerHarness } from '../harness/runWebhook';
import { signWebhook } from '../server';
import { MAX_DELIVERY_BYTES } from '../../nodes/SoraTrigger/delivery';
import { MAX_REMEMBERED_DELIVERIES } from '../../nodes/SoraTrigger/redeliveries';
import { newSecret, nowSeconds, signedDelivery, videoEvent } from './deliveries';

const secret = newSecret();

function trigger(
	parameters: Record<string, unknown> = {},
	credentials: Record<string, unknown> = { webhookSecret: secret },
) {
	return new TriggerHarness({ parameters: parameters as never, credentials: credentials as never });
}

describe('Sora Trigger: which deliveries start the workflow', () => {
	it('starts it for a signed video.completed event and answers 200 {received: true}', async () => {
		const event = videoEvent('video.completed', 'video_abc');
		const answer = await trigger().deliver(signedDelivery(secret, event));
		expect(answer).toMatchObject({ status: 200, body: { received: true }, started: true });
		expect(answer.workflowData).toEqual([
			[{ json: { type: 'video.completed', videoId: 'video_abc', webhookId: event.id, event } }],
		]);
	});

	it('refuses an unsigned delivery with 401', async () => {
		const delivery = signedDelivery(secret, videoEvent('video.completed', 'video_abc'), {
			omit: ['webhook-signature'],
		});
		const answer = await trigger().deliver(delivery);
		expect(answer).toMatchObject({ status: 401, started: false });
		expect((answer.body as { error: string }).error).toMatch(/header is missing/);
	});

	it('refuses a delivery without webhook-id or webhook-timestamp with 401', async () => {
		for (const omit of ['webhook-id', 'webhook-timestamp'] as const) {
			const answer = await trigger().deliver(
				signedDelivery(secret, videoEvent('video.completed', 'v'), { omit: [omit] }),
			);
			expect(answer).toMatchObject({ status: 401, started: false });
		}
	});

	it('refuses a delivery signed with another secret with 401', async () => {
		const answer = await trigger().deliver(
			signedDelivery(newSecret(), videoEvent('video.completed', 'video_abc')),
		);
		expect(answer).toMatchObject({ status: 401, started: false, body: { received: false } });
		expect((answer.body as { error: string }).error).toMatch(/No webhook-signature matches/);
	});

	it('refuses a body changed after signing (signature over other bytes) with 401', async () => {
		const delivery = signedDelivery(secret, videoEvent('video.completed', 'video_abc'));
		const tampered = { ...delivery, body: String(delivery.body).replace('video_abc', 'video_xyz') };
		expect(await trigger().deliver(tampered)).toMatchObject({ status: 401, started: false });
	});

	it('accepts several space-separated signatures when one of them matches (key rotation)', async () => {
		const event = videoEvent('video.completed', 'video_abc');
		const timestamp = nowSeconds();
		const good = signWebhook(secret, event.id, timestamp, JSON.stringify(event));
		const stale = signWebhook(newSecret(), event.id, timestamp, JSON.stringify(event));
		const answer = await trigger().deliver(
			signedDelivery(secret, event, { timestamp, signature: `v1a,xyz ${stale} ${good}` }),
		);
		expect(answer).toMatchObject({ status: 200, started: true });
	});

	it('refuses several signatures when none matches', async () => {
		const event = videoEvent('video.completed', 'video_abc');
		const timestamp = nowSeconds();
		const wrong = [newSecret(), newSecret()].map((other) =>
			signWebhook(other, event.id, timestamp, JSON.stringify(event)),
		);
		const answer = await trigger().deliver(
			signedDelivery(secret, event, { timestamp, signature: wrong.join(' ') }),
		);
		expect(answer).toMatchObject({ status: 401, started: false });
	});

	it('refuses an expired and a future-dated timestamp (more than 5 minutes off) with 401, even when signed', async () => {
		for (const offset of [-400, 400]) {
			const answer = await trigger().deliver(
				signedDelivery(secret, videoEvent('video.completed', 'v'), {
					timestamp: nowSeconds() + offset,
				}),
			);
			expect(answer).toMatchObject({ status: 401, started: false });
			expect((answer.body as { error: string }).error).toMatch(/more than 5 minutes/);
		}
		const inTolerance = await trigger().deliver(
			signedDelivery(secret, videoEvent('video.completed', 'v'), { timestamp: nowSeconds() - 200 }),
		);
		expect(inTolerance).toMatchObject({ status: 200, started: true });
	});

	it('starts nothing for a replayed or redelivered webhook-id, answering 200 so that the provider stops retrying', async () => {
		const harness = trigger();
		const event = videoEvent('video.completed', 'video_abc');
		expect(await harness.deliver(signedDelivery(secret, event))).toMatchObject({
			status: 200,
			started: true,
		});
		const replay = await harness.deliver(signedDelivery(secret, event));
		expect(replay).toMatchObject({
			status: 200,
			started: false,
			body: { received: true, ignored: 'redelivery' },
		});
		const later = await harness.deliver(
			signedDelivery(secret, event, { timestamp: nowSeconds() - 100 }),
		);
		expect(later).toMatchObject({ status: 200, started: false });
		const another = await harness.deliver(
			signedDelivery(secret, videoEvent('video.completed', 'video_abc')),
		);
		expect(another).toMatchObject({ status: 200, started: true });
		expect(Object.keys(harness.staticData.deliveries as object)).toHaveLength(2);
	});

	it('keeps the delivery log bounded in the workflow static data', async () => {
		const harness = trigger();
		const now = nowSeconds();
		harness.staticData.deliveries = Object.fromEntries(
			Array.from({ length: MAX_REMEMBERED_DELIVERIES + 50 }, (_, i) => [`old_${i}`, now - 10 - i]),
		);
		harness.staticData.deliveries = {
			...(harness.staticData.deliveries as object),
			stale: now - 25 * 3600,
		};
		expect(
			await harness.deliver(signedDelivery(secret, videoEvent('video.completed', 'v'))),
		).toMatchObject({ started: true });
		const log = harness.staticData.deliveries as Record<string, number>;
		expect(Object.keys(log)).toHaveLength(MAX_REMEMBERED_DELIVERIES);
		expect(log.stale).toBeUndefined();
		expect(log.old_0).toBe(now - 10);
	});

	it('answers 400 for a signed body that is not JSON, and n8n itself answers 422 when it was sent as application/json', async () => {
		const asText = await trigger().deliver(
			signedDelivery(secret, '{"type": "video.completed", ', { contentType: 'text/plain' }),
		);
		expect(asText).toMatchObject({
			status: 400,
			started: false,
			body: { error: 'The body is not valid JSON' },
		});
		const noType = await trigger().deliver(signedDelivery(secret, 'not json', { contentType: '' }));
		expect(noType).toMatchObject({ status: 400, started: false });
		const asJson = await trigger().deliver(signedDelivery(secret, '{"type": "video.completed", '));
		expect(asJson).toMatchObject({ status: 422, started: false });
	});

	it('answers 400 for signed JSON that is not a video event', async () => {
		for (const body of [
			{ type: 'video.completed', data: {} },
			{ data: { id: 'video_1' } },
			[1, 2],
		]) {
			expect(await trigger().deliver(signedDelivery(secret, JSON.stringify(body)))).toMatchObject({
				status: 400,
				started: false,
			});
		}
	});

	it('answers 413 for a body above 1 MiB without checking or parsing it', async () => {
		const event = {
			...videoEvent('video.completed', 'video_abc'),
			padding: 'x'.repeat(MAX_DELIVERY_BYTES),
		};
		const answer = await trigger().deliver(signedDelivery(secret, event));
		expect(answer).toMatchObject({ status: 413, started: false });
		const unsigned = await trigger().deliver({
			body: Buffer.alloc(MAX_DELIVERY_BYTES + 1, 0x20),
			headers: {},
		});
		expect(unsigned).toMatchObject({ status: 413, started: false });
	});

	it('acknowledges events that are not selected with 200 and starts nothing', async () => {
		const harness = trigger({ events: ['video.completed'] });
		const failed = await harness.deliver(
			signedDelivery(secret, videoEvent('video.failed', 'video_abc')),
		);
		expect(failed).toMatchObject({
			status: 200,
			started: false,
			body: { received: true, ignored: 'event not selected' },
		});
		const unknown = await harness.deliver(
			signedDelivery(secret, videoEvent('video.created', 'video_abc')),
		);
		expect(unknown).toMatchObject({ status: 200, started: false });
		const completed = await harness.deliver(
			signedDelivery(secret, videoEvent('video.completed', 'video_abc')),
		);
		expect(completed).toMatchObject({ status: 200, started: true });
	});

	it("uses the trigger's own Signing Secret over the credential's", async () => {
		const own = newSecret();
		const harness = trigger({ options: { signingSecret: own } });
		expect(
			await harness.deliver(signedDelivery(own, videoEvent('video.completed', 'v'))),
		).toMatchObject({ status: 200, started: true });
		expect(
			await harness.deliver(signedDelivery(secret, videoEvent('video.completed', 'v'))),
		).toMatchObject({ status: 401 });
	});

	it('takes a plain (non-whsec_) secret as raw key bytes', async () => {
		const harness = trigger({}, { webhookSecret: 'plain-shared-secret' });
		expect(
			await harness.deliver(
				signedDelivery('plain-shared-secret', videoEvent('video.completed', 'v')),
			),
		).toMatchObject({ started: true });
	});

	it('refuses every delivery with 500 when no secret is set, and refuses to listen', async () => {
		const harness = trigger({}, {});
		const answer = await harness.deliver(
			signedDelivery(secret, videoEvent('video.completed', 'v')),
		);
		expect(answer).toMatchObject({ status: 500, started: false });
		expect((answer.body as { error: string }).error).toMatch(/No webhook signing secret is set/);
		await expect(harness.activate()).rejects.toThrow('No webhook signing secret is set');
		await expect(trigger().activate()).resolves.toBe(true);
		await expect(trigger({ options: { signingSecret: secret } }, {}).activate()).resolves.toBe(
			true,
		);
	});

	it.each([
		['whsec_', 0],
		['whsec_c2hvcnQ=', 5],
		['too-short', 9],
	])(
		'refuses to listen with the secret %p (a key of %d bytes), and refuses a delivery signed with it',
		async (weakSecret, bytes) => {
			const harness = trigger({}, { webhookSecret: weakSecret });
			const problem = `The webhook signing secret is too short: its key has ${bytes} bytes, at least 16 are needed`;
			await expect(harness.activate()).rejects.toThrow(problem);
			const forged = await harness.deliver(
				signedDelivery(weakSecret, videoEvent('video.completed', 'video_forged')),
			);
			expect(forged).toMatchObject({ status: 500, started: false });
			expect((forged.body as { error: string }).error).toContain(problem);
		},
	);

	it('refuses an empty-key delivery signed by hand (HMAC with no key) for a whsec_ secret', async () => {
		const harness = trigger({}, { webhookSecret: 'whsec_' });
		const event = videoEvent('video.completed', 'video_forged');
		const rawBody = JSON.stringify(event);
		const timestamp = nowSeconds();
		const signature = createHmac('sha256', Buffer.alloc(0))
			.update(`${event.id}.${timestamp}.${rawBody}`)
			.digest('base64');
		const answer = await harness.deliver({
			body: rawBody,
			headers: {
				'content-type': 'application/json',
				'webhook-id': event.id,
				'webhook-timestamp': String(timestamp),
				'webhook-signature': `v1,${signature}`,
			},
		});
		expect(answer).toMatchObject({ status: 500, started: false });
	});

	it('refuses with 500, not by re-serialising JSON, when the host kept no raw body', async () => {
		const delivery = {
			...signedDelivery(secret, videoEvent('video.completed', 'v')),
			withoutRawBody: true,
		};
		const answer = await trigger().deliver(delivery);
		expect(answer).toMatchObject({ status: 500, started: false });
		expect((answer.body as { error: string }).error).toMatch(/raw request body/);
	});
});
