import type { IDataObject } from 'n8n-workflow';

import {
	FIELD_NAMES,
	frameUrl,
	ONLY_OPENROUTER_CALLS_BACK,
	pixelSize,
	ratioAndResolution,
} from '../spelling';
import type { Channel } from '../types';
import { base } from './unifiedRequest';

const isImageToVideo = (model: string | undefined) => /i2v|kf2v/i.test(model ?? '');
const WAN = "new-api's Ali (Wan) channel";

/**
 * Ali / Wan: `size` with `*` for text-to-video, a resolution word for image-to-video; the first
 * frame as JSON `input_reference` (and `image`, which a newer adaptor reads); the rest nested in
 * `metadata.input` / `metadata.parameters` (metadata is laid over the whole upstream request).
 */
export const wanChannel: Channel = {
	name: WAN,
	refuses: { characterIds: '', callbackUrl: ONLY_OPENROUTER_CALLS_BACK },
	check(request) {
		if (isImageToVideo(request.model) && request.aspectRatio) {
			return {
				field: FIELD_NAMES.aspectRatio,
				message: `${WAN} takes no Aspect Ratio for ${request.model}: an image-to-video model follows the first frame's`,
			};
		}
		return undefined;
	},
	body(request) {
		const input: IDataObject = {};
		const parameters: IDataObject = {};
		const fields: IDataObject = { ...base(request) };
		const { resolution } = ratioAndResolution(request);
		if (isImageToVideo(request.model)) {
			if (resolution) fields.size = resolution.toUpperCase();
		} else if (request.size) {
			fields.size = request.size.replace(/x/i, '*');
		} else if (request.aspectRatio || request.resolution) {
			fields.size = pixelSize(request.aspectRatio ?? '16:9', request.resolution ?? '1080p', '*');
		}
		if (request.firstFrame) fields.input_reference = fields.image = frameUrl(request.firstFrame);
		if (request.firstFrame && request.lastFrame)
			input.first_frame_url = frameUrl(request.firstFrame);
		if (request.lastFrame) input.last_frame_url = frameUrl(request.lastFrame);
		if (request.negativePrompt !== undefined) input.negative_prompt = request.negativePrompt;
		if (request.generateAudio !== undefined) parameters.audio = request.generateAudio;
		if (request.seed !== undefined) parameters.seed = request.seed;
		const metadata: IDataObject = {};
		if (Object.keys(input).length) metadata.input = input;
		if (Object.keys(parameters).length) metadata.parameters = parameters;
		return { fields: { ...fields, metadata }, files: [] };
	},
};
