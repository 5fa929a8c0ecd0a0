import { startReferenceServer, type ReferenceServer, type ServerMode } from './index';
import { call } from './test-client';

const bodies: Record<
	string,
	{ path: string; json: Record<string, unknown>; other: Record<string, unknown> }
> = {
	openai: {
		path: '/videos',
		json: { prompt: 'A cat', seconds: '4' },
		other: { prompt: 'A dog', seconds: '4' },
	},
	newapi: {
		path: '/videos',
		json: { model: 'sora-2', prompt: 'A cat' },
		other: { model: 'sora-2', prompt: 'A dog' },
	},
	openrouter: {
		path: '/videos',
		json: { model: 'google/veo-3.1', prompt: 'A cat', duration: 4 },
		other: { model: 'google/veo-3.1', prompt: 'A dog', duration: 4 },
	},
	laozhang: {
		path: '/videos',
		json: { model: 'muse-video', prompt: 'A cat' },
		other: { model: 'muse-video', prompt: 'A dog' },
	},
};

describe.each(Object.keys(bodies) as ServerMode[])('honoursIdempotencyKey in mode %s', (mode) => {
	let server: ReferenceServer;
	const { path, json, other } = bodies[mode];
	beforeAll(async () => {
		server = await startReferenceServer({
			mode,
			generationMs: 60_000,
			honoursIdempotencyKey: true,
		});
	});
	afterEach(() => {
		server.setOptions({ honoursIdempotencyKey: true });
		server.reset();
	});
	afterAll(() => server.close());

	const post = (body: Record<string, unknown>, key?: string) =>
		call(server, 'POST', path, { json: body, headers: key ? { 'idempotency-key': key } : {} });

	it('answers the same job again for the same key and body, without a new job', async () => {
		const first = await post(json, 'key-1');
		expect(first.status).toBeLessThan(300);
		const again = await post({ ...json }, 'key-1');
		expect(again.status).toBe(first.status);
		expect(again.json).toEqual(first.json);
		expect(server.createCount).toBe(1);
		expect((await post(json, 'key-2')).json.id).not.toBe(first.json.id);
		expect(server.createCount).toBe(2);
	});

	it('answers 409 for the same key with another body', async () => {
		await post(json, 'key-1');
		const conflict = await post(other, 'key-1');
		expect(conflict.status).toBe(409);
		expect(conflict.json.error.message).toBe(
			'Idempotency-Key reused with a different request body',
		);
		expect(server.createCount).toBe(1);
	});

	it('ignores the header when the option is off', async () => {
		server.setOptions({ honoursIdempotencyKey: false });
		await post(json, 'key-1');
		await post(json, 'key-1');
		expect(server.createCount).toBe(2);
	});
});
