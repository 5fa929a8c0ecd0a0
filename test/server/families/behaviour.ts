import type { FamilyId, ReachedKeys } from './reached';

/**
 * How each model family behaves once keys have reached it (models.md, "What each family takes", and
 * the vendors' docs): the defaults it falls back to when a key was dropped on the way, the values it
 * takes, and the pixel size of what it makes from a resolution and an aspect ratio. What is not in
 * models.md is marked *assumed*.
 */
export interface FamilyBehaviour {
	/** Seconds made when no duration reached the model. */
	defaultSeconds(model: string): number;
	/** The durations the model takes (a refused value is the upstream's refusal). */
	seconds(model: string): readonly number[];
	defaultRatio: string;
	ratios: readonly string[];
	defaultResolution(model: string): string;
	resolutions: readonly string[];
	/** The resolutions of one model, where they differ within the family. */
	resolutionsOf?(model: string): readonly string[];
	/** Whether the made video has an audio track when `generateAudio` did not reach the model. */
	audioByDefault(model: string): boolean;
	/** Whether the model makes audio at all (a `generateAudio: true` reaching it). */
	makesAudio(model: string): boolean;
	/** With no aspect ratio reaching it, an image-to-video job takes the first frame's ratio. */
	ratioFollowsFirstFrame: boolean;
	/** The frame's own ratio (Hailuo, Wan i2v: the video has the image's shape), not the nearest the family names. */
	keepsFrameRatio?: boolean;
	/** width x height of a resolution and aspect ratio. */
	pixels(resolution: string, ratio: string): [number, number];
}

const range = (from: number, to: number): number[] =>
	Array.from({ length: to - from + 1 }, (_, index) => from + index);

/** An even pixel size: the short side is the resolution's number, the long one follows the ratio. */
export function ratioPixels(shortSide: number, ratio: string): [number, number] {
	const [a, b] = ratio.split(':').map(Number);
	if (!a || !b) return [shortSide, shortSide];
	const even = (value: number) => Math.round(value / 2) * 2;
	return a >= b ? [even((shortSide * a) / b), shortSide] : [shortSide, even((shortSide * b) / a)];
}

function shortSideOf(resolution: string): number {
	const named: Record<string, number> = { '2k': 1440, '4k': 2160 };
	return named[resolution.toLowerCase()] ?? Number(/^(\d+)/.exec(resolution)?.[1] ?? 720);
}

/** Volcengine's published Seedance sizes per resolution and ratio. */
const SEEDANCE_PIXELS: Record<string, Record<string, [number, number]>> = {
	'480p': {
		'16:9': [864, 480],
		'4:3': [736, 544],
		'1:1': [640, 640],
		'3:4': [544, 736],
		'9:16': [480, 864],
		'21:9': [960, 416],
	},
	'720p': {
		'16:9': [1280, 720],
		'4:3': [1112, 834],
		'1:1': [960, 960],
		'3:4': [834, 1112],
		'9:16': [720, 1280],
		'21:9': [1470, 630],
	},
	'1080p': {
		'16:9': [1920, 1080],
		'4:3': [1664, 1248],
		'1:1': [1440, 1440],
		'3:4': [1248, 1664],
		'9:16': [1080, 1920],
		'21:9': [2176, 928],
	},
};

/** DashScope's Wan sizes per resolution (16:9, 9:16, 1:1). */
const WAN_PIXELS: Record<string, Record<string, [number, number]>> = {
	'480p': { '16:9': [832, 480], '9:16': [480, 832], '1:1': [624, 624] },
	'720p': { '16:9': [1280, 720], '9:16': [720, 1280], '1:1': [960, 960] },
	'1080p': { '16:9': [1920, 1080], '9:16': [1080, 1920], '1:1': [1440, 1440] },
};

const byRatio = (resolution: string, ratio: string) => ratioPixels(shortSideOf(resolution), ratio);

