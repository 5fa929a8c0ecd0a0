import type { IDataObject } from 'n8n-workflow';

import { newApiDialect } from './newApi';
import { contractChannel, contractCreateBody } from './openai';
import {
	channelIn,
	frameFile,
	frameUrl,
	ratioAndResolution,
	refuseHttpFrame,
	refuseLoneResolution,
	sizeAsked,
	spell,
	notOffered,
	ONLY_OPENROUTER_CALLS_BACK,
} from './spelling';
import type { CanonicalCreate, Channel, ChannelTable, HostDialect } from './types';

const NOT_IN_DOCS = "not in LaoZhang's docs for it";

/** Meta Muse: `seconds`, `aspect_ratio` or `size`, the first frame as `image` (or a multipart file), `last_frame`. */
const museChannel: Channel = {
	name: 'LaoZhang API (Muse)',
	refuses: {
		resolution: NOT_IN_DOCS,
		generateAudio: NOT_IN_DOCS,
		seed: NOT_IN_DOCS,
		negativePrompt: NOT_IN_DOCS,
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	body(request) {
		const { fields, files } = contractCreateBody(
			{ ...request, aspectRatio: undefined, size: request.size },
			'image',
		);
		if (request.aspectRatio) fields.aspect_ratio = request.aspectRatio;
		if (request.lastFrame) fields.last_frame = frameUrl(request.lastFrame);
		return { fields, files };
	},
};

const imageItem = (url: string, role: string): IDataObject => ({
	type: 'image_url',
	image_url: { url },
	role,
});

/** Seedance 2.0: JSON `duration` (integer), `ratio`, `resolution`, frames as `content[]` items with roles, `generate_audio`. */
const seedanceChannel: Channel = {
	name: 'LaoZhang API (Seedance)',
	refuses: {
		seed: NOT_IN_DOCS,
		negativePrompt: 'not a Seedance field',
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	body(request) {
		const { aspectRatio, resolution } = ratioAndResolution(request);
		const content = [
			...(request.firstFrame ? [imageItem(frameUrl(request.firstFrame), 'first_frame')] : []),
			...(request.lastFrame ? [imageItem(frameUrl(request.lastFrame), 'last_frame')] : []),
		];
		const fields: IDataObject = {
			prompt: request.prompt,
			model: request.model,
			duration: request.durationSeconds,
			ratio: aspectRatio,
			resolution: resolution?.toLowerCase(),
			generate_audio: request.generateAudio,
			content: content.length ? content : undefined,
		};
		return { fields, files: [] };
	},
};

/** Veo 3.1 (official forward): `seconds` and `duration` (strings), `size`, the first frame as a multipart `input_reference` file. */
const veoChannel: Channel = {
	name: 'LaoZhang API (Veo)',
	refuses: {
		lastFrame: NOT_IN_DOCS,
		generateAudio: NOT_IN_DOCS,
		seed: NOT_IN_DOCS,
		negativePrompt: NOT_IN_DOCS,
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) =>
		refuseLoneResolution('LaoZhang API (Veo)', request) ??
		refuseHttpFrame('LaoZhang API (Veo)', request, 'an uploaded input_reference file'),
	body(request) {
		const seconds =
			request.durationSeconds === undefined ? undefined : String(request.durationSeconds);
		const fields: IDataObject = {
			prompt: request.prompt,
			model: request.model,
			seconds,
			duration: seconds,
			size: sizeAsked(request),
		};
		const file = request.firstFrame && frameFile(request.firstFrame, 'input_reference');
		return { fields, files: file ? [file] : [] };
	},
};

const wanChannel: Channel = {
	name: 'LaoZhang API',
	refuses: {},
	check: () => ({
		field: 'Model',
		message: 'LaoZhang API serves Wan models at its own DashScope path, not at /v1/videos',
		description:
			'Nothing was sent. Use an HTTP Request node with its /wan/api/v1/services/aigc/video-generation/video-synthesis path, or a Wan model at another host.',
	}),
	body: (request) => contractCreateBody(request, 'image'),
};

const OWN_PAGE = 'LaoZhang documents no /v1/videos keys of its own for it';

/** LaoZhang's /v1/videos pages, by model family; the others get the contract's fields. */
export const LAO_ZHANG_CHANNELS: ChannelTable = {
	sora: notOffered(OWN_PAGE),
	veo: veoChannel,
	kling: notOffered(OWN_PAGE),
	seedance: seedanceChannel,
	hailuo: notOffered(OWN_PAGE),
	wan: wanChannel,
	vidu: notOffered(OWN_PAGE),
	runway: notOffered(OWN_PAGE),
	jimeng: notOffered(OWN_PAGE),
	muse: museChannel,
};
const otherChannel = contractChannel('LaoZhang API (for a model of unknown family)', 'image');
const channelFor = (request: CanonicalCreate) =>
	request.family === 'unknown'
		? museLike(request)
		: channelIn(LAO_ZHANG_CHANNELS, request.family, otherChannel);

/** An unknown model at LaoZhang: Muse's keys, the ones its /v1/videos page documents (as before the families). */
function museLike(request: CanonicalCreate): Channel {
	return /muse/i.test(request.model ?? '')
		? museChannel
		: { ...museChannel, name: 'LaoZhang API (for a model of unknown family)' };
}

/**
 * LaoZhang API (api.laozhang.ai), a new-api derivative: Meta's Muse models, Seedance 2.0 and Veo
 * 3.1 on /v1/videos, each with the keys its page documents; a finished video names
 * its file as `video_url` (no key needed); the docs advise polling every 15 s.
 */
export const laoZhangDialect: HostDialect = {
	...newApiDialect,
	family: 'laoZhang',
	label: 'LaoZhang API',
	firstFrameMustMatchSize: false,
	channelFor,
	createBody: (request) => spell(channelFor(request), request),
};
