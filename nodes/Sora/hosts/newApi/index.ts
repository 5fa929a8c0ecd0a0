import { openaiDialect, contractChannel } from '../openai';
import { channelIn, notOffered, spell } from '../spelling';
import type { CanonicalCreate, Channel, ChannelTable, HostDialect } from '../types';
import { wanChannel } from './ali';
import { seedanceChannel } from './doubao';
import { veoChannel } from './geminiVertex';
import { hailuoChannel } from './hailuo';
import { jimengChannel } from './jimeng';
import { klingChannel } from './kling';
import { soraChannel } from './sora';
import { viduChannel } from './vidu';

/** new-api's task channels (relay/channel/task/<channel>/), one file each, by model family. */
export const NEW_API_CHANNELS: ChannelTable = {
	sora: soraChannel,
	veo: veoChannel,
	kling: klingChannel,
	seedance: seedanceChannel,
	hailuo: hailuoChannel,
	wan: wanChannel,
	vidu: viduChannel,
	runway: notOffered('new-api has no Runway channel'),
	jimeng: jimengChannel,
	muse: notOffered("Muse is LaoZhang's own"),
};

/** A model of a family new-api has no channel for: the contract's fields, a URL first frame as `image`. */
const otherChannel = contractChannel('new-api (for a model of unknown family)', 'image');

export function newApiChannelFor(request: CanonicalCreate): Channel {
	return channelIn(NEW_API_CHANNELS, request.family, otherChannel);
}

function record(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/**
 * `GET /v1/video/generations/{id}`: `{code, data: {status, fail_reason, …}}`. Where new-api keeps
 * the reason of a task its Gemini/Vertex channels failed without an error object (free to read).
 */
export const newApiFailureReason = {
	path: (videoId: string) => `/video/generations/${encodeURIComponent(videoId)}`,
	read(body: unknown): string | undefined {
		const data = record(record(body)?.data);
		const reason = data?.fail_reason ?? record(data?.error)?.message ?? data?.error;
		return typeof reason === 'string' && reason.trim() ? reason.trim() : undefined;
	},
};

/**
 * new-api, the open-source gateway most resellers run (QuantumNous/new-api): the contract's
 * create, retrieve, remix and content routes only; one channel per model family, each reading its
 * own keys (relay/channel/task/); statuses refreshed from upstream about every 15 s; a failed task
 * answered as its error beside the id, or (Gemini/Vertex) with its reason only at
 * /video/generations/{id}; every content variant answered with the MP4; `/models` mixing chat
 * and video models (Model → From List shows the video ones).
 */
export const newApiDialect: HostDialect = {
	...openaiDialect,
	family: 'newApi',
	label: 'new-api gateway',
	lacks: ['List', 'Delete', 'Edit', 'Extend', 'Character Create', 'Character Get'],
	variants: ['video'],
	firstFrameMustMatchSize: false,
	statusRefreshMs: 15_000,
	channelFor: newApiChannelFor,
	createBody: (request) => spell(newApiChannelFor(request), request),
	failureReason: newApiFailureReason,
};
