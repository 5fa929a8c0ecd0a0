import { made, PORTRAIT_DATA_URL, PORTRAIT_PNG, shapeOf } from './family-jobs';
import { startReferenceServer, type ReferenceServer } from './index';
import { call, formWith } from './test-client';

/**
 * new-api's channels (models.md 1.2) measured, not read back: the keys a family reads give an MP4 of
 * that size and length; a key it does not read is dropped and the family's default is what comes out.
 */
describe("mode 'newapi': each channel makes what its family reads", () => {
	let server: ReferenceServer;
	beforeAll(async () => {
		server = await startReferenceServer({ mode: 'newapi', generationMs: 60_000, refreshMs: 0 });
	});
	afterEach(() => server.reset());
	afterAll(() => server.close());

	const json = (body: Record<string, unknown>) => ({ json: { prompt: 'A paper boat', ...body } });

	it('Sora: seconds and size as sent; a key OpenAI does not know is the upstream refusal inside fail_to_fetch_task', async () => {
		expect(
			shapeOf(await made(server, json({ model: 'sora-2', seconds: '8', size: '1280x720' }))),
		).toEqual([1280, 720, 8, true]);
		const refused = await call(
			server,
			'POST',
			'/videos',
			json({ model: 'sora-2', seconds: '4', image: PORTRAIT_DATA_URL }),
		);
		expect(refused.status).toBe(400);
		expect(refused.json).toEqual({
			code: 'fail_to_fetch_task',
			message: expect.any(String),
			data: null,
		});
		expect(JSON.parse(refused.json.message).error).toMatchObject({
			message: "Unknown parameter: 'image'.",
			code: 'unknown_parameter',
		});
		expect(server.createCount).toBe(1);
	});

	it('Kling: duration (not seconds), size mapped to a ratio (else 1:1), the first frame only from image', async () => {
		const portrait = await made(
			server,
			json({ model: 'kling-v2-1', duration: 10, size: '720x1280', image: PORTRAIT_DATA_URL }),
		);
		expect(shapeOf(portrait)).toEqual([720, 1280, 10, false]);
		expect(portrait.startsWithPortrait).toBe(true);
		const dropped = await made(
			server,
			json({ model: 'kling-v2-1', seconds: '10', size: '720x1280', images: [PORTRAIT_DATA_URL] }),
		);
		expect(shapeOf(dropped)).toEqual([720, 1280, 5, false]);
		expect([dropped.firstFrameReached, dropped.startsWithPortrait]).toEqual([false, false]);
		expect(
			shapeOf(
				await made(
					server,
					json({ model: 'kling-v2-1', metadata: { duration: '10', mode: 'pro' } }),
				),
			),
		).toEqual([1080, 1080, 10, false]);
	});

	it('Kling: metadata.duration as a number fails the submit (a Go type error)', async () => {
		const refused = await call(
			server,
			'POST',
			'/videos',
			json({ model: 'kling-v2-1', metadata: { duration: 10 } }),
		);
		expect(refused.status).toBe(400);
		expect(refused.json.message).toMatch(
			/cannot unmarshal number into Go struct field KlingRequest\.duration of type string/,
		);
		expect(server.createCount).toBe(0);
	});

	it('Kling: created_at in milliseconds once the task is read back (the POST answers seconds)', async () => {
		const created = await call(server, 'POST', '/videos', json({ model: 'kling-v2-1' }));
		expect(created.json.created_at).toBeLessThan(1e11);
		const read = await call(server, 'GET', `/videos/${created.json.id}`);
		expect(read.json.created_at).toBeGreaterThan(1e12);
	});

	it('Seedance: seconds and metadata.ratio/resolution; size is ignored (16:9 at the model default)', async () => {
		expect(
			shapeOf(
				await made(
					server,
					json({ model: 'doubao-seedance-1-0-pro-250528', seconds: '10', size: '720x1280' }),
				),
			),
		).toEqual([1920, 1080, 10, false]);
		const asked = await made(
			server,
			json({
				model: 'doubao-seedance-1-0-pro-250528',
				seconds: '10',
				image: PORTRAIT_DATA_URL,
				metadata: { ratio: '9:16', resolution: '720p' },
			}),
		);
		expect(shapeOf(asked)).toEqual([720, 1280, 10, false]);
		expect(asked.startsWithPortrait).toBe(true);
		expect(
			shapeOf(
				await made(
					server,
					json({ model: 'doubao-seedance-2-0-260128', seconds: '6', metadata: { ratio: '9:16' } }),
				),
			),
		).toEqual([720, 1280, 6, true]);
		expect(
			shapeOf(
				await made(
					server,
					json({
						model: 'doubao-seedance-2-0-260128',
						metadata: { ratio: '1:1', generate_audio: false },
					}),
				),
			),
		).toEqual([960, 960, 5, false]);
	});

	it('Veo (Gemini channel): JSON seconds only bills (8 s); metadata.durationSeconds/aspectRatio/resolution/generateAudio reach it', async () => {
		expect(
			shapeOf(
				await made(
					server,
					json({ model: 'veo-3.1-generate-preview', seconds: '4', size: '720x1280' }),
				),
			),
		).toEqual([720, 1280, 8, true]);
		const asked = json({
			model: 'veo-3.1-generate-preview',
			metadata: {
				durationSeconds: 4,
				aspectRatio: '9:16',
				resolution: '1080p',
				generateAudio: false,
			},
		});
		expect(shapeOf(await made(server, asked))).toEqual([1080, 1920, 4, false]);
		const urlFrame = await made(
			server,
			json({ model: 'veo-3.1-generate-preview', image: 'https://example.com/first.png' }),
		);
		expect(urlFrame.firstFrameReached).toBe(false);
	});

	it('Veo (Vertex channel): multipart seconds and an input_reference file', async () => {
		const form = formWith(
			{ model: 'veo-3.0-generate-001', prompt: 'A paper boat', seconds: '6', size: '720x1280' },
			{ input_reference: 'input-720x1280.png' },
		);
		const video = await made(server, { form });
		expect(shapeOf(video)).toEqual([720, 1280, 6, true]);
		expect(video.startsWithPortrait).toBe(true);
	});

	it('Hailuo: duration, the first frame only from metadata.first_frame_image (the ratio follows it)', async () => {
		const video = await made(
			server,
			json({
				model: 'MiniMax-Hailuo-02',
				duration: 10,
				metadata: { first_frame_image: PORTRAIT_DATA_URL },
			}),
		);
		expect(shapeOf(video)).toEqual([768, 1366, 10, false]);
		expect(video.startsWithPortrait).toBe(true);
		const dropped = await made(
			server,
			json({ model: 'MiniMax-Hailuo-02', image: PORTRAIT_DATA_URL }),
		);
		expect(shapeOf(dropped)).toEqual([1366, 768, 6, false]);
		expect(dropped.firstFrameReached).toBe(false);
	});

	it('Wan: JSON input_reference is the first frame, size "720p" the resolution, "W*H" the exact size; t2v refuses "WxH"', async () => {
		const i2v = await made(
			server,
			json({
				model: 'wan2.5-i2v-preview',
				duration: 10,
				size: '720p',
				input_reference: PORTRAIT_DATA_URL,
			}),
		);
		expect(shapeOf(i2v)).toEqual([720, 1280, 10, true]);
		expect(i2v.startsWithPortrait).toBe(true);
		expect(
			shapeOf(
				await made(
					server,
					json({
						model: 'wan2.5-t2v-preview',
						seconds: '10',
						size: '1280*720',
						metadata: { parameters: { audio: false } },
					}),
				),
			),
		).toEqual([1280, 720, 10, false]);
		const refused = await call(
			server,
			'POST',
			'/videos',
			json({ model: 'wan2.5-t2v-preview', size: '1280x720' }),
		);
		expect(refused.json.code).toBe('fail_to_fetch_task');
	});

	it('Vidu: duration, size as the resolution ("1080p", Q1 makes nothing else), images; no aspect ratio field (follows the image)', async () => {
		const video = await made(
			server,
			json({ model: 'viduq1', duration: 5, size: '1080p', images: [PORTRAIT_DATA_URL] }),
		);
		expect(shapeOf(video)).toEqual([1080, 1920, 5, false]);
		expect(
			(await call(server, 'POST', '/videos', json({ model: 'viduq1', size: '720p' }))).json.code,
		).toBe('fail_to_fetch_task');
		server.contractViolations.length = 0;
		expect(video.startsWithPortrait).toBe(true);
	});

	it('Jimeng (3.0, 720P): duration 10 or 5, metadata.aspect_ratio, raw base64 images', async () => {
		const video = await made(
			server,
			json({
				model: 'jimeng_v30',
				duration: 10,
				images: [PORTRAIT_PNG.toString('base64')],
				metadata: { aspect_ratio: '9:16' },
			}),
		);
		expect(shapeOf(video)).toEqual([720, 1280, 10, false]);
		expect(video.startsWithPortrait).toBe(true);
	});

	it('a value the family does not take is its upstream refusal (fail_to_fetch_task), no job', async () => {
		const refused = await call(
			server,
			'POST',
			'/videos',
			json({ model: 'kling-v2-1', duration: 7 }),
		);
		expect(refused.status).toBe(400);
		expect(JSON.parse(refused.json.message).error.message).toMatch(
			/duration 7 is not supported by kling-v2-1/,
		);
		expect(server.createCount).toBe(0);
		server.contractViolations.length = 0;
	});
});

