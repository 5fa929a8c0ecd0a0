import type { IDataObject } from 'n8n-workflow';

import { contractChannel, openaiDialect } from './openai';
import {
	channelIn,
	frameFile,
	frameUrl,
	frameUrlOrBase64,
	refuseHttpFrame,
	refuseLoneResolution,
	sizeAsked,
	spell,
	notOffered,
	ONLY_OPENROUTER_CALLS_BACK,
	FIELD_NAMES,
} from './spelling';
import type { CanonicalCreate, Channel, ChannelTable, CreateField, HostDialect } from './types';

/**
 * AiHubMix (aihubmix.com/v1), from its docs: `seconds` always a string, `size`;
 * Veo and Wan take the first frame as `input_reference`, Seedance as `extra_body.content[]`,
 * Kling as `image` / `image_tail`. DELETE /v1/videos/{id} exists.
 */

const NOT_IN_DOCS = "not in AiHubMix's docs for it";

function basics(request: CanonicalCreate): IDataObject {
	return {
		prompt: request.prompt,
		model: request.model,
		seconds: request.durationSeconds === undefined ? undefined : String(request.durationSeconds),
		size: sizeAsked(request),
	};
}

const refusing = (...fields: CreateField[]) => ({
	...Object.fromEntries(fields.map((field) => [field, NOT_IN_DOCS])),
	characterIds: '',
	callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
});

const VEO = 'AiHubMix (Veo)';

const veoChannel: Channel = {
	name: VEO,
	refuses: refusing('lastFrame', 'generateAudio', 'seed', 'negativePrompt'),
	check(request) {
		if (
			request.firstFrame &&
			request.durationSeconds !== undefined &&
			request.durationSeconds !== 8
		) {
			return {
				field: FIELD_NAMES.durationSeconds,
				message: `${VEO} makes 8 seconds from a First Frame, not ${request.durationSeconds}`,
			};
		}
		return refuseHttpFrame(VEO, request, 'an uploaded input_reference file');
	},
	body(request) {
		const file = request.firstFrame && frameFile(request.firstFrame, 'input_reference');
		const fields = basics(request);
		fields.size ??= request.resolution?.toLowerCase();
		return { fields, files: file ? [file] : [] };
	},
};

const WAN = 'AiHubMix (Wan)';

const wanChannel: Channel = {
	name: WAN,
	refuses: refusing('lastFrame', 'generateAudio', 'seed', 'negativePrompt'),
	check: (request) =>
		refuseLoneResolution(WAN, request) ??
		refuseHttpFrame(WAN, request, 'an uploaded input_reference file'),
	body(request) {
		const file = request.firstFrame && frameFile(request.firstFrame, 'input_reference');
		return { fields: basics(request), files: file ? [file] : [] };
	},
};

const imageItem = (url: string, role: string): IDataObject => ({
	type: 'image_url',
	image_url: { url },
	role,
});

const seedanceChannel: Channel = {
	name: 'AiHubMix (Seedance)',
	refuses: refusing('generateAudio', 'seed', 'negativePrompt'),
	check: (request) => refuseLoneResolution('AiHubMix (Seedance)', request),
	body(request) {
		const content = [
			...(request.firstFrame ? [imageItem(frameUrl(request.firstFrame), 'first_frame')] : []),
			...(request.lastFrame ? [imageItem(frameUrl(request.lastFrame), 'last_frame')] : []),
		];
		return {
			fields: { ...basics(request), extra_body: content.length ? { content } : undefined },
			files: [],
		};
	},
};

const klingChannel: Channel = {
	name: 'AiHubMix (Kling)',
	refuses: refusing('generateAudio', 'seed', 'negativePrompt'),
	check: (request) => refuseLoneResolution('AiHubMix (Kling)', request),
	body(request) {
		const fields: IDataObject = {
			...basics(request),
			image: request.firstFrame ? frameUrlOrBase64(request.firstFrame) : undefined,
			image_tail: request.lastFrame ? frameUrlOrBase64(request.lastFrame) : undefined,
		};
		return { fields, files: [] };
	},
};

const contract = contractChannel('AiHubMix', 'input_reference', 'only');
const NO_PAGE = "AiHubMix's docs give no /v1/videos keys for it";

/** AiHubMix's /v1/videos families; Sora takes the contract's fields, the others too (undocumented). */
export const AI_HUB_MIX_CHANNELS: ChannelTable = {
	sora: contract,
	veo: veoChannel,
	kling: klingChannel,
	seedance: seedanceChannel,
	hailuo: notOffered(NO_PAGE),
	wan: wanChannel,
	vidu: notOffered(NO_PAGE),
	runway: notOffered(NO_PAGE),
	jimeng: notOffered(NO_PAGE),
	muse: notOffered(NO_PAGE),
};
const channelFor = (request: CanonicalCreate) =>
	channelIn(AI_HUB_MIX_CHANNELS, request.family, contract);

export const aiHubMixDialect: HostDialect = {
	...openaiDialect,
	family: 'aiHubMix',
	label: 'AiHubMix',
	lacks: ['List', 'Edit', 'Extend', 'Character Create', 'Character Get'],
	variants: ['video'],
	firstFrameMustMatchSize: false,
	channelFor,
	createBody: (request) => spell(channelFor(request), request),
};
