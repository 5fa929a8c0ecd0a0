import { setTimeout as sleep } from 'node:timers/promises';
import { startReferenceServer, type ReferenceServer } from './index';
import { call, expectApiError } from './test-client';

let server: ReferenceServer;

beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 600 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('job lifecycle', () => {
	it('goes queued → in_progress (rising progress) → completed', async () => {
		const created = await call(server, 'POST', '/videos', {
			json: { prompt: 'A calico cat playing a piano', seconds: '8' },
		});
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({
			object: 'video',
			model: 'sora-2',
			status: 'queued',
			progress: 0,
			size: '720x1280',
			seconds: '8',
			completed_at: null,
			expires_at: null,
			remixed_from_video_id: null,
			error: null,
		});
		expect(created.json.id).toMatch(/^video_/);

		await sleep(250);
		const running = await call(server, 'GET', `/videos/${created.json.id}`);
		expect(running.json.status).toBe('in_progress');
		expect(running.json.progress).toBeGreaterThan(0);
		expect(running.json.progress).toBeLessThan(100);
		await sleep(200);
		const later = await call(server, 'GET', `/videos/${created.json.id}`);
		expect(later.json.progress).toBeGreaterThan(running.json.progress);

		await sleep(250);
		const done = await call(server, 'GET', `/videos/${created.json.id}`);
		expect(done.json).toMatchObject({ status: 'completed', progress: 100, error: null });
		expect(done.json.expires_at - done.json.completed_at).toBe(3600);
		expect(server.videos.get(created.json.id)?.status).toBe('completed');
		expect(server.contractViolations).toEqual([]);
	});

	it('ends failed in-band with the moderation error for a [fail] prompt', async () => {
		const created = await call(server, 'POST', '/videos', { json: { prompt: 'A cat [fail]' } });
		server.completeNow(created.json.id);
		const failed = await call(server, 'GET', `/videos/${created.json.id}`);
		expect(failed.status).toBe(200);
		expect(failed.json).toMatchObject({
			status: 'failed',
			expires_at: null,
			error: {
				code: 'moderation_blocked',
				message: 'Your request was blocked by our moderation system.',
			},
		});
	});

	it('takes the generation time of a [gen=N] prompt', async () => {
		const slow = await call(server, 'POST', '/videos', { json: { prompt: 'A cat [gen=60000]' } });
		const fast = await call(server, 'POST', '/videos', { json: { prompt: 'A cat [gen=0]' } });
		expect(fast.json.status).toBe('completed');
		await sleep(700);
		expect((await call(server, 'GET', `/videos/${slow.json.id}`)).json.status).not.toBe(
			'completed',
		);
		server.completeNow(slow.json.id);
		expect((await call(server, 'GET', `/videos/${slow.json.id}`)).json.status).toBe('completed');
	});

	it('adds openai-poll-after-ms to status answers when configured', async () => {
		const created = await call(server, 'POST', '/videos', { json: { prompt: 'A cat' } });
		expect(
			(await call(server, 'GET', `/videos/${created.json.id}`)).headers['openai-poll-after-ms'],
		).toBeUndefined();
		server.setOptions({ pollAfterMs: 1234 });
		try {
			expect(
				(await call(server, 'GET', `/videos/${created.json.id}`)).headers['openai-poll-after-ms'],
			).toBe('1234');
		} finally {
			server.setOptions({ pollAfterMs: undefined });
		}
	});

	it('answers 404 for an unknown video and counts only created jobs', async () => {
		expectApiError(await call(server, 'GET', '/videos/video_nope'), 404, 'video_not_found');
		await call(server, 'POST', '/videos', { json: { prompt: 'A cat' } });
		await call(server, 'POST', '/videos', { json: { seconds: '8' } });
		expect(server.createCount).toBe(1);
	});
});

describe('authentication and recording', () => {
	it('accepts a Bearer token or an api-key header, and rejects anything else with 401', async () => {
		expect((await call(server, 'GET', '/videos')).status).toBe(200);
		expect(
			(await call(server, 'GET', '/videos', { apiKey: null, headers: { 'api-key': 'sk-test' } }))
				.status,
		).toBe(200);
		const wrong = expectApiError(
			await call(server, 'GET', '/videos', { apiKey: 'sk-wrong-key' }),
			401,
			'invalid_api_key',
		);
		expect(wrong.type).toBe('invalid_request_error');
		expect(wrong.param).toBeNull();
		expectApiError(await call(server, 'GET', '/videos', { apiKey: null }), 401, 'invalid_api_key');
	});

	it('records each request with its path, query, body and answer', async () => {
		await call(server, 'POST', '/videos', { json: { prompt: 'A cat' } });
		await call(server, 'GET', '/videos', { query: { limit: 5 } });
		expect(server.requests).toHaveLength(2);
		expect(server.requests[0]).toMatchObject({
			method: 'POST',
			path: '/videos',
			json: { prompt: 'A cat' },
			contentType: 'application/json',
			status: 200,
		});
		expect(server.requests[0].headers.authorization).toBe('Bearer sk-test');
		expect(server.requests[1]).toMatchObject({
			method: 'GET',
			path: '/videos',
			query: { limit: '5' },
			status: 200,
		});
	});

	it('answers unknown URLs like the real API', async () => {
		const error = expectApiError(await call(server, 'GET', '/nothing-here'), 404, null);
		expect(error.message).toBe('Invalid URL (GET /v1/nothing-here)');
	});

	it('lists the sora models on /v1/models', async () => {
		const models = await call(server, 'GET', '/models');
		expect(models.json.object).toBe('list');
		expect(models.json.data.map((model: { id: string }) => model.id)).toEqual(
			expect.arrayContaining(['sora-2', 'sora-2-pro']),
		);
	});
});
