import { request } from 'undici';
import { createJob, made, madeVideo, PORTRAIT_DATA_URL, shapeOf } from './family-jobs';
import { startReferenceServer, type ReferenceServer } from './index';
import { call, formWith } from './test-client';
import type { ServerMode } from './types';

/** LaoZhang, LiteLLM, CometAPI, AiHubMix and OpenRouter: each family's keys measured in the MP4 the job serves. */
function withServer(mode: ServerMode): () => ReferenceServer {
	let server: ReferenceServer;
	beforeAll(async () => {
		server = await startReferenceServer({ mode, generationMs: 60_000, refreshMs: 0 });
	});
	afterEach(() => server.reset());
	afterAll(() => server.close());
	return () => server;
}

const prompt = 'A paper boat';

describe("mode 'laozhang'", () => {
	const server = withServer('laozhang');

	it('Seedance 2.0: integer duration, ratio, content[] first frame, generate_audio; submitted first, then video_url', async () => {
		const content = [
			{ type: 'image_url', image_url: { url: PORTRAIT_DATA_URL }, role: 'first_frame' },
		];
		const created = await createJob(server(), {
			json: {
				model: 'doubao-seedance-2-0-260128',
				prompt,
				duration: 8,
				ratio: '9:16',
				content,
				generate_audio: false,
			},
		});
		expect(created.json.status).toBe('submitted');
		const video = await madeVideo(server(), created.json.id);
		expect(shapeOf(video)).toEqual([720, 1280, 8, false]);
		expect(video.startsWithPortrait).toBe(true);
		const task = (await call(server(), 'GET', `/videos/${video.id}`)).json;
		expect(task.video_url.startsWith(server().cdn.url)).toBe(true);
		const refused = await call(server(), 'POST', '/videos', {
			json: { model: 'doubao-seedance-2-0-260128', prompt, duration: '8' },
		});
		expect(refused.status).toBe(400);
		server().contractViolations.length = 0;
	});

	it('Veo 3.1: multipart seconds and size, an input_reference file', async () => {
		const form = formWith(
			{ model: 'veo-3.1-generate-preview', prompt, seconds: '6', size: '720x1280' },
			{ input_reference: 'input-720x1280.png' },
		);
		const video = await made(server(), { form });
		expect(shapeOf(video)).toEqual([720, 1280, 6, true]);
		expect(video.startsWithPortrait).toBe(true);
	});

	it('Muse: seconds and aspect_ratio', async () => {
		expect(
			shapeOf(
				await made(server(), {
					json: { model: 'muse-video', prompt, seconds: '5', aspect_ratio: '9:16' },
				}),
			),
		).toEqual([720, 1280, 5, false]);
	});
});

describe("mode 'litellm'", () => {
	const server = withServer('litellm');

	it('encodes provider and model in a video_ id; openai keeps seconds and size', async () => {
		const video = await made(server(), {
			json: { model: 'openai/sora-2', prompt, seconds: '8', size: '1280x720' },
		});
		expect(shapeOf(video)).toEqual([1280, 720, 8, true]);
		const decoded = Buffer.from(video.id.replace(/^video_/, ''), 'base64').toString('utf8');
		expect(decoded).toMatch(
			/^litellm:custom_llm_provider:openai;model_id:openai\/sora-2;video_id:video_[0-9a-f]+$/,
		);
	});

	it('gemini: seconds → durationSeconds, size → aspectRatio; seed and generateAudio dropped (audio made anyway)', async () => {
		const video = await made(server(), {
			json: {
				model: 'gemini/veo-3.1-generate-preview',
				prompt,
				seconds: '6',
				size: '720x1280',
				seed: 3,
				generateAudio: false,
			},
		});
		expect(shapeOf(video)).toEqual([720, 1280, 6, true]);
		expect(server().videos.get(video.id)?.rendered?.reached).not.toHaveProperty('seed');
	});

	it('vertex_ai: other keys reach Veo verbatim (resolution, generateAudio); an input_reference file is the first frame', async () => {
		const form = formWith(
			{ model: 'vertex_ai/veo-3.0-generate-001', prompt, seconds: '4', size: '1280x720' },
			{ input_reference: 'input-720x1280.png' },
		);
		const video = await made(server(), { form });
		expect(shapeOf(video)).toEqual([1280, 720, 4, true]);
		expect(video.startsWithPortrait).toBe(true);
		const json = {
			model: 'vertex_ai/veo-3.0-generate-001',
			prompt,
			seconds: '8',
			size: '1280x720',
			extra_body: { resolution: '1080p', generateAudio: false },
		};
		expect(shapeOf(await made(server(), { json }))).toEqual([1920, 1080, 8, false]);
	});

	it('runwayml: seconds → duration, size → ratio, input_reference → promptImage (required)', async () => {
		const video = await made(server(), {
			json: {
				model: 'runwayml/gen4_turbo',
				prompt,
				seconds: '5',
				size: '720x1280',
				input_reference: PORTRAIT_DATA_URL,
			},
		});
		expect(shapeOf(video)).toEqual([720, 1280, 5, false]);
		expect(video.startsWithPortrait).toBe(true);
		const refused = await call(server(), 'POST', '/videos', {
			json: { model: 'runwayml/gen4_turbo', prompt },
		});
		expect(refused.json.error).toMatchObject({
			code: '400',
			message: expect.stringMatching(/promptImage is required/),
		});
		server().contractViolations.length = 0;
	});

	it('gemini never reports failed (a failing job stays processing); vertex does; no DELETE route', async () => {
		const gemini = await createJob(server(), {
			json: { model: 'gemini/veo-3.1-generate-preview', prompt: 'A boat [fail]' },
		});
		const vertex = await createJob(server(), {
			json: { model: 'vertex_ai/veo-3.0-generate-001', prompt: 'A boat [fail]' },
		});
		server().completeNow(gemini.json.id);
		server().completeNow(vertex.json.id);
		expect((await call(server(), 'GET', `/videos/${gemini.json.id}`)).json).toMatchObject({
			status: 'processing',
			error: null,
		});
		expect((await call(server(), 'GET', `/videos/${vertex.json.id}`)).json).toMatchObject({
			status: 'failed',
			error: { message: expect.any(String) },
		});
		const deleted = await call(server(), 'DELETE', `/videos/${vertex.json.id}`);
		expect([deleted.status, deleted.json]).toEqual([404, { detail: 'Not Found' }]);
	});
});

