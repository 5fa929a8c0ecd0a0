import { startReferenceServer, type ReferenceServer } from './index';
import { call, expectApiError, formWith } from './test-client';

describe("mode 'retired' (OpenAI's switched-off host)", () => {
	let server: ReferenceServer;
	beforeAll(async () => {
		server = await startReferenceServer({ mode: 'retired' });
	});
	afterAll(() => server.close());

	it('answers every /v1/videos path with 404 Invalid URL', async () => {
		const cases: Array<[string, string]> = [
			['GET', '/videos'],
			['GET', '/videos/video_1'],
			['DELETE', '/videos/video_1'],
			['GET', '/videos/video_1/content'],
			['POST', '/videos/video_1/remix'],
			['POST', '/videos/edits'],
			['POST', '/videos/extensions'],
			['GET', '/videos/characters/char_1'],
		];
		for (const [method, path] of cases) {
			const json = method === 'POST' ? { prompt: 'x' } : undefined;
			const error = expectApiError(await call(server, method, path, { json }), 404, null);
			expect(error).toEqual({
				message: `Invalid URL (${method} /v1${path})`,
				type: 'invalid_request_error',
				param: null,
				code: null,
			});
		}
	});

	it('answers a sora-2 create with model_not_found, another model with Invalid URL', async () => {
		const sora = expectApiError(
			await call(server, 'POST', '/videos', { json: { prompt: 'A cat' } }),
			404,
			'model_not_found',
		);
		expect(sora.message).toBe('The model `sora-2` does not exist or you do not have access to it.');
		const pro = expectApiError(
			await call(server, 'POST', '/videos', { json: { prompt: 'A cat', model: 'sora-2-pro' } }),
			404,
		);
		expect(pro.message).toBe(
			'The model `sora-2-pro` does not exist or you do not have access to it.',
		);
		const other = expectApiError(
			await call(server, 'POST', '/videos', { json: { prompt: 'A cat', model: 'other-model' } }),
			404,
			null,
		);
		expect(other.message).toBe('Invalid URL (POST /v1/videos)');
		expect(server.createCount).toBe(0);
	});

	it('still checks the key first', async () => {
		expectApiError(
			await call(server, 'GET', '/videos', { apiKey: 'sk-bad' }),
			401,
			'invalid_api_key',
		);
	});
});

describe("mode 'gateway' (another provider of the contract)", () => {
	let server: ReferenceServer;
	beforeAll(async () => {
		server = await startReferenceServer({ mode: 'gateway', generationMs: 60_000 });
	});
	afterEach(() => {
		server.setOptions({ rpmLimit: undefined });
		server.reset();
	});
	afterAll(() => server.close());

	it('lists its models', async () => {
		const models = await call(server, 'GET', '/models');
		expect(models.json.object).toBe('list');
		expect(models.json.data.map((model: { id: string }) => model.id)).toEqual([
			'gw-video-1',
			'gw-video-1-fast',
			'gw-text-1',
		]);
		expect(models.json.data[0]).toMatchObject({ object: 'model', owned_by: expect.any(String) });
	});

	it('takes aspect_ratio, resolution, audio, seed and negative_prompt instead of size', async () => {
		const created = await call(server, 'POST', '/videos', {
			json: {
				model: 'gw-video-1',
				prompt: 'A cat',
				seconds: 10,
				aspect_ratio: '9:16',
				resolution: '1080p',
				audio: true,
				seed: 7,
				negative_prompt: 'blur',
			},
		});
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({
			model: 'gw-video-1',
			seconds: '10',
			size: '1080x1920',
			provider: expect.any(String),
			quality: 'standard',
			aspect_ratio: '9:16',
			resolution: '1080p',
			audio: true,
			seed: 7,
		});
		const form = formWith({
			model: 'gw-video-1',
			prompt: 'A cat',
			seconds: '5',
			aspect_ratio: '1:1',
			audio: 'false',
			seed: '3',
		});
		const viaForm = await call(server, 'POST', '/videos', { form });
		expect(viaForm.json).toMatchObject({ size: '720x720', audio: false, seed: 3, seconds: '5' });
		expect(server.contractViolations).toEqual([]);
	});

	it('rejects size, unknown models, non-video models and sora seconds', async () => {
		expectApiError(
			await call(server, 'POST', '/videos', { json: { prompt: 'A cat', size: '1280x720' } }),
			400,
			'unsupported_parameter',
		);
		expectApiError(
			await call(server, 'POST', '/videos', { json: { prompt: 'A cat', model: 'sora-2' } }),
			404,
			'model_not_found',
		);
		expectApiError(
			await call(server, 'POST', '/videos', { json: { prompt: 'A cat', model: 'gw-text-1' } }),
			400,
		);
		expectApiError(
			await call(server, 'POST', '/videos', { json: { prompt: 'A cat', seconds: '8' } }),
			400,
			'invalid_value',
		);
		expectApiError(
			await call(server, 'POST', '/videos', { json: { prompt: 'A cat', resolution: '4k' } }),
			400,
			'invalid_value',
		);
	});

	it('answers the fast model with numeric seconds and without progress', async () => {
		const created = await call(server, 'POST', '/videos', {
			json: { model: 'gw-video-1-fast', prompt: 'A cat' },
		});
		expect(created.json.seconds).toBe(5);
		expect(created.json).not.toHaveProperty('progress');
		expect(server.contractViolations).toEqual([]);
	});

	it("ends an [expired] job with status 'expired' and serves content without a content-type", async () => {
		const expired = await call(server, 'POST', '/videos', { json: { prompt: 'A cat [expired]' } });
		server.completeNow(expired.json.id);
		expect((await call(server, 'GET', `/videos/${expired.json.id}`)).json.status).toBe('expired');
		expectApiError(
			await call(server, 'GET', `/videos/${expired.json.id}/content`),
			404,
			'video_expired',
		);

		const done = await call(server, 'POST', '/videos', { json: { prompt: 'A cat' } });
		server.completeNow(done.json.id);
		const content = await call(server, 'GET', `/videos/${done.json.id}/content`);
		expect(content.status).toBe(200);
		expect(content.headers['content-type']).toBeUndefined();
		expect(content.headers['content-length']).toBe(String(server.fixture('video').length));
		expect(server.contractViolations).toEqual([]);
	});

	it('extends with gateway seconds', async () => {
		const done = await call(server, 'POST', '/videos', {
			json: { prompt: 'A cat', seconds: '10' },
		});
		server.completeNow(done.json.id);
		const extension = await call(server, 'POST', '/videos/extensions', {
			json: { prompt: 'More', seconds: 5, video: { id: done.json.id } },
		});
		expect(extension.json).toMatchObject({ seconds: '15', provider: expect.any(String) });
	});

	it('enforces rpmLimit per key with 429 and no retry-after', async () => {
		server.setOptions({ rpmLimit: 3 });
		for (let i = 0; i < 3; i += 1) expect((await call(server, 'GET', '/videos')).status).toBe(200);
		const limited = await call(server, 'GET', '/videos');
		expectApiError(limited, 429, 'rate_limit_exceeded');
		expect(limited.headers['retry-after']).toBeUndefined();
		server.setOptions({ apiKey: 'sk-other' });
		try {
			expect((await call(server, 'GET', '/videos', { apiKey: 'sk-other' })).status).toBe(200);
		} finally {
			server.setOptions({ apiKey: 'sk-test' });
		}
	});
});
