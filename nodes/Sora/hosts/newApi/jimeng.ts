import type { IDataObject } from 'n8n-workflow';

import {
	frameUrlOrBase64,
	ONLY_OPENROUTER_CALLS_BACK,
	ratioAndResolution,
	refuseLastWithoutFirst,
} from '../spelling';
import type { Channel } from '../types';
import { base } from './unifiedRequest';

/** Jimeng: `duration` (10 or 5 s), `metadata.aspect_ratio`, frames as `images` (URLs, or base64 without a prefix). */
export const jimengChannel: Channel = {
	name: "new-api's Jimeng channel",
	refuses: {
		resolution: '',
		generateAudio: '',
		negativePrompt: '',
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) => refuseLastWithoutFirst("new-api's Jimeng channel", request),
	body(request) {
		const { aspectRatio } = ratioAndResolution(request);
		const metadata: IDataObject = {};
		if (aspectRatio) metadata.aspect_ratio = aspectRatio;
		if (request.seed !== undefined) metadata.seed = request.seed;
		const images = [request.firstFrame, request.lastFrame]
			.filter((frame) => frame !== undefined)
			.map(frameUrlOrBase64);
		return {
			fields: { ...base(request), images: images.length ? images : undefined, metadata },
			files: [],
		};
	},
};