/** new-api's adaptors at its main of 2026-08-15 (models.md, "Changes read at …"): the server drops and renders as they do. */
describe("mode 'newapi': the August adaptors", () => {
	let server: ReferenceServer;
	beforeAll(async () => {
		server = await startReferenceServer({ mode: 'newapi', generationMs: 60_000, refreshMs: 0 });
	});
	afterEach(() => {
		server.reset();
		server.contractViolations.length = 0;
	});
	afterAll(() => server.close());

	const json = (body: Record<string, unknown>) => ({ json: { prompt: 'A paper boat', ...body } });
	const refusalOf = async (body: Record<string, unknown>) => {
		const refused = await call(server, 'POST', '/videos', json(body));
		expect(server.createCount).toBe(0);
		return refused;
	};

	it('Wan before 2.7: the first frame from image > images[0] > input_reference; a second image is dropped', async () => {
		const fromImage = await made(
			server,
			json({ model: 'wan2.5-i2v-preview', duration: 5, size: '720p', image: PORTRAIT_DATA_URL }),
		);
		expect(shapeOf(fromImage)).toEqual([720, 1280, 5, true]);
		expect(fromImage.startsWithPortrait).toBe(true);
		const twoImages = await made(
			server,
			json({
				model: 'wan2.5-i2v-preview',
				size: '720p',
				images: [PORTRAIT_DATA_URL, PORTRAIT_DATA_URL],
			}),
		);
		expect(twoImages.firstFrameReached).toBe(true);
		expect(server.videos.get(twoImages.id)?.rendered?.lastFrameReached).toBe(false);
	});

	it('Wan 2.7: first frame from metadata.input.first_frame_url or image, last frame from images[1]; i2v without an image refused', async () => {
		const video = await made(
			server,
			json({
				model: 'wan2.7-i2v',
				duration: 10,
				size: '720p',
				images: [PORTRAIT_DATA_URL, PORTRAIT_DATA_URL],
			}),
		);
		expect(shapeOf(video)).toEqual([720, 1280, 10, true]);
		expect(server.videos.get(video.id)?.rendered?.lastFrameReached).toBe(true);
		server.reset();
		const refused = await refusalOf({ model: 'wan2.7-i2v', duration: 5 });
		expect(refused.status).toBe(400);
		expect(refused.json.message).toBe(
			'wan2.7-i2v requires image, images, input_reference, or input.media',
		);
	});

	it('Veo: a multipart input_reference over 20 MB is dropped without an error (a text-to-video)', async () => {
		const big = Buffer.concat([PORTRAIT_PNG, Buffer.alloc(21 * 1024 * 1024)]);
		const form = formWith({
			model: 'veo-3.1-generate-preview',
			prompt: 'A paper boat',
			seconds: '8',
		});
		form.append('input_reference', new Blob([big], { type: 'image/png' }), 'first.png');
		const created = await call(server, 'POST', '/videos', { form });
		expect(created.status).toBe(200);
		expect(server.videos.get(created.json.id)?.rendered?.firstFrameReached).toBe(false);
	});

	it('Seedance: 4k on doubao-seedance-2-0-260128 only; fast and mini stop at 720p; safety_identifier and priority pass', async () => {
		const refused = await refusalOf({
			model: 'doubao-seedance-2-0-fast-260128',
			seconds: '5',
			metadata: { resolution: '1080p' },
		});
		expect(JSON.parse(refused.json.message).error.message).toMatch(/resolution 1080p/);
		const video = await made(
			server,
			json({
				model: 'doubao-seedance-2-0-mini-260615',
				seconds: '5',
				metadata: { resolution: '720p', ratio: '9:16', safety_identifier: 'user-1', priority: 1 },
			}),
		);
		expect(shapeOf(video)).toEqual([720, 1280, 5, true]);
	});

	it("Hailuo: metadata.model replaces the model (the video is that model's)", async () => {
		const video = await made(
			server,
			json({ model: 'MiniMax-Hailuo-02', duration: 6, metadata: { model: 'MiniMax-Hailuo-2.3' } }),
		);
		expect(server.videos.get(video.id)?.rendered?.reached).toMatchObject({
			model: 'MiniMax-Hailuo-2.3',
		});
	});

	it('every task channel: seconds or duration outside 0-3600 is HTTP 400 invalid_seconds', async () => {
		for (const body of [
			{ model: 'kling-v2-1', duration: 4000 },
			{ model: 'doubao-seedance-2-0-260128', seconds: '3601' },
		]) {
			const refused = await refusalOf(body);
			expect([refused.status, refused.json.code]).toEqual([400, 'invalid_seconds']);
		}
	});
});
