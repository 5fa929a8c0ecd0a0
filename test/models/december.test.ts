/**
 * The ids and families of December (issue 25): each recognised with its own choices, what it cannot
 * take refused before paying, and the new-api / OpenRouter keys that would change the model or not
 * reach it refused too.
 */
import { checkCreate } from '../../nodes/Sora/hosts';
import { newApiDialect } from '../../nodes/Sora/hosts/newApi';
import { openRouterDialect } from '../../nodes/Sora/hosts/openRouter';
import type { CanonicalCreate, ModelChoice } from '../../nodes/Sora/hosts/types';
import { familyOf, knownModel } from '../../nodes/Sora/models';
import { planCreate, type CreateChoice } from '../../nodes/Sora/models/plan';

const text: CreateChoice = { firstFrame: false, lastFrame: false };
const problemOf = (model: string, choice: Partial<CreateChoice>) =>
	planCreate(model, { ...text, ...choice }).problem?.message;

describe('each new id is its family, with its own rules', () => {
	it.each([
		['viduq2', 'vidu', 'Vidu Q2'],
		['vidu1.5', 'vidu', 'Vidu 1.5'],
		['jimeng_v30_pro', 'jimeng', 'Jimeng 3.0 Pro'],
		['kling-v1', 'kling', 'Kling'],
		['kling-v1-6', 'kling', 'Kling'],
		['kling-v2-master', 'kling', 'Kling 2.0 Master'],
		['kling-v3', 'kling', 'Kling 3.0'],
		['veo-3.1-lite-generate-preview', 'veo', 'Veo 3.1 Lite'],
		['veo-3.1-generate-001', 'veo', 'Veo 3.1'],
		['doubao-seedance-2-0-mini-260615', 'seedance', 'Seedance 2.0 fast/mini'],
		['doubao-seedance-2-0-fast-260128', 'seedance', 'Seedance 2.0 fast/mini'],
		['doubao-seedance-2-0-260128', 'seedance', 'Seedance 2.0'],
		['doubao-seedance-2-5-260628', 'seedance', 'Seedance 2.5'],
		['minimax/hailuo-3', 'hailuo', 'Hailuo 3'],
		['MiniMax-Hailuo-3', 'hailuo', 'Hailuo 3'],
		['wan2.7-i2v', 'wan', 'Wan 2.7 image-to-video'],
		['wan2.7-t2v', 'wan', 'Wan 2.5+ text-to-video'],
	])('%s: %s (%s)', (model, family, label) => {
		expect(familyOf(model)).toBe(family);
		expect(knownModel(model)?.rules.label).toBe(label);
	});

	it('offers what each model makes, and refuses the rest naming it', () => {
		expect(knownModel('viduq2')?.rules.durations).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(problemOf('vidu1.5', { durationSeconds: 8, resolution: '1080p' })).toBe(
			'Vidu 1.5 makes 8-second videos only below 1080p: vidu1.5 was asked for 1080p and 8 s',
		);
		expect(knownModel('kling-v3')?.rules).toMatchObject({ audio: true });
		expect(knownModel('kling-v3')?.rules.durations).toEqual([
			3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
		]);
		expect(problemOf('kling-v2-master', { firstFrame: true, lastFrame: true })).toMatch(
			/kling-v2-master takes no last frame \(Kling 2\.0 Master\)/,
		);
		expect(problemOf('jimeng_v30_pro', { firstFrame: true, lastFrame: true })).toMatch(
			/takes no last frame \(Jimeng 3\.0 Pro\)/,
		);
		// Veo 3.1 Lite makes 1080p at every length (the standard model only at 8 s)
		expect(
			problemOf('veo-3.1-lite-generate-preview', { durationSeconds: 4, resolution: '1080p' }),
		).toBeUndefined();
		expect(problemOf('veo-3.1-generate-001', { durationSeconds: 4, resolution: '1080p' })).toMatch(
			/Veo makes 1080p only at 8 seconds/,
		);
		expect(problemOf('doubao-seedance-2-5-260628', { durationSeconds: 30 })).toBeUndefined();
		expect(problemOf('doubao-seedance-2-5-260628', { resolution: '4k' })).toMatch(
			/Resolution 4k is not offered by doubao-seedance-2-5-260628: Seedance 2\.5 takes 480p, 720p or 1080p/,
		);
		// a first frame: Seedance 2.5 takes only ratio "adaptive" (the frame's)
		expect(
			problemOf('doubao-seedance-2-5-260628', { firstFrame: true, aspectRatio: '9:16' }),
		).toMatch(/makes the video in the frame's ratio/);
		expect(problemOf('minimax/hailuo-3', { resolution: '2k' })).toBeUndefined();
	});
});

const ask = (family: CanonicalCreate['family'], model: string, extra = {}): CanonicalCreate => ({
	prompt: 'A boat',
	model,
	family,
	extra,
});

describe('keys that would change the model, or not reach it, are refused before paying', () => {
	const image = 'https://example.com/a.png';

	test("new-api's Vidu channel: more than two images make a viduq2 reference-to-video", () => {
		expect(
			checkCreate(newApiDialect, ask('vidu', 'viduq1', { images: [image, image, image] }))?.message,
		).toBe(
			"new-api's Vidu channel makes 3 images a viduq2 reference-to-video, not a viduq1 video: send at most two images, or set Model to viduq2",
		);
		expect(
			checkCreate(newApiDialect, ask('vidu', 'viduq2', { images: [image, image, image] })),
		).toBeUndefined();
	});

	const hailuo3: ModelChoice = {
		id: 'minimax/hailuo-3',
		isVideo: true,
		durations: [6, 10],
		resolutions: ['768p', '1080p', '2K'],
		aspectRatios: ['16:9'],
		passthrough: ['prompt_optimizer'],
		seed: false,
	};
	const check = (extra: Record<string, unknown>) =>
		openRouterDialect.checkAgainstModel!(ask('hailuo', 'minimax/hailuo-3', extra), hailuo3);

	test("OpenRouter: a model's allowed_passthrough_parameters and provider.options.<slug> pass; another key is refused", () => {
		expect(check({ prompt_optimizer: false })).toBeUndefined();
		expect(
			check({ provider: { options: { minimax: { prompt_optimizer: false } } } }),
		).toBeUndefined();
		expect(check({ watermark: false })?.message).toBe(
			'minimax/hailuo-3 on OpenRouter does not pass on "watermark": its passthrough parameters are prompt_optimizer; put a provider\'s own key in provider.options.<provider slug>',
		);
		expect(
			openRouterDialect.createBody(
				ask('hailuo', 'minimax/hailuo-3', {
					provider: { options: { minimax: { prompt_optimizer: false } } },
				}),
			).fields,
		).toMatchObject({
			provider: { options: { minimax: { prompt_optimizer: false } } },
		});
	});
});

test('the matrix has one pair per host and model id (the e2e names its workflow nodes by the model)', async () => {
	const { PAIRS } = await import('./pairs');
	const keys = PAIRS.map((pair) => `${pair.mode} ${pair.model}`);
	expect(new Set(keys).size).toBe(keys.length);
	expect(PAIRS).toHaveLength(40); // 27 of issue 19, 13 of December
});
