/**
 * Create's form in the user's terms, in n8n's engine against the reference server: a value the
 * model does not take is refused with its exact message before a single paid request; what was
 * asked (the model's defaults filled in) and the model family reach the job; the editor's choices
 * follow the chosen model (and the host's catalogue where it has one).
 */
import type { HarnessItem } from '../harness/inputNode';
import { loadOptions } from '../harness/runNode';
import { create } from '../../nodes/Sora/actions/video/create.operation';
import { extend } from '../../nodes/Sora/actions/video/extend.operation';
import { remix } from '../../nodes/Sora/actions/video/remix.operation';
import type { PreparedJob } from '../../nodes/Sora/runner/types';
import { createParams, seedVideo, useReferenceServer } from './setup';

const model = (value: string) => ({ __rl: true, mode: 'id', value });
const params = (value: string, overrides: Record<string, unknown> = {}) =>
	createParams({
		model: model(value),
		duration: '',
		size: '',
		waitForCompletion: false,
		...overrides,
	});

/** The jobs an operation prepared in the run (spied on the real operation the node calls). */
function preparedJobs(operation: typeof create = create) {
	const spy = jest.spyOn(operation, 'prepare');
	return {
		jobs: async () =>
			(await Promise.all(
				spy.mock.results.map((r) => r.value as Promise<PreparedJob>),
			)) as PreparedJob[],
		restore: () => spy.mockRestore(),
	};
}

