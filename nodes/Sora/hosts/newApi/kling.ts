import type { IDataObject } from 'n8n-workflow';

import {
	FIELD_NAMES,
	frameUrlOrBase64,
	ONLY_OPENROUTER_CALLS_BACK,
	ratioAndResolution,
	refuseLastWithoutFirst,
} from '../spelling';
import type { Channel } from '../types';
import { base } from './unifiedRequest';

const KLING_RATIO_OF_SIZE: Record<string, string> = {
	'1280x720': '16:9',
	'1920x1080': '16:9',
	'720x1280': '9:16',
	'1080x1920': '9:16',
	'1024x1024': '1:1',
	'512x512': '1:1',
};
const KLING_MODE_OF_RESOLUTION: Record<string, string> = { '720p': 'std', '1080p': 'pro' };

/** Kling: `duration` (metadata: a string), `metadata.aspect_ratio`, resolution as `metadata.mode`, `image`, `metadata.image_tail`. */
export const klingChannel: Channel = {
	name: "new-api's Kling channel",
	refuses: {
		generateAudio: "Kling's request has no audio key",
		seed: "Kling's request has no seed key",
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check(request) {
		const { resolution } = ratioAndResolution(request);
		if (resolution && !KLING_MODE_OF_RESOLUTION[resolution.toLowerCase()]) {
			return {
				field: FIELD_NAMES.resolution,
				message: `new-api's Kling channel makes 720p (mode std) or 1080p (mode pro), not ${resolution}`,
			};
		}
		return refuseLastWithoutFirst("new-api's Kling channel", request);
	},
	body(request) {
		const { aspectRatio, resolution } = ratioAndResolution(request);
		const metadata: IDataObject = {};
		if (request.durationSeconds !== undefined) metadata.duration = String(request.durationSeconds);
		if (aspectRatio) metadata.aspect_ratio = aspectRatio;
		if (resolution) metadata.mode = KLING_MODE_OF_RESOLUTION[resolution.toLowerCase()];
		if (request.lastFrame) metadata.image_tail = frameUrlOrBase64(request.lastFrame);
		if (request.negativePrompt !== undefined) metadata.negative_prompt = request.negativePrompt;
		const fields: IDataObject = { ...base(request), metadata };
		if (request.size && KLING_RATIO_OF_SIZE[request.size]) fields.size = request.size;
		if (request.firstFrame) fields.image = frameUrlOrBase64(request.firstFrame);
		return { fields, files: [] };
	},
};
