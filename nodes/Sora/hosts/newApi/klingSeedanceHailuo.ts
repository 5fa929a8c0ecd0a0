import type { IDataObject } from 'n8n-workflow';

import { contractCreateBody } from '../openai';
import {
	frameFile,
	frameUrl,
	frameUrlOrBase64,
	ratioAndResolution,
	refuseHttpFrame,
	refuseLoneResolution,
	FIELD_NAMES,
	refuseLastWithoutFirst,
} from '../spelling';
import type { CanonicalCreate, Channel } from '../types';

/**
 * new-api's channels for Sora, Kling, Doubao (Seedance) and Hailuo (MiniMax): which key of its
 * unified request (or of `metadata`, decoded onto the upstream request) each field becomes,
 * from new-api's task adaptors (QuantumNous/new-api, relay/channel/task/). Top-level keys outside the unified request are dropped by new-api.
 */

export const ONLY_OPENROUTER_CALLS_BACK =
	'only OpenRouter calls a Callback URL with its own events';

/** `duration` (JSON int) for the adaptors that read it, `seconds` (a string) for billing and the others. */
export function durationKeys(request: CanonicalCreate): IDataObject {
	const seconds = request.durationSeconds;
	return seconds === undefined ? {} : { duration: seconds, seconds: String(seconds) };
}

export function base(request: CanonicalCreate): IDataObject {
	return { prompt: request.prompt, model: request.model, ...durationKeys(request) };
}

/** Sora: the body goes upstream as it is; the first frame only as an uploaded file. */
export const soraChannel: Channel = {
	name: "new-api's Sora channel",
	refuses: {
		lastFrame: '',
		generateAudio: '',
		seed: '',
		negativePrompt: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) =>
		refuseLoneResolution("new-api's Sora channel", request) ??
		refuseHttpFrame(
			"new-api's Sora channel",
			request,
			'an uploaded file, which it sends upstream as input_reference',
		),
	body(request) {
		const { fields } = contractCreateBody({ ...request, firstFrame: undefined });
		const file = request.firstFrame && frameFile(request.firstFrame, 'input_reference');
		return { fields, files: file ? [file] : [] };
	},
};

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

const imageItem = (url: string, role?: string): IDataObject => ({
	type: 'image_url',
	image_url: { url },
	...(role ? { role } : {}),
});

/** Doubao / Seedance: `seconds` + `metadata.duration`, `metadata.ratio` / `resolution`, frames as content items with roles. */
export const seedanceChannel: Channel = {
	name: "new-api's Doubao (Seedance) channel",
	refuses: {
		negativePrompt: 'not a Seedance field',
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) => refuseLastWithoutFirst("new-api's Doubao (Seedance) channel", request),
	body(request) {
		const { aspectRatio, resolution } = ratioAndResolution(request);
		const metadata: IDataObject = {};
		if (request.durationSeconds !== undefined) metadata.duration = request.durationSeconds;
		if (aspectRatio) metadata.ratio = aspectRatio;
		if (resolution) metadata.resolution = resolution.toLowerCase();
		if (request.generateAudio !== undefined) metadata.generate_audio = request.generateAudio;
		if (request.seed !== undefined) metadata.seed = request.seed;
		const fields: IDataObject = { ...base(request), metadata };
		if (request.firstFrame && request.lastFrame) {
			// metadata.content replaces the image items new-api builds; it appends the prompt itself.
			metadata.content = [
				imageItem(frameUrl(request.firstFrame), 'first_frame'),
				imageItem(frameUrl(request.lastFrame), 'last_frame'),
			];
		} else if (request.firstFrame) {
			fields.image = frameUrl(request.firstFrame);
		}
		return { fields, files: [] };
	},
};

const HAILUO_RESOLUTIONS = ['1080', '768', '720', '512'];

/** Hailuo / MiniMax: `duration`, resolution read from a substring of `size`, frames in `metadata`. */
export const hailuoChannel: Channel = {
	name: "new-api's Hailuo (MiniMax) channel",
	refuses: {
		aspectRatio: 'the video follows the first frame, or is 16:9',
		generateAudio: '',
		seed: '',
		negativePrompt: '',
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check(request) {
		const resolution = request.resolution ?? request.size;
		if (resolution && !HAILUO_RESOLUTIONS.some((r) => resolution.includes(r))) {
			return {
				field: FIELD_NAMES.resolution,
				message: `new-api's Hailuo (MiniMax) channel makes 512P, 720P, 768P or 1080P, not ${resolution}`,
			};
		}
		return undefined;
	},
	body(request) {
		const metadata: IDataObject = {};
		if (request.durationSeconds !== undefined) metadata.duration = request.durationSeconds;
		const asked = request.resolution ?? request.size;
		const resolution = asked ? `${HAILUO_RESOLUTIONS.find((r) => asked.includes(r))}P` : undefined;
		if (resolution) metadata.resolution = resolution;
		if (request.firstFrame) metadata.first_frame_image = frameUrl(request.firstFrame);
		if (request.lastFrame) metadata.last_frame_image = frameUrl(request.lastFrame);
		return { fields: { ...base(request), size: resolution, metadata }, files: [] };
	},
};
