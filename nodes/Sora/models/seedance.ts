import type { ModelFamily } from './types';

const RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'];
const seconds = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i);
const common = {
	aspectRatios: RATIOS,
	defaultAspectRatio: '16:9',
	defaultDuration: 5,
	firstFrame: 'optional',
	lastFrame: true,
	seed: true,
	negativePrompt: false,
} as const;

/** ByteDance's Seedance (`doubao-seedance-*`, `seedance-*`): 1.x 3-12 s, 2.0 4-15 s (4k on 2-0-260128), 2.5 4-30 s; sound from 1.5. */
export const seedanceFamily: ModelFamily<'seedance'> = {
	id: 'seedance',
	label: 'Seedance',
	aliases: ['Seedance', 'Doubao'],
	modelIds: [
		'doubao-seedance-2-0-260128',
		'doubao-seedance-2-0-fast-260128',
		'doubao-seedance-2-0-mini-260615',
		'doubao-seedance-2-5-260628',
		'doubao-seedance-1-0-pro-250528',
	],
	ids: /seedance/,
	models: [
		{
			// vendors' docs, not gateway source (APIYI, 2026-08-28): up to 30 s, no 4k; the model picks the
			// length when none is sent, and a first frame needs ratio "adaptive" (its own ratio)
			...common,
			label: 'Seedance 2.5',
			ids: /seedance-2-5/,
			durations: seconds(4, 30),
			defaultDuration: undefined,
			ratioFollowsFirstFrame: true,
			resolutions: ['480p', '720p', '1080p'],
			defaultResolution: '720p',
			audio: true,
			defaultAudio: true,
		},
		{
			// new-api's billing tiers (2026-08-15): 1080p and 4k on doubao-seedance-2-0-260128 only
			...common,
			label: 'Seedance 2.0',
			ids: /seedance-2-0-260128/,
			durations: seconds(4, 15),
			resolutions: ['480p', '720p', '1080p', '4k'],
			defaultResolution: '720p',
			audio: true,
			defaultAudio: true,
		},
		{
			// vendors' docs: fast and mini (doubao-seedance-2-0-mini-260615, vendor docs, not gateway source) stop at 720p
			...common,
			label: 'Seedance 2.0 fast/mini',
			ids: /seedance-2-0-(fast|mini)/,
			durations: seconds(4, 15),
			resolutions: ['480p', '720p'],
			defaultResolution: '720p',
			audio: true,
			defaultAudio: true,
		},
		{
			...common,
			label: 'Seedance 2.0',
			ids: /seedance-2/,
			durations: seconds(4, 15),
			resolutions: ['480p', '720p'],
			defaultResolution: '720p',
			audio: true,
			defaultAudio: true,
		},
		{
			...common,
			label: 'Seedance 1.5',
			ids: /seedance-1-5/,
			durations: seconds(4, 12),
			resolutions: ['480p', '720p', '1080p'],
			defaultResolution: '720p',
			audio: true,
			defaultAudio: true,
		},
		{
			...common,
			label: 'Seedance 1.0 Pro',
			ids: /seedance-1-0-pro|seedance-1-pro/,
			durations: seconds(3, 12),
			resolutions: ['480p', '720p', '1080p'],
			defaultResolution: '1080p',
			audio: false,
		},
		{
			...common,
			label: 'Seedance 1.x',
			durations: seconds(3, 12),
			resolutions: ['480p', '720p', '1080p'],
			defaultResolution: '720p',
			audio: false,
		},
	],
};

/**
 * No list price per second (searched 2026-12-07): BytePlus ModelArk and Volcengine bill Seedance by output
 * tokens (width × height × fps × seconds / 1024; e.g. seedance-1-0-pro 2.5 USD per million tokens, as quoted by
 * docs.dev.xavier.icvr.xyz; Volcengine's Seedance 2.0 in yuan only, 46 CNY per million tokens, aicost.org),
 * and no vendor page states a price per second or per video. Not derived here from the token formula: set
 * Price per Second.
 */
