import type { IDataObject } from 'n8n-workflow';

import {
	ADDITIONAL_BODY_FIELDS,
	extraMetadata,
	FIELD_NAMES,
	frameUrl,
	ONLY_OPENROUTER_CALLS_BACK,
} from '../spelling';
import type { Channel } from '../types';
import { base } from './unifiedRequest';

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
		// Its adaptor decodes metadata onto MiniMax's request without removing `model`: it would replace the model.
		const model = extraMetadata(request, 'model');
		if (model !== undefined && model !== request.model) {
			return {
				field: ADDITIONAL_BODY_FIELDS,
				message: `new-api's Hailuo (MiniMax) channel would make the video with metadata.model ${JSON.stringify(model)} instead of Model "${request.model ?? ''}": remove metadata.model from Additional Body Fields, or set Model to it`,
				description:
					"Nothing was sent. The channel lets a metadata key replace the model, so the video (and its price) would be another model's than the one the node checked.",
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
