/**
 * The model families (nodes/Sora/models): which family a model id is, what each model takes, the
 * messages that refuse a value before anything is paid, what was asked (the model's defaults
 * filled in), and the pixel size an aspect ratio and a resolution stand for.
 */
import { bareModelId, familyOf, knownModel, pixelSizeOf } from '../../nodes/Sora/models';
import { pixelSizeFor, aspectRatioOf } from '../../nodes/Sora/models/geometry';
import { planCreate, type CreateChoice } from '../../nodes/Sora/models/plan';

const text: CreateChoice = { firstFrame: false, lastFrame: false };
const image: CreateChoice = { firstFrame: true, lastFrame: false };
const problemOf = (model: string, choice: Partial<CreateChoice>) =>
	planCreate(model, { ...text, ...choice }).problem?.message;
const planOf = (model: string, choice: Partial<CreateChoice> = {}) =>
	planCreate(model, { ...text, ...choice }).plan!;

describe('familyOf: every model id used by the hosts, with and without provider prefixes', () => {
	it.each([
		['sora-2', 'sora'],
		['sora-2-pro-2025-10-06', 'sora'],
		['openai/sora-2', 'sora'],
		['veo-3.1-generate-preview', 'veo'],
		['veo-3.0-generate-001', 'veo'],
		['gemini/veo-3.1-generate-preview', 'veo'],
		['vertex_ai/veo-3.0-generate-001', 'veo'],
		['google/veo-3.1', 'veo'],
		['veo3-fast', 'veo'],
		['kling-v2-1', 'kling'],
		['kling-v2-master', 'kling'],
		['doubao-seedance-1-0-pro-250528', 'seedance'],
		['doubao-seedance-2-0-260128', 'seedance'],
		['doubao-seedance-2-0', 'seedance'],
		['bytedance/seedance-1-pro', 'seedance'],
		['MiniMax-Hailuo-02', 'hailuo'],
		['MiniMax-Hailuo-2.3', 'hailuo'],
		['wan2.5-i2v-preview', 'wan'],
		['wan2.5-t2v-preview', 'wan'],
		['wanx2.1-t2v-turbo', 'wan'],
		['viduq1', 'vidu'],
		['vidu2.0', 'vidu'],
		['runwayml/gen4_turbo', 'runway'],
		['gen3a_turbo', 'runway'],
		['jimeng_v30', 'jimeng'],
		['muse-video', 'muse'],
		['muse-video-60s', 'muse'],
	])('%s is %s', (model, family) => {
		expect(familyOf(model)).toBe(family);
	});

	it.each(['gw-video-1', 'sora-3', 'gpt-4o-mini', '', '  '])('%p is unknown', (model) => {
		expect(familyOf(model)).toBe('unknown');
	});

	it('strips the provider prefix and the case', () => {
		expect(bareModelId(' Gemini/Veo-3.1-Generate-Preview ')).toBe('veo-3.1-generate-preview');
	});

	it('tells the models of a family apart', () => {
		expect(knownModel('veo-3.1-generate-preview')?.rules.label).toBe('Veo 3.1');
		expect(knownModel('vertex_ai/veo-3.0-generate-001')?.rules.label).toBe('Veo 3.0');
		expect(knownModel('doubao-seedance-2-0-260128')?.rules.label).toBe('Seedance 2.0');
		expect(knownModel('doubao-seedance-1-0-pro-250528')?.rules.label).toBe('Seedance 1.0 Pro');
		expect(knownModel('wan2.5-i2v-preview')?.rules.label).toBe('Wan 2.5+ image-to-video');
		expect(knownModel('wan2.5-t2v-preview')?.rules.label).toBe('Wan 2.5+ text-to-video');
		expect(knownModel('viduq1')?.rules.label).toBe('Vidu Q1');
		expect(knownModel('sora-2-pro')?.rules.label).toBe('sora-2-pro');
	});
});