describe('a new-api gateway: values refused before paying, naming what the model takes', () => {
	const api = useReferenceServer({ mode: 'newapi', refreshMs: 100 });
	const run = (
		parameters: Parameters<typeof api.run>[0],
		continueOnFail = false,
		items?: HarnessItem[],
	) =>
		api.run(parameters, {
			credentials: { ...api.credentials, hostType: 'newApi' },
			continueOnFail,
			...(items ? { items } : {}),
		});

	test.each([
		[
			'kling-v2-1',
			{ duration: 7 },
			'Duration 7 s is not offered by kling-v2-1: Kling takes 5 or 10 seconds [item 0]',
		],
		[
			'doubao-seedance-2-0-260128',
			{ duration: 3 },
			'Duration 3 s is not offered by doubao-seedance-2-0-260128: Seedance 2.0 takes 4 to 15 seconds [item 0]',
		],
		[
			'veo-3.1-generate-preview',
			{ aspectRatio: '1:1' },
			'Aspect Ratio 1:1 is not offered by veo-3.1-generate-preview: Veo 3.1 takes 16:9 or 9:16 [item 0]',
		],
		[
			'MiniMax-Hailuo-02',
			{ resolution: '1080P', duration: 10 },
			'Hailuo makes 10-second videos only below 1080p: MiniMax-Hailuo-02 was asked for 1080p and 10 s [item 0]',
		],
		[
			'veo-3.0-generate-001',
			{
				referenceImage: 'url',
				referenceImageUrl: 'https://example.com/a.png',
				lastFrame: 'url',
				lastFrameUrl: 'https://example.com/b.png',
			},
			'veo-3.0-generate-001 takes no last frame (Veo 3.0): remove Last Frame [item 0]',
		],
		[
			'wan2.5-i2v-preview',
			{},
			'wan2.5-i2v-preview makes videos from a first frame (Wan 2.5+ image-to-video): set First Frame to an image [item 0]',
		],
		[
			'kling-v2-1',
			{ options: { seed: 7 } },
			'kling-v2-1 takes no seed (Kling): remove Seed [item 0]',
		],
		[
			'kling-v2-1',
			{ size: '1000x1000' },
			expect.stringMatching(/^Size 1000x1000 \(1:1 1000p\) is not a video kling-v2-1 makes/),
		],
		[
			'kling-v2-1',
			{ duration: '={{ "ten" }}' },
			'Duration "ten" is not a number of seconds: choose one of the model\'s lengths [item 0]',
		],
	])('%s %j', async (id, overrides, message) => {
		const { error } = await run(params(id, overrides));
		expect(error?.message).toEqual(message);
		expect(error?.name).toBe('NodeOperationError');
		expect(api.requests({ method: 'POST' })).toHaveLength(0);
	});

	test('Continue On Fail: the refused item is an error item, the other item is sent', async () => {
		const { items } = await run(
			params('kling-v2-master', { duration: '={{ $json.seconds }}' }),
			true,
			[{ json: { seconds: 7 } }, { json: { seconds: 10 } }],
		);
		expect(items[0].json.error).toBe(
			'Duration 7 s is not offered by kling-v2-master: Kling 2.0 Master takes 5 or 10 seconds [item 0]',
		);
		expect(items[1].json).toMatchObject({ id: expect.stringMatching(/^task_/) });
		expect(api.requests({ method: 'POST' })).toHaveLength(1);
	});

	test('what was asked and the family reach the job: the chosen values, the model defaults elsewhere', async () => {
		const spy = preparedJobs();
		try {
			// (kling-v2-master: the model the reference server's new-api catalogue has today)
			const { error } = await run(params('kling-v2-master', { duration: 10 }));
			expect(error).toBeUndefined();
			const [job] = await spy.jobs();
			expect(job).toMatchObject({
				family: 'kling',
				asked: { durationSeconds: 10, aspectRatio: '16:9', resolution: '720p' },
			});
		} finally {
			spy.restore();
		}
	});

	test("the editor's choices follow the chosen model, with no request for a model the node knows", async () => {
		const credentials = { ...api.credentials, hostType: 'newApi' };
		const durations = await loadOptions('durationChoices', credentials, params('kling-v2-1'));
		expect(durations.map((o) => o.value)).toEqual(['', 5, 10]);
		expect(durations[0].name).toBe("Model's Default: 5 s (Not Sent)");
		const ratios = await loadOptions(
			'aspectRatioChoices',
			credentials,
			params('MiniMax-Hailuo-02'),
		);
		expect(ratios.map((o) => o.value)).toEqual(['', '16:9']);
		const resolutions = await loadOptions(
			'resolutionChoices',
			credentials,
			params('doubao-seedance-2-0-260128'),
		);
		expect(resolutions.map((o) => o.value)).toEqual(['', '480p', '720p', '1080p', '4k']);
		const unknown = await loadOptions('durationChoices', credentials, params('gw-video-1'));
		expect(unknown.map((o) => o.value)).toEqual(['', 4, 5, 6, 8, 10, 12, 15, 16, 20]);
		expect(api.requests()).toHaveLength(0);
	});
});

describe('the contract (Sora 2): an aspect ratio becomes its exact size', () => {
	const api = useReferenceServer();

	test('16:9 at 720p is sent as size 1280x720; the ask carries the pixel size', async () => {
		const spy = preparedJobs();
		try {
			const { error } = await api.run(params('sora-2', { aspectRatio: '16:9', duration: 8 }));
			expect(error).toBeUndefined();
			expect(api.requests({ method: 'POST' })[0].json).toMatchObject({
				model: 'sora-2',
				seconds: '8',
				size: '1280x720',
			});
			const [job] = await spy.jobs();
			expect(job).toMatchObject({
				family: 'sora',
				asked: {
					durationSeconds: 8,
					aspectRatio: '16:9',
					resolution: '720p',
					width: 1280,
					height: 720,
				},
			});
			expect(job.estimate?.basis).toContain('sora-2 (Sora 2) 1280x720');
		} finally {
			spy.restore();
		}
	});

	test("nothing set: nothing sent, Sora 2's defaults asked", async () => {
		const spy = preparedJobs();
		try {
			await api.run(params('sora-2'));
			const body = api.requests({ method: 'POST' })[0].json as Record<string, unknown>;
			expect(body.seconds).toBeUndefined();
			expect(body.size).toBeUndefined();
			const [job] = await spy.jobs();
			expect(job.asked).toEqual({
				durationSeconds: 4,
				aspectRatio: '9:16',
				resolution: '720p',
				width: 720,
				height: 1280,
			});
		} finally {
			spy.restore();
		}
	});
});

