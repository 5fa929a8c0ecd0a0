import type { IDataObject } from 'n8n-workflow';

import { contractChannel, openaiDialect } from './openai';
import {
	channelIn,
	frameFile,
	notOffered,
	ONLY_OPENROUTER_CALLS_BACK,
	ratioAndResolution,
	refuseHttpFrame,
	spell,
	FIELD_NAMES,
} from './spelling';
import type { CanonicalCreate, Channel, ChannelTable, HostDialect, UploadFile } from './types';

/**
 * CometAPI (api.cometapi.com/v1), from its docs: Seedance takes `size` as an aspect
 * ratio ("16:9") and `resolution` apart; its Veo 3 aliases take `size` as "16x9"; first (and Veo's
 * last) frames are multipart `input_reference` files. Seedance answers uppercase statuses
 * (SUBMITTED … SUCCESS / FAILED / ERROR) and the file as `video_url`.
 */

const NOT_IN_DOCS = "not in CometAPI's docs for it";
const FILES_ONLY = 'uploaded input_reference files';

function frameFiles(request: CanonicalCreate): UploadFile[] {
	return [request.firstFrame, request.lastFrame]
		.filter((frame) => frame !== undefined)
		.map((frame) => frameFile(frame, 'input_reference'))
		.filter((file): file is UploadFile => file !== undefined);
}

const SEEDANCE = 'CometAPI (Seedance)';

const seedanceChannel: Channel = {
	name: SEEDANCE,
	refuses: {
		lastFrame: NOT_IN_DOCS,
		generateAudio: NOT_IN_DOCS,
		seed: NOT_IN_DOCS,
		negativePrompt: 'not a Seedance field',
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) => refuseHttpFrame(SEEDANCE, request, FILES_ONLY),
	body(request) {
		const { aspectRatio, resolution } = ratioAndResolution(request);
		const fields: IDataObject = {
			prompt: request.prompt,
			model: request.model,
			seconds: request.durationSeconds,
			size: aspectRatio,
			resolution: resolution?.toLowerCase(),
		};
		return { fields, files: frameFiles(request) };
	},
};

const VEO = 'CometAPI (Veo 3)';

const veoChannel: Channel = {
	name: VEO,
	refuses: {
		resolution: NOT_IN_DOCS,
		generateAudio: NOT_IN_DOCS,
		seed: NOT_IN_DOCS,
		negativePrompt: NOT_IN_DOCS,
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check(request) {
		if (request.durationSeconds !== undefined && request.durationSeconds !== 8) {
			return {
				field: FIELD_NAMES.durationSeconds,
				message: `${VEO} makes 8-second videos and takes no other Duration (not ${request.durationSeconds})`,
			};
		}
		if (request.lastFrame && !request.firstFrame)
			return {
				field: FIELD_NAMES.lastFrame,
				message: `${VEO} takes a Last Frame only with a First Frame (two ordered files)`,
			};
		return refuseHttpFrame(VEO, request, FILES_ONLY);
	},
	body(request) {
		const { aspectRatio } = ratioAndResolution(request);
		const fields: IDataObject = {
			prompt: request.prompt,
			model: request.model,
			size: aspectRatio?.replace(':', 'x'),
		};
		return { fields, files: frameFiles(request) };
	},
};

const contract = contractChannel('CometAPI', 'input_reference', 'only');
const NO_PAGE = "CometAPI's docs give no /v1/videos keys for it";

/** CometAPI's /v1/videos models, by family; Sora takes the contract's fields, the others too (undocumented). */
export const COMET_API_CHANNELS: ChannelTable = {
	sora: contract,
	veo: veoChannel,
	kling: notOffered(NO_PAGE),
	seedance: seedanceChannel,
	hailuo: notOffered(NO_PAGE),
	wan: notOffered(NO_PAGE),
	vidu: notOffered(NO_PAGE),
	runway: notOffered(NO_PAGE),
	jimeng: notOffered(NO_PAGE),
	muse: notOffered(NO_PAGE),
};
const channelFor = (request: CanonicalCreate) =>
	channelIn(COMET_API_CHANNELS, request.family, contract);

export const cometApiDialect: HostDialect = {
	...openaiDialect,
	family: 'cometApi',
	label: 'CometAPI',
	lacks: ['List', 'Delete', 'Edit', 'Extend', 'Character Create', 'Character Get'],
	variants: ['video'],
	firstFrameMustMatchSize: false,
	channelFor,
	createBody: (request) => spell(channelFor(request), request),
};