export const FAMILY_BEHAVIOUR: Record<FamilyId, FamilyBehaviour> = {
	sora: {
		defaultSeconds: () => 4,
		seconds: () => [4, 8, 12, 16, 20],
		defaultRatio: '9:16',
		ratios: ['9:16', '16:9'],
		defaultResolution: () => '720p',
		resolutions: ['720p', '1024p', '1080p'],
		audioByDefault: () => true,
		makesAudio: () => true,
		ratioFollowsFirstFrame: false,
		pixels: byRatio,
	},
	veo: {
		defaultSeconds: () => 8,
		seconds: () => [4, 6, 8],
		defaultRatio: '16:9',
		ratios: ['16:9', '9:16'],
		defaultResolution: () => '720p',
		resolutions: ['720p', '1080p'],
		audioByDefault: () => true,
		makesAudio: () => true,
		ratioFollowsFirstFrame: false,
		pixels: byRatio,
	},
	kling: {
		defaultSeconds: () => 5,
		// vendors' docs: Kling 3.0 3-15 s, with sound
		seconds: (model) => (/kling-v3/.test(model) ? range(3, 15) : [5, 10]),
		defaultRatio: '16:9',
		ratios: ['16:9', '9:16', '1:1'],
		// by `mode`: std 720p, pro 1080p (the resolution here is what the mode made)
		defaultResolution: () => '720p',
		resolutions: ['720p', '1080p'],
		audioByDefault: () => false,
		makesAudio: (model) => /kling-v3/.test(model),
		ratioFollowsFirstFrame: false,
		pixels: byRatio,
	},
	seedance: {
		// 2.5 picks the length itself when none is sent (vendors' docs: 10 s measured)
		defaultSeconds: (model) => (/seedance-2-5/.test(model) ? 10 : 5),
		seconds: (model) =>
			/seedance-2-5/.test(model)
				? range(4, 30)
				: /seedance-2/.test(model)
					? range(4, 15)
					: range(3, 12),
		defaultRatio: '16:9',
		ratios: ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'],
		// *assumed*: 1.0 pro 1080p, the others 720p
		defaultResolution: (model) => (/seedance-1-0-pro/.test(model) ? '1080p' : '720p'),
		resolutions: ['480p', '720p', '1080p', '4k'],
		// 4k on 2-0-260128 only (new-api's billing tiers); fast and mini stop at 720p; 2.5 has no 4k
		resolutionsOf: (model) =>
			/seedance-2-0-260128/.test(model)
				? ['480p', '720p', '1080p', '4k']
				: /seedance-2-0-(fast|mini)/.test(model)
					? ['480p', '720p']
					: ['480p', '720p', '1080p'],
		// *assumed*: 1.5+ and 2.0 make audio unless generate_audio is false
		audioByDefault: (model) => /seedance-(1-5|2)/.test(model),
		makesAudio: (model) => /seedance-(1-5|2)/.test(model),
		ratioFollowsFirstFrame: true,
		pixels: (resolution, ratio) =>
			SEEDANCE_PIXELS[resolution]?.[ratio] ?? byRatio(resolution, ratio),
	},
	hailuo: {
		defaultSeconds: () => 6,
		seconds: () => [6, 10],
		defaultRatio: '16:9',
		// no ratio key: the first frame's ratio, else 16:9
		ratios: ['16:9', '9:16', '1:1'],
		defaultResolution: () => '768p',
		// Hailuo 3 (vendors' docs): 2K
		resolutions: ['512p', '720p', '768p', '1080p', '2k'],
		audioByDefault: () => false,
		makesAudio: () => false,
		ratioFollowsFirstFrame: true,
		keepsFrameRatio: true,
		pixels: byRatio,
	},
	wan: {
		defaultSeconds: () => 5,
		seconds: (model) => (/wan2\.[5-9]/.test(model) ? [5, 10] : [5]),
		defaultRatio: '16:9',
		ratios: ['16:9', '9:16', '1:1'],
		defaultResolution: () => '1080p',
		resolutions: ['480p', '720p', '1080p'],
		// *assumed*: 2.5+ adds audio unless told not to
		audioByDefault: (model) => /wan2\.[5-9]/.test(model),
		makesAudio: (model) => /wan2\.[5-9]/.test(model),
		ratioFollowsFirstFrame: true,
		keepsFrameRatio: true,
		pixels: (resolution, ratio) => WAN_PIXELS[resolution]?.[ratio] ?? byRatio(resolution, ratio),
	},
	vidu: {
		defaultSeconds: (model) => (/viduq[12]/.test(model) ? 5 : 4),
		// vendors' docs: Q2 1-10 s
		seconds: (model) => (/viduq1/.test(model) ? [5] : /viduq2/.test(model) ? range(1, 10) : [4, 8]),
		defaultRatio: '16:9',
		ratios: ['16:9', '9:16', '1:1'],
		defaultResolution: () => '1080p',
		// Vidu Q1 makes 1080p only; Q2 540p-1080p; 1.5 has no 540p
		resolutions: ['360p', '540p', '720p', '1080p'],
		resolutionsOf: (model) =>
			/viduq1/.test(model)
				? ['1080p']
				: /viduq2/.test(model)
					? ['540p', '720p', '1080p']
					: /vidu1\.5/.test(model)
						? ['360p', '720p', '1080p']
						: ['360p', '540p', '720p', '1080p'],
		audioByDefault: () => false,
		// `bgm`: background music
		makesAudio: () => true,
		ratioFollowsFirstFrame: true,
		pixels: byRatio,
	},
	runway: {
		// *assumed*: Runway's default length is 10 s
		defaultSeconds: () => 10,
		seconds: () => [5, 10],
		defaultRatio: '16:9',
		ratios: ['16:9', '9:16', '4:3', '3:4', '1:1', '21:9'],
		defaultResolution: () => '720p',
		resolutions: ['720p'],
		audioByDefault: () => false,
		makesAudio: () => false,
		ratioFollowsFirstFrame: false,
		pixels: byRatio,
	},
	jimeng: {
		defaultSeconds: () => 5,
		seconds: () => [5, 10],
		defaultRatio: '16:9',
		ratios: ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'],
		// new-api's req_keys (jimeng_t2v_v30, jimeng_i2v_first_v30) are Jimeng 3.0 720P; the _1080 ones 1080P
		defaultResolution: (model) => (/1080|_pro/.test(model) ? '1080p' : '720p'),
		resolutions: ['720p', '1080p'],
		audioByDefault: () => false,
		makesAudio: () => false,
		ratioFollowsFirstFrame: false,
		pixels: (resolution, ratio) =>
			SEEDANCE_PIXELS[resolution]?.[ratio] ?? byRatio(resolution, ratio),
	},
	muse: {
		defaultSeconds: () => 10,
		seconds: () => [5, 8, 10, 20, 30, 40, 50, 60],
		defaultRatio: '16:9',
		ratios: ['16:9', '9:16', '1:1'],
		defaultResolution: () => '720p',
		resolutions: ['720p'],
		audioByDefault: () => false,
		makesAudio: () => false,
		ratioFollowsFirstFrame: false,
		pixels: (resolution, ratio) => (ratio === '1:1' ? [960, 960] : byRatio(resolution, ratio)),
	},
};

/** A value of a family the model does not take: the upstream's refusal message, else undefined. */
export function refusalOf(
	family: FamilyId,
	model: string,
	reached: ReachedKeys,
): string | undefined {
	const behaviour = FAMILY_BEHAVIOUR[family];
	if (reached.seconds !== undefined && !behaviour.seconds(model).includes(reached.seconds)) {
		return `duration ${reached.seconds} is not supported by ${model}; supported: ${behaviour.seconds(model).join(', ')}`;
	}
	if (reached.aspectRatio !== undefined && !behaviour.ratios.includes(reached.aspectRatio)) {
		return `aspect ratio ${reached.aspectRatio} is not supported by ${model}; supported: ${behaviour.ratios.join(', ')}`;
	}
	const resolutions = behaviour.resolutionsOf?.(model) ?? behaviour.resolutions;
	if (reached.resolution !== undefined && !resolutions.includes(reached.resolution)) {
		return `resolution ${reached.resolution} is not supported by ${model}; supported: ${resolutions.join(', ')}`;
	}
	return undefined;
}
