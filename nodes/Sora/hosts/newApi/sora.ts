import { contractCreateBody } from '../openai';
import {
	frameFile,
	ONLY_OPENROUTER_CALLS_BACK,
	refuseHttpFrame,
	refuseLoneResolution,
} from '../spelling';
import type { Channel } from '../types';

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
