import type { ModelFamily } from './types';

/** ByteDance's Jimeng (`jimeng_v30`, `jimeng_v30_pro`): 5 or 10 s; a second image is the last frame. */
export const jimengFamily: ModelFamily<'jimeng'> = {
	id: 'jimeng',
	label: 'Jimeng',
	aliases: ['Jimeng'],
	modelIds: ['jimeng_v30'],
	ids: /^jimeng/,
	models: [
		{
			label: 'Jimeng',
			durations: [5, 10],
			defaultDuration: 5,
			aspectRatios: ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'],
			defaultAspectRatio: '16:9',
			resolutions: ['720p', '1080p'],
			defaultResolution: '720p',
			firstFrame: 'optional',
			lastFrame: true,
			audio: false,
			seed: true,
			negativePrompt: false,
		},
	],
};