describe("mode 'cometapi'", () => {
	const server = withServer('cometapi');

	it('Seedance: size is the aspect ratio, resolution apart, an input_reference file; uppercase statuses, video_url on SUCCESS', async () => {
		const form = formWith(
			{ model: 'doubao-seedance-2-0', prompt, seconds: '6', size: '9:16', resolution: '720p' },
			{ input_reference: 'input-720x1280.png' },
		);
		const created = await createJob(server(), { form });
		expect(created.json.status).toBe('SUBMITTED');
		expect(created.json).not.toHaveProperty('video_url');
		const video = await madeVideo(server(), created.json.id);
		expect(shapeOf(video)).toEqual([720, 1280, 6, true]);
		const task = (await call(server(), 'GET', `/videos/${video.id}`)).json;
		expect(task.status).toBe('SUCCESS');
		const file = await request(task.video_url);
		expect(
			Buffer.from(await file.body.arrayBuffer()).equals(await server().servedBytes(video.id)),
		).toBe(true);
		expect(
			(
				await call(server(), 'POST', '/videos', {
					json: { model: 'doubao-seedance-2-0', prompt, size: '720x1280' },
				})
			).status,
		).toBe(400);
		server().contractViolations.length = 0;
	});

	it('Veo3 aliases: size "9x16", no duration key (8 s), two ordered files are first and last frame', async () => {
		const form = formWith(
			{ model: 'veo3-fast', prompt, seconds: '4', size: '9x16' },
			{ input_reference: 'input-720x1280.png' },
		);
		const video = await made(server(), { form });
		expect(shapeOf(video)).toEqual([720, 1280, 8, true]);
		expect(video.startsWithPortrait).toBe(true);
	});

	it("Sora: the contract's JSON input_reference {image_url} is the first frame", async () => {
		const video = await made(server(), {
			json: {
				model: 'sora-2',
				prompt,
				seconds: '8',
				size: '720x1280',
				input_reference: { image_url: PORTRAIT_DATA_URL },
			},
		});
		expect([...shapeOf(video), video.startsWithPortrait]).toEqual([720, 1280, 8, true, true]);
	});
});

describe("mode 'aihubmix'", () => {
	const server = withServer('aihubmix');

	it('seconds must be a string; Veo size WxH, Wan W*H, Seedance extra_body.content, Kling image; DELETE works', async () => {
		expect(
			shapeOf(
				await made(server(), {
					json: { model: 'veo-3.1-generate-preview', prompt, seconds: '6', size: '720x1280' },
				}),
			),
		).toEqual([720, 1280, 6, true]);
		expect(
			(
				await call(server(), 'POST', '/videos', {
					json: { model: 'veo-3.1-generate-preview', prompt, seconds: 6 },
				})
			).status,
		).toBe(400);
		expect(
			shapeOf(
				await made(server(), {
					json: { model: 'wan2.5-t2v-preview', prompt, seconds: '10', size: '1280*720' },
				}),
			),
		).toEqual([1280, 720, 10, true]);
		const content = [
			{ type: 'image_url', image_url: { url: PORTRAIT_DATA_URL }, role: 'first_frame' },
		];
		const seedance = await made(server(), {
			json: {
				model: 'doubao-seedance-1-0-pro-250528',
				prompt,
				seconds: '5',
				size: '720x1280',
				extra_body: { content },
			},
		});
		expect([...shapeOf(seedance), seedance.startsWithPortrait]).toEqual([
			720,
			1280,
			5,
			false,
			true,
		]);
		const kling = await made(server(), {
			json: {
				model: 'kling-v2-1',
				prompt,
				seconds: '10',
				size: '720x1280',
				image: PORTRAIT_DATA_URL,
			},
		});
		expect([...shapeOf(kling), kling.startsWithPortrait]).toEqual([720, 1280, 10, false, true]);
		expect((await call(server(), 'DELETE', `/videos/${kling.id}`)).json).toEqual({
			id: kling.id,
			object: 'video.deleted',
			deleted: true,
		});
		server().contractViolations.length = 0;
	});
});

describe("mode 'openrouter'", () => {
	const server = withServer('openrouter');

	it('google/veo-3.1: duration, aspect_ratio, resolution, generate_audio and a first frame image', async () => {
		const frame_images = [
			{ type: 'image_url', image_url: { url: PORTRAIT_DATA_URL }, frame_type: 'first_frame' },
		];
		const video = await made(server(), {
			json: {
				model: 'google/veo-3.1',
				prompt,
				duration: 6,
				aspect_ratio: '9:16',
				resolution: '720p',
				generate_audio: false,
				frame_images,
			},
		});
		expect([...shapeOf(video), video.startsWithPortrait]).toEqual([720, 1280, 6, false, true]);
	});
});
