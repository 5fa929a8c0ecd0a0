import { request } from 'undici';
import { startReferenceServer, type ReferenceServer } from './index';
import { call, formWith } from './test-client';

const TASK_ID = /^task_[A-Za-z0-9]{32}$/;

async function pollUntil(
	server: ReferenceServer,
	id: string,
	done: (task: any) => boolean,
): Promise<any> {
	for (let attempt = 0; attempt < 100; attempt += 1) {
		const task = (await call(server, 'GET', `/videos/${id}`)).json;
		if (done(task)) return task;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`task ${id} never reached the awaited state`);
}

describe("mode 'newapi' (the new-api gateway of hosts.md)", () => {
	let server: ReferenceServer;
	beforeAll(async () => {
		server = await startReferenceServer({
			mode: 'newapi',
			generationMs: 60_000,
			refreshMs: 60_000,
		});
	});
	afterEach(() => {
		server.setOptions({ refreshMs: 60_000, generationMs: 60_000 });
		server.reset();
	});
	afterAll(() => server.close());

	const create = (json: Record<string, unknown>) =>
		call(server, 'POST', '/videos', { json: { model: 'sora-2', prompt: 'A cat', ...json } });

	it('answers a sora-2 create with HTTP 200, a task_ id twice, no prompt and no null keys', async () => {
		const created = await create({ seconds: '8' });
		expect(created.status).toBe(200);
		expect(created.json).toEqual({
			id: expect.stringMatching(TASK_ID),
			task_id: created.json.id,
			object: 'video',
			model: 'sora-2',
			status: 'queued',
			progress: 0,
			created_at: expect.any(Number),
			seconds: '8',
			size: '720x1280',
		});
		expect(server.createCount).toBe(1);
		expect(server.contractViolations).toEqual([]);
	});

	it('takes multipart with an input_reference file and the other accepted fields', async () => {
		const form = formWith(
			{ model: 'sora-2-pro', prompt: 'A cat', seconds: '4', size: '1792x1024' },
			{ input_reference: 'input-720x1280.png' },
		);
		const created = await call(server, 'POST', '/videos', { form });
		expect(created.status).toBe(200);
		expect(created.json.size).toBe('1792x1024');
		const json = await create({
			model: 'kling-v2-1',
			image: 'https://example.com/a.png',
			images: ['https://example.com/b.png'],
			duration: 5,
			mode: 'std',
			metadata: { negative_prompt: 'blur' },
			input_reference: 'https://example.com/c.png',
		});
		expect(json.status).toBe(200);
	});

	it('refuses what the host refuses, in its shapes, and records the dialect violations', async () => {
		const noModel = await call(server, 'POST', '/videos', { json: { prompt: 'A cat' } });
		expect(noModel.status).toBe(400);
		expect(noModel.json.error).toMatchObject({ type: 'new_api_error', code: '' });
		expect(noModel.json.error.message).toMatch(/^Model name not specified/);
		const noPrompt = await call(server, 'POST', '/videos', { json: { model: 'sora-2' } });
		expect(noPrompt.status).toBe(400);
		expect(noPrompt.json).toMatchObject({ code: 'invalid_request', data: null });
		const numeric = await create({ seconds: 4 });
		expect(numeric.status).toBe(400);
		expect(numeric.json).toEqual({ code: 'invalid_json', message: expect.any(String), data: null });
		const size = await create({ size: '1792x1024' });
		expect(size.status).toBe(400);
		expect(size.json).toEqual({
			code: 'invalid_size',
			message: 'sora-2 size is invalid',
			data: null,
		});
		expect((await create({ model: 'sora-2-pro', size: '1024x1792' })).status).toBe(200);
		const unknownModel = await create({ model: 'sora-3' });
		expect(unknownModel.status).toBe(503);
		expect(unknownModel.json.error.code).toBe('model_not_found');
		expect(server.createCount).toBe(1);
		expect(server.contractViolations).toHaveLength(4);
		expect(server.contractViolations[0]).toMatch(/^newapi dialect: POST \/videos: /);
	});

	it('answers 401 Invalid token for a bad key, and 404 Invalid URL for what it does not serve', async () => {
		const bad = await call(server, 'GET', '/models', { apiKey: 'sk-bad' });
		expect(bad.status).toBe(401);
		expect(bad.json).toEqual({
			error: {
				message: expect.stringMatching(/^Invalid token \(request id: .+\)$/),
				type: 'new_api_error',
				code: '',
			},
		});
		const missing: Array<[string, string]> = [
			['GET', '/videos'],
			['DELETE', '/videos/task_1'],
			['POST', '/videos/edits'],
			['POST', '/videos/extensions'],
			['POST', '/videos/characters'],
			['GET', '/videos/characters/char_1'],
		];
		for (const [method, path] of missing) {
			const answer = await call(server, method, path, {
				json: method === 'POST' ? { prompt: 'x' } : undefined,
			});
			expect(answer.status).toBe(404);
			expect(answer.json).toEqual({
				error: {
					message: `Invalid URL (${method} /v1${path})`,
					type: 'invalid_request_error',
					param: '',
					code: '',
				},
			});
		}
	});

	it('answers from a table refreshed every refreshMs: unknown first, then the job state', async () => {
		server.setOptions({ generationMs: 100 });
		const { id } = (await create({})).json;
		expect((await call(server, 'GET', `/videos/${id}`)).json).toMatchObject({
			id,
			status: 'unknown',
			progress: 0,
		});
		server.setOptions({ refreshMs: 50 });
		await new Promise((resolve) => setTimeout(resolve, 200));
		const done = (await call(server, 'GET', `/videos/${id}`)).json;
		expect(done).toMatchObject({
			id,
			task_id: id,
			status: 'completed',
			progress: 100,
			seconds: '4',
			size: '720x1280',
		});
		expect(done.completed_at).toEqual(expect.any(Number));
		expect('prompt' in done).toBe(false);
	});

	it('answers an unknown task with HTTP 400 task_not_exist', async () => {
		const answer = await call(server, 'GET', '/videos/task_nope');
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ code: 'task_not_exist', message: 'task_not_exist', data: null });
	});

	it('answers a failed sora-channel task as its upstream error beside the id, without status', async () => {
		const { id } = (await create({ prompt: 'A cat [fail]' })).json;
		server.completeNow(id);
		const answer = await call(server, 'GET', `/videos/${id}`);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			id,
			error: { message: expect.any(String), type: expect.any(String), code: 'moderation_blocked' },
		});
	});

	it('serves content only when the table says completed, always the MP4, variant ignored', async () => {
		const { id } = (await create({})).json;
		const early = await call(server, 'GET', `/videos/${id}/content`);
		expect(early.status).toBe(400);
		expect(early.json.error.message).toBe('Task is not completed yet, current status: NOT_START');
		expect((await call(server, 'GET', '/videos/task_nope/content')).status).toBe(404);
		server.completeNow(id);
		for (const variant of ['video', 'thumbnail', 'spritesheet']) {
			const content = await call(server, 'GET', `/videos/${id}/content`, { query: { variant } });
			expect(content.status).toBe(200);
			expect(content.headers['content-type']).toBe('video/mp4');
			expect(content.bytes.equals(await server.servedBytes(id))).toBe(true);
		}
	});

	it('puts a task channel result at metadata.url on the CDN, which needs no key', async () => {
		server.setOptions({ refreshMs: 40, generationMs: 5000 });
		const created = await create({ model: 'kling-v2-master', duration: 5 });
		expect(Object.keys(created.json).sort()).toEqual([
			'created_at',
			'id',
			'model',
			'object',
			'progress',
			'status',
			'task_id',
		]);
		const running = await pollUntil(
			server,
			created.json.id,
			(task) => task.status === 'in_progress',
		);
		expect(running).toMatchObject({ status: 'in_progress', completed_at: expect.any(Number) });
		expect(running.metadata).toBeUndefined();
		server.completeNow(created.json.id);
		const done = (await call(server, 'GET', `/videos/${created.json.id}`)).json;
		expect(done.status).toBe('completed');
		expect(done.metadata.url.startsWith(server.cdn.url)).toBe(true);
		expect(new URL(done.metadata.url).origin).not.toBe(new URL(server.url).origin);
		const file = await request(done.metadata.url);
		expect(file.statusCode).toBe(200);
		expect(
			Buffer.from(await file.body.arrayBuffer()).equals(await server.servedBytes(created.json.id)),
		).toBe(true);
		expect(server.cdn.requests).toHaveLength(1);
		expect(server.cdn.sawCredentials).toBe(false);
		await (
			await request(done.metadata.url, { headers: { authorization: 'Bearer sk-test' } })
		).body.dump();
		expect(server.cdn.sawCredentials).toBe(true);
		expect((await request(`${server.cdn.url}/files/task_nope.mp4`)).statusCode).toBe(404);
	});

	it('answers a remix in the task-relay shape (sent upstream with the public id)', async () => {
		const { id } = (await create({})).json;
		server.completeNow(id);
		const remix = await call(server, 'POST', `/videos/${id}/remix`, {
			json: { prompt: 'Now at night' },
		});
		expect(remix.status).toBe(404);
		expect(remix.json).toEqual({
			code: 'video_not_found',
			message: expect.stringContaining(id),
			data: null,
		});
		expect(server.createCount).toBe(1);
	});

	it('lists chat and video models mixed, in the OpenAI list shape', async () => {
		const models = await call(server, 'GET', '/models');
		expect(models.json.object).toBe('list');
		const ids = models.json.data.map((model: { id: string }) => model.id);
		expect(ids).toEqual(
			expect.arrayContaining(['gpt-4o-mini', 'sora-2', 'sora-2-pro', 'kling-v2-master', 'veo-3.1']),
		);
		expect(models.json.data[0]).toMatchObject({
			object: 'model',
			owned_by: expect.any(String),
			created: expect.any(Number),
		});
	});
});
