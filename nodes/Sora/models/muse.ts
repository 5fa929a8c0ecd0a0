import type { ModelFamily, ModelRules } from './types';

const common = {
	aspectRatios: ['16:9', '9:16', '1:1'],
	defaultAspectRatio: '16:9',
	resolutions: ['720p'],
	defaultResolution: '720p',
	pixelSizes: { '1:1 720p': '960x960' },
	firstFrame: 'optional',
	lastFrame: true,
	audio: false,
	seed: false,
	negativePrompt: false,
} as const;

const fixedLengths: ModelRules[] = [20, 30, 40, 50, 60].map((seconds) => ({
	...common,
	label: `muse-video-${seconds}s`,
	ids: new RegExp(`^muse-video-${seconds}s$`),
	durations: [seconds],
	defaultDuration: seconds,
}));

/** Meta's Muse at LaoZhang (`muse-video`: 5, 8 or 10 s; `muse-video-20s` … `-60s`: that length). */
export const museFamily: ModelFamily<'muse'> = {
	id: 'muse',
	label: 'Muse',
	aliases: ['Muse'],
	modelIds: ['muse-video'],
	ids: /^muse/,
	models: [
		...fixedLengths,
		{ ...common, label: 'Muse', durations: [5, 8, 10], defaultDuration: 10 },
	],
};

/**
 * No list price (searched 2026-12-07): Muse is reached here through LaoZhang; no vendor price per second
 * was found. Set Price per Second.
 */
