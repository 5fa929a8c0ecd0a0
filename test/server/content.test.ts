import { request } from 'undici';
import { readImageInfo, readMp4DurationSeconds } from './media-headers';
import { startReferenceServer, type ReferenceServer } from './index';
import { call, completedVideo, expectApiError, formWith } from './test-client';

let server: ReferenceServer;

beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 60_000 });
});
afterEach(() => {
	server.setOptions({ largeVideoBytes: undefined });
	server.reset();
});
afterAll(() => server.close());

describe('GET /videos/{id}/content', () => {
	it.each([
		['video', 'video/mp4'],
		['thumbnail', 'image/webp'],
		['spritesheet', 'image/jpeg'],
	] as const)('serves the %s fixture as %s with content-length', async (variant, contentType) => {
		const video = await completedVideo(server);
		const query = variant === 'video' ? undefined : { variant };
		const answer = await call(server, 'GET', `/videos/${video.id}/content`, { query });
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toBe(contentType);
		expect(answer.headers['content-length']).toBe(String(server.fixture(variant).length));
		expect(answer.bytes.equals(server.fixture(variant))).toBe(true);
	});

	it('serves small, real media fixtures', () => {
		expect(readMp4DurationSeconds(server.fixture('video'))).toBe(2);
		expect(readImageInfo(server.fixture('thumbnail'))?.mimeType).toBe('image/webp');
		expect(readImageInfo(server.fixture('spritesheet'))?.mimeType).toBe('image/jpeg');
		for (const variant of ['video', 'thumbnail', 'spritesheet'] as const) {
			expect(server.fixture(variant).length).toBeLessThan(100 * 1024);
		}
	});

	it('answers 400 before completion and for a failed job', async () => {
		const running = await call(server, 'POST', '/videos', { json: { prompt: 'A cat' } });
		expectApiError(
			await call(server, 'GET', `/videos/${running.json.id}/content`),
			400,
			'video_not_ready',
		);
		const failed = await call(server, 'POST', '/videos', { json: { prompt: 'A cat [fail]' } });
		server.completeNow(failed.json.id);
		expectApiError(
			await call(server, 'GET', `/videos/${failed.json.id}/content`),
			400,
			'video_failed',
		);
	});

	it('answers 404 for a job whose assets expired ([expire])', async () => {
		const video = await completedVideo(server, { prompt: 'A cat [expire]' });
		expect(video.status).toBe('completed');
		expect(video.expires_at).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
		expectApiError(await call(server, 'GET', `/videos/${video.id}/content`), 404, 'video_expired');
	});

	it('rejects an unknown variant and an unknown video', async () => {
		const video = await completedVideo(server);
		expectApiError(
			await call(server, 'GET', `/videos/${video.id}/content`, { query: { variant: 'gif' } }),
			400,
			'invalid_value',
		);
		expectApiError(await call(server, 'GET', '/videos/video_unknown/content'), 404);
	});

	it('streams largeVideoBytes: the fixture followed by zero padding', async () => {
		const total = 24 * 1024 * 1024 + 17;
		server.setOptions({ largeVideoBytes: total });
		const video = await completedVideo(server);
		const answer = await request(`${server.url}/videos/${video.id}/content`, {
			headers: { authorization: 'Bearer sk-test' },
		});
		expect(answer.headers['content-length']).toBe(String(total));
		const fixture = server.fixture('video');
		let received = 0;
		let head = Buffer.alloc(0);
		let nonZeroPadding = false;
		for await (const chunk of answer.body) {
			const bytes = chunk as Buffer;
			if (head.length < fixture.length)
				head = Buffer.concat([head, bytes]).subarray(0, fixture.length);
			const paddingStart = Math.max(0, fixture.length - received);
			if (paddingStart < bytes.length && bytes.subarray(paddingStart).some((byte) => byte !== 0))
				nonZeroPadding = true;
			received += bytes.length;
		}
		expect(received).toBe(total);
		expect(head.equals(fixture)).toBe(true);
		expect(nonZeroPadding).toBe(false);
	});
});

describe('characters', () => {
	it('creates a character from an uploaded video and fetches it', async () => {
		const created = await call(server, 'POST', '/videos/characters', {
			form: formWith({ name: 'Mochi' }, { video: 'video.mp4' }),
		});
		expect(created.status).toBe(200);
		expect(created.json).toEqual({
			id: expect.stringMatching(/^char_/),
			name: 'Mochi',
			created_at: expect.any(Number),
		});
		expect(server.requests[0].files?.video).toMatchObject({
			filename: 'video.mp4',
			mimeType: 'video/mp4',
			size: server.fixture('video').length,
		});
		const fetched = await call(server, 'GET', `/videos/characters/${created.json.id}`);
		expect(fetched.json).toEqual(created.json);
		expect(server.contractViolations).toEqual([]);
	});

	it('rejects a missing file, a bad name and an unknown id', async () => {
		expectApiError(
			await call(server, 'POST', '/videos/characters', { form: formWith({ name: 'Mochi' }) }),
			400,
			'missing_required_parameter',
		);
		const longName = formWith({ name: 'x'.repeat(81) }, { video: 'video.mp4' });
		expectApiError(
			await call(server, 'POST', '/videos/characters', { form: longName }),
			400,
			'invalid_value',
		);
		const notVideo = formWith({ name: 'Mochi' }, { video: 'input-720x1280.png' });
		expectApiError(
			await call(server, 'POST', '/videos/characters', { form: notVideo }),
			400,
			'unsupported_file',
		);
		expectApiError(
			await call(server, 'GET', '/videos/characters/char_unknown'),
			404,
			'character_not_found',
		);
	});
});
