import type { ModelFamily } from './types';

/** Kuaishou's Kling (`kling-v2-1`…): 5 or 10 s; resolution by mode (std 720p, pro 1080p); no seed, no audio. */
export const klingFamily: ModelFamily<'kling'> = {
	id: 'kling',
	label: 'Kling',
	aliases: ['Kling'],
	modelIds: ['kling-v2-1', 'kling-v2-1-master'],
	ids: /^kling/,
	models: [
		{
			label: 'Kling',
			durations: [5, 10],
			defaultDuration: 5,
			aspectRatios: ['16:9', '9:16', '1:1'],
			defaultAspectRatio: '16:9',
			resolutions: ['720p', '1080p'],
			defaultResolution: '720p',
			firstFrame: 'optional',
			lastFrame: true,
			audio: false,
			seed: false,
			negativePrompt: true,
		},
	],
};
