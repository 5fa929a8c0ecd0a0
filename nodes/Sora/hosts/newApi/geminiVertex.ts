import type { IDataObject } from 'n8n-workflow';

import {
	frameUrl,
	ONLY_OPENROUTER_CALLS_BACK,
	ratioAndResolution,
	refuseHttpFrame,
} from '../spelling';
import type { Channel } from '../types';
import { base } from './unifiedRequest';

const VEO = "new-api's Gemini/Vertex (Veo) channel";

/** Veo: `metadata.durationSeconds` (and `seconds`, which it bills), `metadata.aspectRatio` / `resolution`, the first frame as image data. */
export const veoChannel: Channel = {
	name: VEO,
	refuses: {
		lastFrame: 'its adaptor has no last frame yet',
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) => refuseHttpFrame(VEO, request, 'a file or a data URL, sent as base64'),
	body(request) {
		const { aspectRatio, resolution } = ratioAndResolution(request);
		const metadata: IDataObject = {};
		if (request.durationSeconds !== undefined) metadata.durationSeconds = request.durationSeconds;
		if (aspectRatio) metadata.aspectRatio = aspectRatio;
		if (resolution) metadata.resolution = resolution.toLowerCase();
		if (request.generateAudio !== undefined) metadata.generateAudio = request.generateAudio;
		if (request.seed !== undefined) metadata.seed = request.seed;
		if (request.negativePrompt !== undefined) metadata.negativePrompt = request.negativePrompt;
		const fields: IDataObject = { ...base(request), metadata };
		if (request.firstFrame) fields.image = frameUrl(request.firstFrame);
		return { fields, files: [] };
	},
};
