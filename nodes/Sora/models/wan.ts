import type { FamilyPrices } from './prices';
import type { ModelFamily } from './types';

const SIZES = [
	'832x480',
	'480x832',
	'624x624',
	'1280x720',
	'720x1280',
	'960x960',
	'1088x832',
	'832x1088',
	'1920x1080',
	'1080x1920',
	'1440x1440',
	'1632x1248',
	'1248x1632',
];
const common = {
	defaultDuration: 5,
	resolutions: ['480p', '720p', '1080p'],
	defaultResolution: '1080p',
	seed: true,
	negativePrompt: true,
	lastFrame: false,
} as const;
const textToVideo = {
	...common,
	aspectRatios: ['16:9', '9:16', '1:1', '4:3', '3:4'],
	defaultAspectRatio: '16:9',
	sizes: SIZES,
	pixelSizes: {
		'1:1 480p': '624x624',
		'1:1 720p': '960x960',
		'1:1 1080p': '1440x1440',
		'4:3 720p': '1088x832',
		'3:4 720p': '832x1088',
		'4:3 1080p': '1632x1248',
		'3:4 1080p': '1248x1632',
		'16:9 480p': '832x480',
		'9:16 480p': '480x832',
	},
	firstFrame: 'no',
} as const;
const imageToVideo = {
	...common,
	aspectRatios: [],
	ratioFollowsFirstFrame: true,
	firstFrame: 'required',
} as const;

/** Alibaba's Wan (`wan2.5-t2v-preview`, `wan2.5-i2v-preview`…): t2v by exact size, i2v from a first frame; 5 or 10 s and sound from 2.5. */
export const wanFamily: ModelFamily<'wan'> = {
	id: 'wan',
	label: 'Wan',
	aliases: ['Wan'],
	modelIds: ['wan2.5-t2v-preview', 'wan2.5-i2v-preview', 'wan2.7-t2v', 'wan2.7-i2v'],
	ids: /^wan[-_.]?\d|^wanx/,
	models: [
		{
			// new-api's ali adaptor (2026-08-15): input.media[] first_frame, last_frame, driving_audio; an
			// i2v request without an image is refused. Durations as 2.5 (not in the facts read).
			...imageToVideo,
			label: 'Wan 2.7 image-to-video',
			ids: /^wan[-_.]?2\.7.*i2v/,
			durations: [5, 10],
			audio: true,
			defaultAudio: true,
			lastFrame: true,
		},
		{
			...imageToVideo,
			label: 'Wan 2.5+ image-to-video',
			ids: /^wan[-_.]?(2\.[5-9]|[3-9]).*i2v/,
			durations: [5, 10],
			audio: true,
			defaultAudio: true,
		},
		{
			...textToVideo,
			label: 'Wan 2.5+ text-to-video',
			ids: /^wan[-_.]?(2\.[5-9]|[3-9])/,
			durations: [5, 10],
			audio: true,
			defaultAudio: true,
		},
		{
			...imageToVideo,
			label: 'Wan image-to-video',
			ids: /i2v|kf2v/,
			durations: [5],
			audio: false,
			lastFrame: true,
		},
		{ ...textToVideo, label: 'Wan', durations: [5], audio: false },
	],
};

/**
 * Alibaba Cloud's list prices (Model Studio, international site, "Wan image-to-video: first frame" and
 * "first and last frame" API references, last updated 2025-06-10): wan2.1-i2v-turbo $0.036/s,
 * wan2.1-i2v-plus and wan2.1-kf2v-plus $0.10/s. Not found in US dollars: Wan 2.2 and 2.5 (the China
 * site lists them in yuan only: wan2.5 ¥0.30/¥0.60/¥1.00 per second at 480P/720P/1080P, as quoted by
 * docs.crazyrouter.com; not converted here), Wan 2.1 text-to-video.
 */
export const wanPrices: FamilyPrices = {
	whose: "Alibaba Cloud's list price",
	source: 'alibabacloud.com Model Studio API reference, 2025-06-10',
	rows: [
		{ ids: /^wan2\.1-i2v-turbo/, usdPerSecond: 0.036 },
		{ ids: /^wan2\.1-(i2v|kf2v)-plus/, usdPerSecond: 0.1 },
	],
};
