import { startReferenceServer, type ReferenceServer } from './index';
import { call } from './test-client';

const veo = {
	model: 'google/veo-3.1',
	prompt: 'A paper boat',
	duration: 8,
	resolution: '720p',
	aspect_ratio: '16:9',
};

describe("mode 'openrouter' (OpenRouter's video API of hosts.md)", () => {
	let server: ReferenceServer;
	beforeAll(async () => {
		server = await startReferenceServer({ mode: 'openrouter', generationMs: 60_000 });
	});
	afterEach(() => {
		server.setOptions({ absolutePollingUrl: undefined });
		server.reset();
	});
	afterAll(() => server.close());

	const create = (json: Record<string, unknown>) => call(server, 'POST', '/videos', { json });

	it('lives under /api/v1 and answers a create with 202, a job- id and a polling_url', async () => {
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
		const created = await create(veo);
		expect(created.status).toBe(202);
		expect(created.json).toEqual({
			id: expect.stringMatching(/^job-/),
			polling_url: `/api/v1/videos/${created.json.id}`,
			status: 'pending',
		});
		server.setOptions({ absolutePollingUrl: true });
		const absolute = await create(veo);
		expect(absolute.json.polling_url).toBe(`${server.url}/videos/${absolute.json.id}`);
		expect(server.createCount).toBe(2);
		expect(server.contractViolations).toEqual([]);
	});

	it('takes its own fields: frame_images, input_references, seed, size, generate_audio, callback_url', async () => {
		const image = { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } };
		const full = await create({
			...veo,
			generate_audio: true,
			frame_images: [
				{ ...image, frame_type: 'first_frame' },
				{ ...image, frame_type: 'last_frame' },
			],
			input_references: [image],
			callback_url: 'https://127.0.0.1:9/hook',
		});
		expect(full.status).toBe(202);
		const seedance = await create({
			model: 'bytedance/seedance-1-pro',
			prompt: 'A cat',
			duration: 5,
			size: '1280x720',
			seed: 42,
		});
		expect(seedance.status).toBe(202);
		expect(server.videos.get(seedance.json.id)?.size).toBe('1280x720');
	});

	it('refuses unknown keys and values the model does not support with 400, recorded as dialect violations', async () => {
		const refusals: Array<[Record<string, unknown>, RegExp]> = [
			[{ ...veo, seconds: '8' }, /Unrecognized key\(s\) in object: 'seconds'/],
			[{ ...veo, input_reference: 'https://example.com/a.png' }, /'input_reference'/],
			[{ ...veo, duration: '8' }, /duration: Expected integer/],
			[{ ...veo, duration: 5 }, /does not support duration 5\. Supported durations: 4, 6, 8/],
			[{ ...veo, resolution: '480p' }, /does not support resolution 480p/],
			[{ ...veo, resolution: '900p' }, /Invalid enum value/],
			[{ ...veo, aspect_ratio: '1:1' }, /does not support aspect_ratio 1:1/],
			[{ ...veo, size: '1280x720' }, /does not support size/],
			[{ ...veo, seed: 1 }, /does not support seed/],
			[
				{ model: 'bytedance/seedance-1-pro', prompt: 'x', generate_audio: true },
				/does not support generate_audio/,
			],
			[
				{
					model: 'bytedance/seedance-1-pro',
					prompt: 'x',
					frame_images: [
						{
							type: 'image_url',
							image_url: { url: 'https://e.com/a.png' },
							frame_type: 'last_frame',
						},
					],
				},
				/frame_type last_frame/,
			],
			[{ ...veo, callback_url: 'http://example.com/hook' }, /callback_url/],
			[{ prompt: 'x' }, /model: Required/],
			[{ ...veo, model: 'openai/gpt-4o-mini' }, /does not support video generation/],
			[{ ...veo, model: 'openai/sora-2' }, /is not a valid model ID/],
		];
		for (const [json, message] of refusals) {
			const answer = await create(json);
			expect(answer.status).toBe(400);
			expect(answer.json).toEqual({
				error: { code: 400, message: expect.stringMatching(message), metadata: null },
			});
		}
		expect(server.createCount).toBe(0);
		expect(server.contractViolations).toHaveLength(refusals.length);
		expect(server.contractViolations[0]).toMatch(/^openrouter dialect: POST \/videos: /);
	});

	it('answers a job without object/progress/created_at/seconds/size; when completed unsigned_urls and usage', async () => {
		const { id } = (await create(veo)).json;
		const pending = (await call(server, 'GET', `/videos/${id}`)).json;
		expect(pending).toEqual({
			id,
			polling_url: `/api/v1/videos/${id}`,
			status: 'pending',
			generation_id: expect.stringMatching(/^gen-/),
		});
		server.completeNow(id);
		const done = (await call(server, 'GET', `/videos/${id}`)).json;
		expect(done).toEqual({
			id,
			polling_url: `/api/v1/videos/${id}`,
			status: 'completed',
			generation_id: pending.generation_id,
			unsigned_urls: [`${server.url}/videos/${id}/content?index=0`],
			usage: { cost: 3.2, is_byok: false },
		});
		const content = await call(server, 'GET', `/videos/${id}/content`, { query: { index: 0 } });
		expect(content.status).toBe(200);
		expect(content.headers['content-type']).toBe('video/mp4');
		expect(content.bytes.equals(await server.servedBytes(id))).toBe(true);
		expect(
			(await call(server, 'GET', `/videos/${id}/content`, { query: { index: 0 }, apiKey: null }))
				.status,
		).toBe(401);
	});

	it('ends [fail], [cancelled] and [expired] jobs with error as a string', async () => {
		for (const [marker, status] of [
			['[fail]', 'failed'],
			['[cancelled]', 'cancelled'],
			['[expired]', 'expired'],
		]) {
			const { id } = (await create({ ...veo, prompt: `A boat ${marker}` })).json;
			server.completeNow(id);
			const job = (await call(server, 'GET', `/videos/${id}`)).json;
			expect(job).toMatchObject({ id, status });
			expect(typeof job.error).toBe('string');
			expect(job.unsigned_urls).toBeUndefined();
			const content = await call(server, 'GET', `/videos/${id}/content`, { query: { index: 0 } });
			expect(content.status).toBe(400);
			expect(content.json.error.code).toBe(400);
		}
	});

	it('lists video models at /videos/models with their capabilities, chat models only at /models', async () => {
		const videoModels = (await call(server, 'GET', '/videos/models')).json.data;
		expect(videoModels.map((model: { id: string }) => model.id)).toEqual([
			'google/veo-3.1',
			'bytedance/seedance-1-pro',
			'minimax/hailuo-3',
		]);
		expect(videoModels[0]).toMatchObject({
			supported_durations: [4, 6, 8],
			supported_resolutions: ['720p', '1080p'],
			supported_aspect_ratios: ['16:9', '9:16'],
			supported_frame_images: ['first_frame', 'last_frame'],
			generate_audio: true,
			supported_sizes: null,
		});
		const chat = (await call(server, 'GET', '/models')).json.data.map(
			(model: { id: string }) => model.id,
		);
		expect(chat).toContain('openai/gpt-4o-mini');
		expect(chat).not.toContain('google/veo-3.1');
	});

	it('checks the key at /key, and answers integer-coded errors', async () => {
		const key = await call(server, 'GET', '/key');
		expect(key.status).toBe(200);
		expect(key.json.data.label).toEqual(expect.any(String));
		const bad = await call(server, 'GET', '/key', { apiKey: 'sk-or-bad' });
		expect(bad.status).toBe(401);
		expect(bad.json.error.code).toBe(401);
		const none = await call(server, 'GET', '/key', { apiKey: null });
		expect(none.json).toEqual({
			error: { code: 401, message: 'No auth credentials found', metadata: null },
		});
		const unknown = await call(server, 'GET', '/videos/job-nope');
		expect(unknown.status).toBe(404);
		expect(unknown.json.error).toMatchObject({
			code: 404,
			message: expect.stringContaining('job-nope'),
		});
	});

	it('serves no list, delete, remix, edits, extensions or characters (404 in its shape)', async () => {
		const { id } = (await create(veo)).json;
		const missing: Array<[string, string]> = [
			['GET', '/videos'],
			['DELETE', `/videos/${id}`],
			['POST', `/videos/${id}/remix`],
			['POST', '/videos/edits'],
			['POST', '/videos/extensions'],
			['POST', '/videos/characters'],
		];
		for (const [method, path] of missing) {
			const answer = await call(server, method, path, {
				json: method === 'POST' ? { prompt: 'x' } : undefined,
			});
			expect(answer.status).toBe(404);
			expect(answer.json.error).toEqual({ code: 404, message: expect.any(String), metadata: null });
		}
		const wrongBase = await call(server, 'GET', '/../../v1/videos');
		expect(wrongBase.status).toBe(404);
	});

	it('answers faults in its own error shape', async () => {
		server.injectFault({ kind: 'rate-limit', path: '/videos' });
		const limited = await create(veo);
		expect(limited.status).toBe(429);
		expect(limited.json.error.code).toBe(429);
		expect(limited.headers['retry-after']).toBe('1');
	});
});
