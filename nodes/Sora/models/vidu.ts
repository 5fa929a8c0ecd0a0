import type { ModelFamily } from './types';

const common = {
	aspectRatios: ['16:9', '9:16', '1:1'],
	defaultAspectRatio: '16:9',
	firstFrame: 'optional',
	lastFrame: true,
	audio: true,
	defaultAudio: false,
	seed: true,
	negativePrompt: false,
} as const;

/** Shengshu's Vidu (`viduq1`, `viduq2`, `vidu2.0`, `vidu1.5`): q1 5 s at 1080p, q2 1-10 s, 1.5/2.0 4 or 8 s; two frames make a start-end video; audio is background music. */
export const viduFamily: ModelFamily<'vidu'> = {
	id: 'vidu',
	label: 'Vidu',
	aliases: ['Vidu'],
	modelIds: ['viduq1', 'viduq2', 'vidu2.0', 'vidu1.5'],
	ids: /^vidu/,
	models: [
		{
			// vendors' docs (Vidu's API), not gateway source: 1 to 10 s, 540p to 1080p; new-api sends more
			// than two images to viduq2's reference-to-video
			...common,
			label: 'Vidu Q2',
			ids: /^viduq2/,
			durations: Array.from({ length: 10 }, (_, i) => i + 1),
			defaultDuration: 5,
			resolutions: ['540p', '720p', '1080p'],
			defaultResolution: '720p',
		},
		{
			// vendors' docs, not gateway source: as 2.0 without 540p
			...common,
			label: 'Vidu 1.5',
			ids: /^vidu1\.5/,
			durations: [4, 8],
			defaultDuration: 4,
			resolutions: ['360p', '720p', '1080p'],
			defaultResolution: '360p',
			refuses: ({ durationSeconds, resolution }) =>
				resolution === '1080p' && durationSeconds === 8
					? 'Vidu 1.5 makes 8-second videos only below 1080p'
					: undefined,
		},
		{
			...common,
			label: 'Vidu Q1',
			ids: /^viduq1/,
			durations: [5],
			defaultDuration: 5,
			resolutions: ['1080p'],
			defaultResolution: '1080p',
		},
		{
			...common,
			label: 'Vidu 2.0',
			durations: [4, 8],
			defaultDuration: 4,
			resolutions: ['360p', '540p', '720p', '1080p'],
			defaultResolution: '360p',
			refuses: ({ durationSeconds, resolution }) =>
				resolution === '1080p' && durationSeconds === 8
					? 'Vidu 2.0 makes 8-second videos only below 1080p'
					: undefined,
		},
	],
};

/**
 * No list price (searched 2026-12-07): Vidu's API (platform.vidu.com) bills in credits bought from $10,
 * but no stored page gives a credit's US-dollar value, nor the credits per model for the API (302.ai's
 * "points" are its own). Set Price per Second.
 */
