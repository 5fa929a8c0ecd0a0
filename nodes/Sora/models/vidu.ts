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

/** Shengshu's Vidu (`viduq1`, `vidu2.0`): q1 5 s at 1080p, 2.0 4 or 8 s; two frames make a start-end video; audio is background music. */
export const viduFamily: ModelFamily<'vidu'> = {
	id: 'vidu',
	label: 'Vidu',
	aliases: ['Vidu'],
	modelIds: ['viduq1', 'vidu2.0'],
	ids: /^vidu/,
	models: [
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
