import { readBinary, runNode } from '../harness/runNode';
import { startWebhookFront, TriggerHarness, type WebhookFront } from '../harness/runWebhook';
import { startReferenceServer, type ReferenceServer } from '../server';
import { openRouterDelivery } from '../server/modes/openrouter-webhooks';

const secret = 'or-signing-secret';
const event = (status: string, id = 'job-abc') => ({
	type: `video.generation.${status}`,
	created_at: new Date().toISOString(),
	data: { id, status },
});
const asRequest = (delivery: { rawBody: string; headers: Record<string, string> }) => ({
	body: delivery.rawBody,
	headers: delivery.headers,
});

function trigger() {
	return new TriggerHarness({
		parameters: { fetchVideo: false } as never,
		credentials: { webhookSecret: secret, hostType: 'openRouter' } as never,
	});
}

describe("Sora Trigger: OpenRouter's webhooks", () => {
	it('a signed video.generation.completed starts the workflow as video.completed, keyed by its idempotency header', async () => {
		const answer = await trigger().deliver(
			asRequest(openRouterDelivery(secret, event('completed'))),
		);
		expect(answer).toMatchObject({ status: 200, started: true });
		expect(answer.workflowData?.[0][0].json).toMatchObject({
			type: 'video.completed',
			videoId: 'job-abc',
			webhookId: 'job-abc-completed',
		});
	});

	it.each(['failed', 'cancelled', 'expired'])(
		'video.generation.%s arrives as video.failed',
		async (status) => {
			const harness = new TriggerHarness({
				parameters: { events: ['video.failed'], fetchVideo: false } as never,
				credentials: { webhookSecret: secret } as never,
			});
			const answer = await harness.deliver(asRequest(openRouterDelivery(secret, event(status))));
			expect(answer.workflowData?.[0][0].json).toMatchObject({
				type: 'video.failed',
				videoId: 'job-abc',
			});
		},
	);

	it('forged, tampered and stale deliveries are refused with 401', async () => {
		const forged = await trigger().deliver(
			asRequest(openRouterDelivery(secret, event('completed'), { signWith: 'another-secret' })),
		);
		expect(forged).toMatchObject({ status: 401, started: false });
		const delivery = openRouterDelivery(secret, event('completed'));
		const tampered = await trigger().deliver({
			body: delivery.rawBody.replace('job-abc', 'job-xyz'),
			headers: delivery.headers,
		});
		expect(tampered).toMatchObject({ status: 401, started: false });
		const stale = await trigger().deliver(
			asRequest(
				openRouterDelivery(secret, event('completed'), {
					timestampSeconds: Math.floor(Date.now() / 1000) - 600,
				}),
			),
		);
		expect(stale).toMatchObject({
			status: 401,
			started: false,
			body: { error: expect.stringMatching(/more than 5 minutes/) },
		});
	});

	it('a redelivery with the same idempotency key starts nothing', async () => {
		const harness = trigger();
		expect(
			(await harness.deliver(asRequest(openRouterDelivery(secret, event('completed'))))).started,
		).toBe(true);
		const again = await harness.deliver(asRequest(openRouterDelivery(secret, event('completed'))));
		expect(again).toMatchObject({ status: 200, started: false, body: { ignored: 'redelivery' } });
	});

	it('a replay of a signed delivery with another X-OpenRouter-Idempotency-Key (not signed) starts no second run', async () => {
		const harness = trigger();
		const delivery = openRouterDelivery(secret, event('completed'));
		expect((await harness.deliver(asRequest(delivery))).started).toBe(true);
		for (const key of ['job-abc-completed-again', 'another-key', '']) {
			const replay = await harness.deliver({
				body: delivery.rawBody,
				headers: { ...delivery.headers, 'x-openrouter-idempotency-key': key },
			});
			expect(replay).toMatchObject({
				status: 200,
				started: false,
				body: { ignored: 'redelivery' },
			});
		}
		const withoutHeader = { ...delivery.headers };
		delete (withoutHeader as Record<string, string>)['x-openrouter-idempotency-key'];
		const replay = await harness.deliver({ body: delivery.rawBody, headers: withoutHeader });
		expect(replay).toMatchObject({ started: false, body: { ignored: 'redelivery' } });
	});

	it("OpenRouter's own retry (a new timestamp, the same event) starts nothing; the job's next status does", async () => {
		const harness = trigger();
		expect(
			(await harness.deliver(asRequest(openRouterDelivery(secret, event('completed'))))).started,
		).toBe(true);
		const retried = await harness.deliver(
			asRequest(
				openRouterDelivery(secret, event('completed'), {
					timestampSeconds: Math.floor(Date.now() / 1000) - 60,
				}),
			),
		);
		expect(retried).toMatchObject({ started: false, body: { ignored: 'redelivery' } });
		const other = await harness.deliver(
			asRequest(openRouterDelivery(secret, event('completed', 'job-other'))),
		);
		expect(other.started).toBe(true);
	});

	it("a secret of 'whsec_' is refused at activation, and a delivery signed with its empty key starts nothing", async () => {
		const weak = new TriggerHarness({
			parameters: { fetchVideo: false } as never,
			credentials: { webhookSecret: 'whsec_', hostType: 'openRouter' } as never,
		});
		await expect(weak.activate()).rejects.toThrow(
			'The webhook signing secret is too short: its key has 0 bytes, at least 16 are needed',
		);
		for (const signWith of ['', 'whsec_']) {
			const forged = await weak.deliver(
				asRequest(openRouterDelivery(secret, event('completed'), { signWith })),
			);
			expect(forged).toMatchObject({
				status: 500,
				started: false,
				body: { error: expect.stringMatching(/too short/) },
			});
		}
	});
});

describe('OpenRouter → callback_url → Sora Trigger → engine', () => {
	let server: ReferenceServer;
	let front: WebhookFront;
	beforeAll(async () => {
		server = await startReferenceServer({
			mode: 'openrouter',
			generationMs: 200,
			callbackSecret: secret,
		});
		const harness = new TriggerHarness({
			parameters: { downloadVideo: true } as never,
			credentials: {
				apiKey: 'sk-test',
				baseUrl: server.url,
				hostType: 'openRouter',
				webhookSecret: secret,
			} as never,
		});
		front = await startWebhookFront(harness);
	});
	afterAll(async () => {
		await server.close();
		await front.close();
	});

	it("Create sends the trigger's URL as callback_url; the delivery arrives as a run with the video and its MP4", async () => {
		const created = await runNode({
			parameters: {
				resource: 'video',
				operation: 'create',
				prompt: 'A lighthouse at dusk',
				model: { __rl: true, mode: 'id', value: 'google/veo-3.1' },
				duration: 4,
				size: '1280x720',
				waitForCompletion: false,
				options: { callbackUrl: front.url },
			},
			credentials: { apiKey: 'sk-test', baseUrl: server.url, hostType: 'openRouter' },
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
		expect((await readBinary(items[0].binary!.data)).subarray(4, 8).toString()).toBe('ftyp');
	});
});
