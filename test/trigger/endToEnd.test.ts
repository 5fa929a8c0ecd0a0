import { request } from 'undici';

import { readBinary, runNode } from '../harness/runNode';
import { startWebhookFront, TriggerHarness, type WebhookFront } from '../harness/runWebhook';
import { MODERATION_FAILURE, startReferenceServer, type ReferenceServer } from '../server';
import { newSecret, signedDelivery, videoEvent } from './deliveries';

const secret = newSecret();
let server: ReferenceServer;
let front: WebhookFront;

beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 200 });
	const harness = new TriggerHarness({
		parameters: { downloadVideo: true },
		credentials: { apiKey: 'sk-test', baseUrl: server.url, webhookSecret: secret },
	});
	front = await startWebhookFront(harness);
	server.setOptions({ webhook: { url: front.url, secret } });
});
afterAll(async () => {
	await server.close();
	await front.close();
});

async function post(delivery: { body: Buffer | string; headers?: Record<string, string> }) {
	const answer = await request(front.url, {
		method: 'POST',
		body: delivery.body,
		headers: delivery.headers,
	});
	return { status: answer.statusCode, json: (await answer.body.json()) as Record<string, unknown> };
}

describe('reference server → signed HTTP delivery → Sora Trigger → engine', () => {
	it('a video created without waiting arrives as a workflow run with its MP4', async () => {
		const created = await runNode({
			parameters: {
				resource: 'video',
				operation: 'create',
				prompt: 'A lighthouse at dusk',
				model: { mode: 'id', value: 'sora-2' },
				duration: 4,
				size: '720x1280',
				waitForCompletion: false,
			},
			credentials: { apiKey: 'sk-test', baseUrl: server.url },
		});
		expect(created.error).toBeUndefined();
		const videoId = created.items[0].json.id as string;

		const { items, error } = await front.nextRun();
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			type: 'video.completed',
			videoId,
			video: { id: videoId, status: 'completed' },
		});
		expect((await readBinary(items[0].binary!.data)).equals(server.fixture('video'))).toBe(true);
		expect(front.answers.at(-1)).toMatchObject({
			status: 200,
			body: { received: true },
			started: true,
		});
	});

	it('a failed video arrives with its error', async () => {
		await runNode({
			parameters: {
				resource: 'video',
				operation: 'create',
				prompt: 'A cat [fail]',
				model: { mode: 'id', value: 'sora-2' },
				duration: 4,
				size: '720x1280',
				waitForCompletion: false,
			},
			credentials: { apiKey: 'sk-test', baseUrl: server.url },
		});
		const { items } = await front.nextRun();
		expect(items[0].json).toMatchObject({
			type: 'video.failed',
			error: expect.stringContaining(MODERATION_FAILURE.message),
		});
		expect(items[0].binary).toBeUndefined();
	});

	it('undici clients get 401 unsigned, 413 oversized, 200 for a valid delivery and 200 without a second run for its replay', async () => {
		const unsigned = await post({
			body: JSON.stringify(videoEvent('video.completed', 'video_x')),
			headers: { 'content-type': 'application/json' },
		});
		expect(unsigned).toMatchObject({ status: 401, json: { received: false } });

		const oversized = await post(
			signedDelivery(secret, {
				...videoEvent('video.completed', 'video_x'),
				padding: 'x'.repeat(2 * 1024 * 1024),
			}),
		);
		expect(oversized.status).toBe(413);

		const created = await runNode({
			parameters: {
				resource: 'video',
				operation: 'create',
				prompt: 'A kite',
				model: { mode: 'id', value: 'sora-2' },
				duration: 4,
				size: '720x1280',
				waitForCompletion: false,
			},
			credentials: { apiKey: 'sk-test', baseUrl: server.url },
		});
		const videoId = created.items[0].json.id as string;
		expect((await front.nextRun()).items[0].json).toMatchObject({ videoId });

		// The provider's retry of an event is a new delivery of the same webhook-id.
		const delivery = signedDelivery(secret, videoEvent('video.completed', videoId));
		expect(await post(delivery)).toEqual({ status: 200, json: { received: true } });
		expect(await post(delivery)).toEqual({
			status: 200,
			json: { received: true, ignored: 'redelivery' },
		});
		const run = await front.nextRun();
		expect(run.items[0].json).toMatchObject({ videoId });
		expect(run.error).toBeUndefined();
		expect(front.answers.filter((answer) => answer.started)).toHaveLength(4);
	});
});
