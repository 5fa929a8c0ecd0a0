import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	openRouterDelivery,
	signOpenRouterWebhook,
	startReferenceServer,
	type ReferenceServer,
} from './index';
import { call } from './test-client';

interface Delivery {
	path: string;
	headers: IncomingHttpHeaders;
	rawBody: string;
}

const deliveries: Delivery[] = [];
let receiver: Server;
let receiverUrl = '';
let server: ReferenceServer;

async function deliveriesReach(count: number): Promise<void> {
	for (let attempt = 0; attempt < 200 && deliveries.length < count; attempt += 1) {
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

beforeAll(async () => {
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			deliveries.push({
				path: req.url ?? '',
				headers: req.headers,
				rawBody: Buffer.concat(chunks).toString('utf8'),
			});
			res.writeHead(200).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
	server = await startReferenceServer({
		mode: 'openrouter',
		generationMs: 60_000,
		callbackSecret: 'cb-secret',
	});
});
afterEach(() => {
	deliveries.length = 0;
	server.setOptions({ webhook: undefined });
	server.reset();
});
afterAll(async () => {
	await server.close();
	await new Promise((resolve) => receiver.close(resolve));
});

const veo = {
	model: 'google/veo-3.1',
	prompt: 'A paper boat',
	duration: 4,
	resolution: '720p',
	aspect_ratio: '16:9',
};

describe("openrouter mode's webhooks", () => {
	it("posts video.generation.completed to the job's callback_url, signed the OpenRouter way", async () => {
		const { id } = (
			await call(server, 'POST', '/videos', {
				json: { ...veo, callback_url: `${receiverUrl}/job-hook` },
			})
		).json;
		server.completeNow(id);
		await deliveriesReach(1);
		const [{ path, headers, rawBody }] = deliveries;
		expect(path).toBe('/job-hook');
		const event = JSON.parse(rawBody);
		expect(event).toEqual({
			type: 'video.generation.completed',
			created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			data: {
				id,
				status: 'completed',
				generation_id: expect.stringMatching(/^gen-/),
				model: 'google/veo-3.1',
				unsigned_urls: [`${server.url}/videos/${id}/content?index=0`],
				usage: { cost: 1.6, is_byok: false },
			},
		});
		expect(headers['x-openrouter-idempotency-key']).toBe(`${id}-completed`);
		const signature = String(headers['x-openrouter-signature']);
		const [, timestamp, hex] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
		// recomputed independently of signOpenRouterWebhook
		expect(hex).toBe(
			createHmac('sha256', 'cb-secret').update(`${timestamp},${rawBody}`).digest('hex'),
		);
		expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
	});

	it("posts failed/cancelled/expired events with the error string to options.webhook (OpenRouter's scheme)", async () => {
		server.setOptions({ webhook: { url: `${receiverUrl}/workspace`, secret: 'ws-secret' } });
		const { id } = (
			await call(server, 'POST', '/videos', { json: { ...veo, prompt: 'A boat [fail]' } })
		).json;
		server.completeNow(id);
		await deliveriesReach(1);
		const [{ path, headers, rawBody }] = deliveries;
		expect(path).toBe('/workspace');
		const event = JSON.parse(rawBody);
		expect(event.type).toBe('video.generation.failed');
		expect(event.data).toMatchObject({ id, status: 'failed', error: expect.any(String) });
		expect(event.data.usage).toBeUndefined();
		expect(headers['x-openrouter-idempotency-key']).toBe(`${id}-failed`);
		expect(headers['x-openrouter-signature']).toBe(
			signOpenRouterWebhook(
				'ws-secret',
				Number(/t=(\d+)/.exec(String(headers['x-openrouter-signature']))?.[1]),
				rawBody,
			),
		);
	});

	it('builds signed and forged deliveries for tests', () => {
		const event = {
			type: 'video.generation.completed',
			created_at: '2026-12-01T00:00:00.000Z',
			data: { id: 'job-1', status: 'completed' },
		};
		const signed = openRouterDelivery('s3cret', event, { timestampSeconds: 1_700_000_000 });
		expect(signed.rawBody).toBe(JSON.stringify(event));
		expect(signed.headers['x-openrouter-signature']).toBe(
			signOpenRouterWebhook('s3cret', 1_700_000_000, signed.rawBody),
		);
		expect(signed.headers['x-openrouter-idempotency-key']).toBe('job-1-completed');
		const forged = openRouterDelivery('s3cret', event, {
			timestampSeconds: 1_700_000_000,
			signWith: 'other',
		});
		expect(forged.headers['x-openrouter-signature']).not.toBe(
			signed.headers['x-openrouter-signature'],
		);
		expect(signOpenRouterWebhook('key', 1, '{}')).toBe(
			`t=1,v1=${createHmac('sha256', 'key').update('1,{}').digest('hex')}`,
		);
	});
});
