import type { ModelFamily } from './types';

/** ByteDance's Jimeng (`jimeng_v30`, `jimeng_v30_pro`): 5 or 10 s; a second image is the last frame. */
export const jimengFamily: ModelFamily<'jimeng'> = {
	id: 'jimeng',
	label: 'Jimeng',
	aliases: ['Jimeng'],
	modelIds: ['jimeng_v30', 'jimeng_v30_pro'],
	ids: /^jimeng/,
	models: [
		{
			// new-api maps it to req_key jimeng_ti2v_v30_pro (2026-08-15): Jimeng 3.0 Pro, 1080P, no tail frame
			label: 'Jimeng 3.0 Pro',
			ids: /^jimeng_v30_pro/,
			durations: [5, 10],
			defaultDuration: 5,
			aspectRatios: ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'],
			defaultAspectRatio: '16:9',
			resolutions: ['1080p'],
			defaultResolution: '1080p',
			firstFrame: 'optional',
			lastFrame: false,
			audio: false,
			seed: true,
			negativePrompt: false,
		},
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

/**
 * No list price (searched 2026-12-07): Jimeng's API is Volcengine's (region cn-north-1); no US-dollar
 * price was found. Set Price per Second.
 */
