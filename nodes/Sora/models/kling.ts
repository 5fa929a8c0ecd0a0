import type { ModelFamily } from './types';

/** Kuaishou's Kling (`kling-v1`, `kling-v1-6`, `kling-v2-*`, `kling-v3`): 5 or 10 s (3.0: 3-15 s, with sound); resolution by mode (std 720p, pro 1080p); no seed. */
export const klingFamily: ModelFamily<'kling'> = {
	id: 'kling',
	label: 'Kling',
	aliases: ['Kling'],
	modelIds: [
		'kling-v2-1',
		'kling-v2-1-master',
		'kling-v2-master',
		'kling-v1-6',
		'kling-v1',
		'kling-v3',
	],
	ids: /^kling/,
	models: [
		{
			// vendors' docs, not gateway source: Kling 3.0, 3 to 15 s, with sound
			label: 'Kling 3.0',
			ids: /^kling-v3/,
			durations: Array.from({ length: 13 }, (_, i) => i + 3),
			defaultDuration: 5,
			aspectRatios: ['16:9', '9:16', '1:1'],
			defaultAspectRatio: '16:9',
			resolutions: ['720p', '1080p'],
			defaultResolution: '720p',
			firstFrame: 'optional',
			lastFrame: true,
			audio: true,
			seed: false,
			negativePrompt: true,
		},
		{
			// vendors' docs (Kling's API), not gateway source: kling-v2-master takes no image_tail
			label: 'Kling 2.0 Master',
			ids: /^kling-v2-master/,
			durations: [5, 10],
			defaultDuration: 5,
			aspectRatios: ['16:9', '9:16', '1:1'],
			defaultAspectRatio: '16:9',
			resolutions: ['720p', '1080p'],
			defaultResolution: '720p',
			firstFrame: 'optional',
			lastFrame: false,
			audio: false,
			seed: false,
			negativePrompt: true,
		},
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

/**
 * No list price (searched 2026-12-07): Kuaishou sells API "units" in prepaid packs ($0.14 each at the
 * standard pack, docs.klingai2.org "Prepaid resource packs"; $0.098-$0.14 per atlascloud.ai's copy of the
 * pack table), but no stored page gives the units an API video of a given model and mode costs (the
 * 10/35-per-5 s figures quoted around are the web app's credits, not API units). Resellers' per-second
 * prices (Krea, Venice, APIMart...) are theirs, not Kuaishou's: set Price per Second.
 */