describe('Remix and Extend: asked to be like their source', () => {
	const api = useReferenceServer();

	test("the source's length and size, and its family", async () => {
		const id = await seedVideo(api.server);
		const spy = preparedJobs(remix);
		try {
			const { error } = await api.run({
				resource: 'video',
				operation: 'remix',
				videoId: id,
				prompt: 'Again, at night',
				waitForCompletion: false,
			});
			expect(error).toBeUndefined();
			const [job] = await spy.jobs();
			expect(job).toMatchObject({
				family: 'sora',
				asked: {
					durationSeconds: 4,
					aspectRatio: '9:16',
					resolution: '720p',
					width: 720,
					height: 1280,
				},
			});
		} finally {
			spy.restore();
		}
	});

	test('Extend: the stitched length (source + Duration), refused when the model does not add it', async () => {
		const id = await seedVideo(api.server);
		const spy = preparedJobs(extend);
		try {
			const { error } = await api.run({
				resource: 'video',
				operation: 'extend',
				videoSource: 'id',
				videoId: id,
				prompt: 'More',
				duration: 8,
				waitForCompletion: false,
			});
			expect(error).toBeUndefined();
			const [job] = await spy.jobs();
			expect(job).toMatchObject({
				family: 'sora',
				asked: { durationSeconds: 12, width: 720, height: 1280 },
			});
		} finally {
			spy.restore();
		}
		const refused = await api.run({
			resource: 'video',
			operation: 'extend',
			videoSource: 'id',
			videoId: id,
			prompt: 'More',
			duration: 5,
		});
		expect(refused.error?.message).toBe(
			'Duration 5 s is not offered by sora-2: sora-2 takes 4, 8, 12, 16 or 20 seconds [item 0]',
		);
		expect(api.requests({ method: 'POST', path: /extensions/ })).toHaveLength(1);
	});
});

describe("OpenRouter: the host's catalogue gives the choices and the checks", () => {
	const api = useReferenceServer({ mode: 'openrouter' });
	const credentials = () => ({ ...api.credentials, hostType: 'openRouter' });

	test('choices and refusal from /videos/models', async () => {
		const durations = await loadOptions('durationChoices', credentials(), params('google/veo-3.1'));
		expect(durations.map((o) => o.value)).toEqual(['', 4, 6, 8]);
		const { error } = await api.run(params('bytedance/seedance-1-pro', { duration: 7 }), {
			credentials: credentials(),
		});
		expect(error?.message).toBe(
			'Duration 7 s is not offered by bytedance/seedance-1-pro: bytedance/seedance-1-pro on OpenRouter takes 5 or 10 seconds [item 0]',
		);
		expect(api.requests({ method: 'POST' })).toHaveLength(0);
	});
});

describe("Create's own ask, compared with the delivered MP4 (sized videos)", () => {
	const api = useReferenceServer({ sizedVideos: true });

	test('16:9 for 8 s on sora-2: asAsked, no differences, modelFamily sora; a wrong ask would be named', async () => {
		const { items, error } = await api.run(
			params('sora-2', { aspectRatio: '16:9', duration: 8, waitForCompletion: true }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			modelFamily: 'sora',
			asAsked: true,
			differences: [],
			measured: { width: 1280, height: 720 },
		});
	});

	test('an unknown model: its family is unknown on the output', async () => {
		const { items } = await api.run(
			params('gw-video-1', { duration: 4, size: '720x1280', waitForCompletion: true }),
		);
		expect(items[0].json).toMatchObject({ modelFamily: 'unknown' });
	});
});
