import type { IDataObject } from 'n8n-workflow';

import {
	frameUrl,
	ONLY_OPENROUTER_CALLS_BACK,
	ratioAndResolution,
	refuseLastWithoutFirst,
} from '../spelling';
import type { Channel } from '../types';
import { base } from './unifiedRequest';

/** Vidu: `duration`, resolution as `size` ("720p"), frames as `images` (two: first and last). */
export const viduChannel: Channel = {
	name: "new-api's Vidu channel",
	refuses: {
		aspectRatio: 'its request has no aspect ratio key',
		negativePrompt: '',
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) => refuseLastWithoutFirst("new-api's Vidu channel", request),
	body(request) {
		const { resolution } = ratioAndResolution(request);
		const metadata: IDataObject = {};
		if (request.generateAudio !== undefined) metadata.bgm = request.generateAudio;
		if (request.seed !== undefined) metadata.seed = request.seed;
		const images = [request.firstFrame, request.lastFrame]
			.filter((frame) => frame !== undefined)
			.map(frameUrl);
		return {
			fields: {
				...base(request),
				size: resolution?.toLowerCase(),
				images: images.length ? images : undefined,
				metadata,
			},
			files: [],
		};
	},
};
