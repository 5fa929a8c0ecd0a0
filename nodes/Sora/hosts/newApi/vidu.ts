import type { IDataObject } from 'n8n-workflow';

import type { Problem } from '../../domain/problem';
import {
	ADDITIONAL_BODY_FIELDS,
	frameUrl,
	ONLY_OPENROUTER_CALLS_BACK,
	ratioAndResolution,
	refuseLastWithoutFirst,
} from '../spelling';
import type { CanonicalCreate, Channel } from '../types';
import { base } from './unifiedRequest';

const VIDU = "new-api's Vidu channel";

/** More than two `images` (Additional Body Fields) make new-api send the task to viduq2's reference-to-video. */
function refuseModelSwitch(request: CanonicalCreate): Problem | undefined {
	const images = request.extra?.images;
	if (!Array.isArray(images) || images.length <= 2 || /^viduq2/i.test(request.model ?? ''))
		return undefined;
	return {
		field: ADDITIONAL_BODY_FIELDS,
		message: `${VIDU} makes ${images.length} images a viduq2 reference-to-video, not a ${request.model ?? 'Vidu'} video: send at most two images, or set Model to viduq2`,
		description:
			'Nothing was sent. The gateway would change the model (and its price) without an error.',
	};
}

/** Vidu: `duration`, resolution as `size` ("720p"), frames as `images` (two: first and last). */
export const viduChannel: Channel = {
	name: VIDU,
	refuses: {
		aspectRatio: 'its request has no aspect ratio key',
		negativePrompt: '',
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) => refuseLastWithoutFirst(VIDU, request) ?? refuseModelSwitch(request),
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