describe('a value the model does not take is refused, naming what it takes', () => {
	it.each([
		[
			'kling-v2-1',
			{ durationSeconds: 7 },
			'Duration 7 s is not offered by kling-v2-1: Kling takes 5 or 10 seconds',
		],
		[
			'doubao-seedance-2-0-260128',
			{ durationSeconds: 3 },
			'Duration 3 s is not offered by doubao-seedance-2-0-260128: Seedance 2.0 takes 4 to 15 seconds',
		],
		[
			'doubao-seedance-1-0-pro-250528',
			{ durationSeconds: 15 },
			'Duration 15 s is not offered by doubao-seedance-1-0-pro-250528: Seedance 1.0 Pro takes 3 to 12 seconds',
		],
		[
			'viduq1',
			{ durationSeconds: 8 },
			'Duration 8 s is not offered by viduq1: Vidu Q1 takes 5 seconds',
		],
		[
			'sora-2',
			{ durationSeconds: 10 },
			'Duration 10 s is not offered by sora-2: sora-2 takes 4, 8, 12, 16 or 20 seconds',
		],
		[
			'veo-3.1-generate-preview',
			{ aspectRatio: '1:1' },
			'Aspect Ratio 1:1 is not offered by veo-3.1-generate-preview: Veo 3.1 takes 16:9 or 9:16',
		],
		[
			'veo-3.1-generate-preview',
			{ resolution: '4k' },
			'Resolution 4k is not offered by veo-3.1-generate-preview: Veo 3.1 takes 720p or 1080p',
		],
		[
			'veo-3.1-generate-preview',
			{ resolution: '1080p', durationSeconds: 4 },
			'Veo makes 1080p only at 8 seconds: veo-3.1-generate-preview was asked for 1080p and 4 s',
		],
		[
			'MiniMax-Hailuo-02',
			{ resolution: '1080p', durationSeconds: 10 },
			'Hailuo makes 10-second videos only below 1080p: MiniMax-Hailuo-02 was asked for 1080p and 10 s',
		],
		[
			'vertex_ai/veo-3.0-generate-001',
			{ firstFrame: true, lastFrame: true },
			'vertex_ai/veo-3.0-generate-001 takes no last frame (Veo 3.0): remove Last Frame',
		],
		[
			'veo-3.1-generate-preview',
			{ lastFrame: true },
			'A Last Frame needs a First Frame: veo-3.1-generate-preview makes a video between the two (set First Frame)',
		],
		['kling-v2-1', { seed: 7 }, 'kling-v2-1 takes no seed (Kling): remove Seed'],
		[
			'kling-v2-1',
			{ generateAudio: true },
			'kling-v2-1 takes no sound setting (Kling): remove Generate Audio',
		],
		[
			'doubao-seedance-2-0-260128',
			{ negativePrompt: 'blur' },
			'doubao-seedance-2-0-260128 takes no negative prompt (Seedance 2.0): remove Negative Prompt',
		],
		[
			'sora-2',
			{ generateAudio: false },
			'sora-2 takes no sound setting (sora-2): remove Generate Audio',
		],
		[
			'wan2.5-t2v-preview',
			{ firstFrame: true },
			'wan2.5-t2v-preview makes videos from text only (Wan 2.5+ text-to-video): set First Frame to None, or choose an image-to-video model',
		],
		[
			'wan2.5-i2v-preview',
			{},
			'wan2.5-i2v-preview makes videos from a first frame (Wan 2.5+ image-to-video): set First Frame to an image',
		],
		[
			'runwayml/gen4_turbo',
			{},
			'runwayml/gen4_turbo makes videos from a first frame (Runway Gen-4 Turbo): set First Frame to an image',
		],
		[
			'MiniMax-Hailuo-02',
			{ firstFrame: true, aspectRatio: '9:16' },
			'Aspect Ratio 9:16 cannot be checked against the first frame: Hailuo 02 makes the video in the frame\'s ratio, and the node does not fetch an image URL to see its shape. Set Aspect Ratio to "Model\'s Default", or give the first frame as a file or a data URL',
		],
		[
			'MiniMax-Hailuo-02',
			{ firstFrame: true, firstFrameSize: { width: 1280, height: 720 }, aspectRatio: '9:16' },
			'Aspect Ratio 9:16 does not match the first frame (1280x720): the first frame is 16:9; Hailuo 02 makes the video in the frame\'s ratio. Set Aspect Ratio to 16:9 or "Model\'s Default", or use a 9:16 image',
		],
		[
			'veo3-fast',
			{ durationSeconds: 4 },
			'Duration 4 s is not offered by veo3-fast: Veo 3 takes 8 seconds',
		],
		[
			'muse-video-30s',
			{ durationSeconds: 10 },
			'Duration 10 s is not offered by muse-video-30s: muse-video-30s takes 30 seconds',
		],
	])('%s %j', (model, choice, message) => {
		expect(problemOf(model, choice)).toBe(message);
	});

	it('an exact Size: its own sizes for the models that read one, else the ratio and resolution it stands for', () => {
		expect(problemOf('sora-2', { size: '1920x1080' })).toBe(
			'Size 1920x1080 is not offered by sora-2: sora-2 takes 720x1280 or 1280x720. sora-2-pro also takes 1024x1792, 1792x1024, 1080x1920 and 1920x1080',
		);
		expect(problemOf('sora-2', { size: 'hd' })).toBe(
			'Size "hd" is not WIDTHxHEIGHT (e.g. 1280x720): sora-2 takes 720x1280 or 1280x720',
		);
		expect(problemOf('kling-v2-1', { size: '1000x1000' })).toBe(
			'Size 1000x1000 (1:1 1000p) is not a video kling-v2-1 makes: Kling takes no exact size; choose Aspect Ratio (16:9, 9:16 or 1:1) and Resolution (720p or 1080p)',
		);
		expect(problemOf('kling-v2-1', { size: '720x1280', aspectRatio: '16:9' })).toBe(
			'Size 720x1280 is 9:16 but Aspect Ratio asks 16:9: set one of them to "Model\'s Default"',
		);
		expect(problemOf('sora-2', { resolution: '1080p' })).toBe(
			'Resolution 1080p is not offered by sora-2: sora-2 takes 720p',
		);
	});

	it('an unknown model gets what the user set, unchecked', () => {
		expect(
			planCreate('gw-video-1', { ...text, durationSeconds: 7, size: '100x100', seed: 1 }),
		).toEqual({
			plan: {
				family: 'unknown',
				durationSeconds: 7,
				aspectRatio: undefined,
				resolution: undefined,
				size: '100x100',
				asked: {
					durationSeconds: 7,
					aspectRatio: '1:1',
					resolution: '100p',
					width: 100,
					height: 100,
				},
			},
		});
	});
});

