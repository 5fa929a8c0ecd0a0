import type { IDataObject } from 'n8n-workflow';

import {
	frameUrl,
	frameUrlOrBase64,
	pixelSize,
	ratioAndResolution,
	refuseHttpFrame,
	FIELD_NAMES,
	refuseLastWithoutFirst,
} from '../spelling';
import type { Channel } from '../types';
import { base, ONLY_OPENROUTER_CALLS_BACK } from './klingSeedanceHailuo';

/**
 * new-api's channels for Veo (Gemini and Vertex), Ali (Wan), Vidu and Jimeng, from new-api's task adaptors (QuantumNous/new-api, relay/channel/task/).
 */

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
