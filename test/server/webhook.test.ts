import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhook, startReferenceServer, type ReferenceServer } from './index';
import { call } from './test-client';

interface Delivery {
	headers: IncomingHttpHeaders;
	rawBody: string;
}

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const deliveries: Delivery[] = [];
let waiters: Array<() => void> = [];
let receiver: Server;
let server: ReferenceServer;

function nextDelivery(count: number): Promise<void> {
	if (deliveries.length >= count) return Promise.resolve();
	return new Promise((resolve) => waiters.push(() => deliveries.length >= count && resolve()));
}

beforeAll(async () => {
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			deliveries.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(204).end();
			waiters.forEach((wake) => wake());
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
	server = await startReferenceServer({ generationMs: 150, webhook: { url, secret } });
});
afterEach(() => {
	deliveries.length = 0;
	waiters = [];
	server.reset();
});
afterAll(async () => {
	await server.close();
	await new Promise((resolve) => receiver.close(resolve));
});

describe('webhooks', () => {
	it('posts a signed video.completed event when a job ends', async () => {
		const created = await call(server, 'POST', '/videos', { json: { prompt: 'A cat' } });
		await nextDelivery(1);
		const [{ headers, rawBody }] = deliveries;
		const event = JSON.parse(rawBody);
		expect(event).toEqual({
			id: expect.stringMatching(/^evt_/),
			object: 'event',
			created_at: expect.any(Number),
			type: 'video.completed',
			data: { id: created.json.id },
		});
		expect(headers['content-type']).toBe('application/json');
		expect(headers['webhook-id']).toBe(event.id);
		expect(headers['webhook-timestamp']).toBe(String(event.created_at));
		expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(300);

		// recompute the Standard Webhooks signature independently of signWebhook
		const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
		const expected = createHmac('sha256', key)
			.update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${rawBody}`)
			.digest('base64');
		expect(headers['webhook-signature']).toBe(`v1,${expected}`);
		expect(headers['webhook-signature']).toBe(
			signWebhook(secret, event.id, event.created_at, rawBody),
		);
	});

	it('posts video.failed at once when a failing job is completed early', async () => {
		const created = await call(server, 'POST', '/videos', {
			json: { prompt: 'A cat [fail] [gen=60000]' },
		});
		server.completeNow(created.json.id);
		await nextDelivery(1);
		expect(JSON.parse(deliveries[0].rawBody)).toMatchObject({
			type: 'video.failed',
			data: { id: created.json.id },
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(deliveries).toHaveLength(1);
	});
});

describe('signWebhook', () => {
	it('matches the Standard Webhooks reference vector', () => {
		const signature = signWebhook(
			'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
			'msg_p5jXN8AQM9LWM0D4loKWxJek',
			1614265330,
			'{"test": 2432232314}',
		);
		expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
	});

	it('uses a secret without the whsec_ prefix as raw bytes', () => {
		const expected = createHmac('sha256', 'plain-secret').update('evt_1.100.{}').digest('base64');
		expect(signWebhook('plain-secret', 'evt_1', 100, '{}')).toBe(`v1,${expected}`);
	});
});