describe('what is sent and what was asked', () => {
	it('nothing set: nothing sent, the model defaults asked', () => {
		expect(planOf('kling-v2-1')).toMatchObject({
			family: 'kling',
			durationSeconds: undefined,
			aspectRatio: undefined,
			resolution: undefined,
			size: undefined,
		});
		expect(planOf('kling-v2-1').asked).toEqual({
			durationSeconds: 5,
			aspectRatio: '16:9',
			resolution: '720p',
		});
		expect(planOf('veo-3.1-generate-preview').asked).toEqual({
			durationSeconds: 8,
			aspectRatio: '16:9',
			resolution: '720p',
			generateAudio: true,
		});
		expect(planOf('doubao-seedance-1-0-pro-250528').asked).toEqual({
			durationSeconds: 5,
			aspectRatio: '16:9',
			resolution: '1080p',
		});
		expect(planOf('sora-2').asked).toEqual({
			durationSeconds: 4,
			aspectRatio: '9:16',
			resolution: '720p',
			width: 720,
			height: 1280,
		});
		expect(planOf('wan2.5-t2v-preview').asked).toEqual({
			durationSeconds: 5,
			aspectRatio: '16:9',
			resolution: '1080p',
			width: 1920,
			height: 1080,
			generateAudio: true,
		});
	});

	it("a first frame's ratio wins for models that follow it: the ask names no ratio", () => {
		expect(planCreate('MiniMax-Hailuo-02', image).plan!.asked).toEqual({
			durationSeconds: 6,
			resolution: '768p',
		});
		const portrait = { ...image, firstFrameSize: { width: 720, height: 1280 } };
		expect(planCreate('MiniMax-Hailuo-02', portrait).plan!.asked).toEqual({
			durationSeconds: 6,
			aspectRatio: '9:16',
			resolution: '768p',
		});
		// a matching Aspect Ratio is taken but not sent (the frame decides), and compared with the MP4
		expect(
			planCreate('wan2.5-i2v-preview', { ...portrait, aspectRatio: '9:16' }).plan,
		).toMatchObject({ aspectRatio: undefined, asked: { aspectRatio: '9:16' } });
		expect(planCreate('kling-v2-1', { ...image, aspectRatio: '9:16' }).plan!.asked).toEqual({
			durationSeconds: 5,
			aspectRatio: '9:16',
			resolution: '720p',
		});
	});

	it('exact-size models get the size that the ratio and resolution stand for, and nothing else', () => {
		expect(planOf('sora-2', { aspectRatio: '16:9' })).toMatchObject({
			size: '1280x720',
			aspectRatio: undefined,
			resolution: undefined,
		});
		expect(planOf('sora-2-pro', { aspectRatio: '9:16', resolution: '1080p' }).size).toBe(
			'1080x1920',
		);
		expect(
			planOf('wan2.5-t2v-preview', {
				aspectRatio: '9:16',
				resolution: '720p',
				durationSeconds: 10,
			}),
		).toMatchObject({ size: '720x1280', durationSeconds: 10 });
		expect(planCreate('runwayml/gen4_turbo', { ...image, aspectRatio: '21:9' }).plan!.size).toBe(
			'1584x672',
		);
		expect(planOf('sora-2-pro', { size: '1792x1024' }).asked).toEqual({
			durationSeconds: 4,
			aspectRatio: '16:9',
			resolution: '1024p',
			width: 1792,
			height: 1024,
		});
	});

	it('a value that is the only one the model makes is not sent, but asked', () => {
		const muse = planOf('muse-video', { size: '1280x720' });
		expect(muse).toMatchObject({ aspectRatio: '16:9', resolution: undefined });
		expect(muse.asked).toEqual({ durationSeconds: 10, aspectRatio: '16:9', resolution: '720p' });
		expect(planOf('veo3-fast', { durationSeconds: 8 })).toMatchObject({
			durationSeconds: undefined,
			asked: { durationSeconds: 8 },
		});
		expect(planOf('MiniMax-Hailuo-02', { aspectRatio: '16:9' })).toMatchObject({
			aspectRatio: undefined,
			asked: { aspectRatio: '16:9' },
		});
	});

	it('other models get the ratio and resolution an exact Size stands for', () => {
		const plan = planOf('kling-v2-1', { size: '720x1280', durationSeconds: 10 });
		expect(plan).toMatchObject({
			durationSeconds: 10,
			aspectRatio: '9:16',
			resolution: '720p',
			size: undefined,
		});
		expect(plan.asked).toEqual({ durationSeconds: 10, aspectRatio: '9:16', resolution: '720p' });
	});

	it("a host's catalogue entry wins over the family's table", () => {
		const entry = {
			id: 'google/veo-3.1',
			durations: [4, 6, 8, 10],
			resolutions: ['720p', '1080p', '4K'],
		};
		expect(
			planCreate('google/veo-3.1', { ...text, durationSeconds: 10 }, entry, 'OpenRouter').problem,
		).toBeUndefined();
		expect(
			planCreate('google/veo-3.1', { ...text, durationSeconds: 5 }, entry, 'OpenRouter').problem
				?.message,
		).toBe(
			'Duration 5 s is not offered by google/veo-3.1: google/veo-3.1 on OpenRouter takes 4, 6, 8 or 10 seconds',
		);
		expect(
			planCreate(
				'other/model-x',
				{ ...text, durationSeconds: 3 },
				{ id: 'other/model-x', durations: [5] },
				'OpenRouter',
			).problem?.message,
		).toBe(
			'Duration 3 s is not offered by other/model-x: other/model-x on OpenRouter takes 5 seconds',
		);
	});
});

