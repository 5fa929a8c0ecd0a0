import { request } from 'undici';
import { startReferenceServer, type ReferenceServer } from './index';
import { call, formWith } from './test-client';

describe("mode 'laozhang' (LaoZhang's Muse models on a new-api derivative)", () => {
	let server: ReferenceServer;
	beforeAll(async () => {
		server = await startReferenceServer({
			mode: 'laozhang',
			generationMs: 60_000,
			refreshMs: 60_000,
		});
	});
	afterEach(() => server.reset());
	afterAll(() => server.close());

	const create = (json: Record<string, unknown>) =>
		call(server, 'POST', '/videos', { json: { model: 'muse-video', prompt: 'A cat', ...json } });

	it('makes muse-video 10 s by default, 5/8/10 on request, and muse-video-Ns at their fixed length', async () => {
		const byDefault = await create({});
		expect(byDefault.status).toBe(200);
		expect(byDefault.json).toEqual({
			id: expect.stringMatching(/^task_[A-Za-z0-9]{32}$/),
			task_id: byDefault.json.id,
			object: 'video',
			model: 'muse-video',
			status: 'queued',
			progress: 0,
			created_at: expect.any(Number),
			seconds: '10',
			size: '1280x720',
		});
		expect((await create({ seconds: '5', aspect_ratio: '9:16' })).json).toMatchObject({
			seconds: '5',
			size: '720x1280',
		});
		expect((await create({ model: 'muse-video-30s' })).json.seconds).toBe('30');
		expect((await create({ model: 'muse-video-60s', seconds: '60' })).json.seconds).toBe('60');
		expect(server.createCount).toBe(4);
		expect(server.contractViolations).toEqual([]);
	});

	it('takes image (URL or data URL), last_frame, video_url and a multipart input_reference', async () => {
		const json = await create({
			image: 'data:image/png;base64,iVBORw0KGgo=',
			last_frame: 'https://example.com/last.png',
			video_url: 'https://example.com/in.mp4',
			size: '1280x720',
		});
		expect(json.status).toBe(200);
		const form = formWith(
			{ model: 'muse-video', prompt: 'A cat', seconds: '8' },
			{ input_reference: 'input-720x1280.png' },
		);
		const multipart = await call(server, 'POST', '/videos', { form });
		expect(multipart.status).toBe(200);
		expect(multipart.json.seconds).toBe('8');
	});

	it('refuses what it does not take, in the task-relay shape, as dialect violations', async () => {
		const refusals: Array<Record<string, unknown>> = [
			{ seconds: '12' },
			{ seconds: 10 },
			{ model: 'muse-video-20s', seconds: '10' },
			{ aspect_ratio: '16:9', size: '1280x720' },
			{ aspect_ratio: '4:3' },
			{ image: 'not a url' },
		];
		for (const json of refusals) {
			const answer = await create(json);
			expect(answer.status).toBe(400);
			expect(answer.json).toEqual({
				code: expect.any(String),
				message: expect.any(String),
				data: null,
			});
		}
		expect(server.contractViolations).toHaveLength(refusals.length);
		expect(server.contractViolations[0]).toMatch(/^laozhang dialect: /);
		const sora = await create({ model: 'sora-2' });
		expect(sora.status).toBe(503);
		expect(sora.json.error.code).toBe('model_not_found');
		expect(server.createCount).toBe(0);
	});

	it('lags like new-api and, when completed, names a video_url on the CDN that needs no key', async () => {
		const { id } = (await create({})).json;
		expect((await call(server, 'GET', `/videos/${id}`)).json.status).toBe('unknown');
		server.completeNow(id);
		const done = (await call(server, 'GET', `/videos/${id}`)).json;
		expect(done).toMatchObject({
			id,
			status: 'completed',
			progress: 100,
			seconds: '10',
			completed_at: expect.any(Number),
		});
		expect(done.video_url.startsWith(`${server.cdn.url}/`)).toBe(true);
		const file = await request(done.video_url);
		expect(file.statusCode).toBe(200);
		expect(file.headers['content-type']).toBe('video/mp4');
		expect(Buffer.from(await file.body.arrayBuffer()).equals(await server.servedBytes(id))).toBe(
			true,
		);
		expect(server.cdn.sawCredentials).toBe(false);
		const content = await call(server, 'GET', `/videos/${id}/content`);
		expect(content.status).toBe(200);
		expect(content.bytes.equals(await server.servedBytes(id))).toBe(true);
	});

	it('ends a [fail] task with status failed and an error', async () => {
		const { id } = (await create({ prompt: 'A cat [fail]' })).json;
		server.completeNow(id);
		const failed = (await call(server, 'GET', `/videos/${id}`)).json;
		expect(failed).toMatchObject({
			id,
			status: 'failed',
			error: { message: expect.any(String), code: expect.any(String) },
		});
		expect(failed.video_url).toBeUndefined();
	});

	it('shares new-api answers: 404 Invalid URL for list/delete, 400 task_not_exist, 401 Invalid token, mixed /models', async () => {
		for (const [method, path] of [
			['GET', '/videos'],
			['DELETE', '/videos/task_1'],
		]) {
			const answer = await call(server, method, path);
			expect(answer.status).toBe(404);
			expect(answer.json.error.message).toBe(`Invalid URL (${method} /v1${path})`);
		}
		expect((await call(server, 'GET', '/videos/task_nope')).json).toEqual({
			code: 'task_not_exist',
			message: 'task_not_exist',
			data: null,
		});
		expect((await call(server, 'GET', '/models', { apiKey: 'sk-bad' })).json.error.type).toBe(
			'new_api_error',
		);
		const ids = (await call(server, 'GET', '/models')).json.data.map(
			(model: { id: string }) => model.id,
		);
		expect(ids).toEqual(
			expect.arrayContaining(['muse-video', 'muse-video-20s', 'muse-video-60s', 'gpt-4o-mini']),
		);
	});
});
