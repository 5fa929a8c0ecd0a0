import type { IDataObject } from 'n8n-workflow';

import {
	frameUrl,
	ONLY_OPENROUTER_CALLS_BACK,
	ratioAndResolution,
	refuseLastWithoutFirst,
} from '../spelling';
import type { Channel } from '../types';
import { base } from './unifiedRequest';

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