describe('pixel sizes', () => {
	it.each([
		['9:16', '720p', '720x1280'],
		['16:9', '720p', '1280x720'],
		['16:9', '1080p', '1920x1080'],
		['1:1', '720p', '720x720'],
		['4:3', '480p', '640x480'],
		['21:9', '720p', '1680x720'],
		['9:16', '768p', '768x1366'],
	])('%s %s is %s', (ratio, resolution, size) => {
		expect(pixelSizeFor(ratio, resolution)).toBe(size);
	});

	it("a model's own table wins (Runway's ratios, Wan's sizes)", () => {
		expect(pixelSizeFor('4:3', '720p', knownModel('gen4_turbo')!.rules.pixelSizes)).toBe(
			'1104x832',
		);
		expect(pixelSizeFor('1:1', '480p', knownModel('wan2.5-t2v-preview')!.rules.pixelSizes)).toBe(
			'624x624',
		);
	});

	it('by model id', () => {
		expect(pixelSizeOf('runwayml/gen4_turbo', '1:1', '720p')).toBe('960x960');
		expect(pixelSizeOf('kling-v2-1', '9:16', '720p')).toBe('720x1280');
		expect(pixelSizeOf('MiniMax-Hailuo-02', '16:9', '768p')).toBe('1366x768');
	});

	it('reads a near ratio as the usual one', () => {
		expect(aspectRatioOf(1920, 1088)).toBe('16:9');
		expect(aspectRatioOf(1366, 768)).toBe('16:9');
		expect(aspectRatioOf(1000, 700)).toBe('10:7');
	});
});
