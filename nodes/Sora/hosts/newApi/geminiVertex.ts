import type { IDataObject } from 'n8n-workflow';

import type { Problem } from '../../domain/problem';
import {
	ADDITIONAL_BODY_FIELDS,
	extraMetadata,
	FIELD_NAMES,
	frameBytes,
	frameUrl,
	ONLY_OPENROUTER_CALLS_BACK,
	ratioAndResolution,
	refuseHttpFrame,
} from '../spelling';
import type { CanonicalCreate, Channel } from '../types';
import { base } from './unifiedRequest';

const VEO = "new-api's Gemini/Vertex (Veo) channel";

/** The image size new-api's Gemini/Vertex adaptor takes; a larger first frame is dropped without an error (a text-to-video, paid). */
export const VEO_FRAME_LIMIT_BYTES = 20 * 1024 * 1024;

function refuseLargeFrame(request: CanonicalCreate): Problem | undefined {
	const bytes = request.firstFrame && frameBytes(request.firstFrame);
	if (bytes === undefined || bytes <= VEO_FRAME_LIMIT_BYTES) return undefined;
	const mb = (bytes / 1024 / 1024).toFixed(1);
	return {
		field: FIELD_NAMES.firstFrame,
		message: `${VEO} takes a first frame of at most 20 MB, not ${mb} MB: it would drop it without an error and make a video from the text alone`,
		description:
			'Nothing was sent. Make the image smaller (a JPEG or WebP of the video size is well below 20 MB), then run again.',
	};
}

/** `metadata.durationSeconds` is an int in the adaptor's struct: a string ("8") fails the submit. */
function refuseTextDuration(request: CanonicalCreate): Problem | undefined {
	const value = extraMetadata(request, 'durationSeconds');
	if (value === undefined || typeof value === 'number') return undefined;
	return {
		field: ADDITIONAL_BODY_FIELDS,
		message: `${VEO} reads metadata.durationSeconds as a JSON number, not ${JSON.stringify(value)}: write it without quotes, or set Duration instead`,
	};
}

/** Veo: `metadata.durationSeconds` (and `seconds`, which it bills), `metadata.aspectRatio` / `resolution`, the first frame as image data. */
export const veoChannel: Channel = {
	name: VEO,
	refuses: {
		lastFrame: 'its adaptor has no last frame yet',
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) =>
		refuseHttpFrame(VEO, request, 'a file or a data URL, sent as base64') ??
		refuseLargeFrame(request) ??
		refuseTextDuration(request),
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
