import type { IDataObject } from 'n8n-workflow';

import type { Video } from '../domain/video';
import { contractChannel, contractCreateBody, openaiDialect } from './openai';
import {
	frameFile,
	frameUrl,
	refuseHttpFrame,
	refuseLoneResolution,
	sizeAsked,
	spell,
	ONLY_OPENROUTER_CALLS_BACK,
	FIELD_NAMES,
} from './spelling';
import type { CanonicalCreate, Channel, HostDialect } from './types';

/**
 * LiteLLM proxy (BerriAI/litellm): the contract's `seconds`, `size` and `input_reference`, which each
 * provider (named by the model id's prefix) maps to its own keys; other keys pass through to the
 * provider's parameters (LiteLLM's video handlers). Ids are `video_` + base64 of the provider and upstream id.
 */

export type LiteLlmProvider = 'openai' | 'azure' | 'gemini' | 'vertex_ai' | 'runwayml';

export function providerOfModel(model: string | undefined): LiteLlmProvider | undefined {
	const prefix = /^(openai|azure|gemini|vertex_ai|runwayml)\//.exec(model ?? '');
	return prefix ? (prefix[1] as LiteLlmProvider) : undefined;
}

/** The provider a LiteLLM video id names: `video_` + base64("litellm:custom_llm_provider:gemini;model_id:…;video_id:…"). */
export function providerOfVideoId(id: string): string | undefined {
	if (!id.startsWith('video_')) return undefined;
	const decoded = Buffer.from(id.slice('video_'.length), 'base64').toString('utf8');
	if (!decoded.startsWith('litellm:')) return undefined;
	return /custom_llm_provider:([^;]+)/.exec(decoded)?.[1];
}

const OPENAI_NAME = "LiteLLM's OpenAI provider";
const DROPS = 'not among its parameters, so LiteLLM drops it';

const veoSize = (request: CanonicalCreate) => sizeAsked(request);

/** Sizes whose aspect ratio LiteLLM's Veo providers recognise (any other size becomes 16:9). */
const VEO_SIZES = ['1280x720', '1920x1080', '720x1280', '1080x1920'];

function checkVeo(name: string, request: CanonicalCreate) {
	const size = veoSize(request);
	if (size && !VEO_SIZES.includes(size)) {
		return {
			field: request.size ? FIELD_NAMES.size : FIELD_NAMES.aspectRatio,
			message: `${name} turns only 1280x720, 1920x1080, 720x1280 or 1080x1920 into an aspect ratio, not ${size} (anything else becomes 16:9)`,
		};
	}
	return refuseHttpFrame(name, request, 'an uploaded input_reference file, sent as base64');
}

function veoBody(request: CanonicalCreate, keys: (request: CanonicalCreate) => IDataObject) {
	const fields: IDataObject = {
		prompt: request.prompt,
		model: request.model,
		seconds: request.durationSeconds === undefined ? undefined : String(request.durationSeconds),
		size: veoSize(request),
		resolution: request.resolution?.toLowerCase(),
		...keys(request),
	};
	const file = request.firstFrame && frameFile(request.firstFrame, 'input_reference');
	return { fields, files: file ? [file] : [] };
}

const openaiChannel: Channel = {
	name: OPENAI_NAME,
	refuses: {
		lastFrame: '',
		generateAudio: '',
		seed: '',
		negativePrompt: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) =>
		refuseLoneResolution(OPENAI_NAME, request) ??
		refuseHttpFrame(OPENAI_NAME, request, 'an uploaded input_reference file'),
	body(request) {
		const { fields } = contractCreateBody({ ...request, firstFrame: undefined });
		const file = request.firstFrame && frameFile(request.firstFrame, 'input_reference');
		return { fields, files: file ? [file] : [] };
	},
};

const geminiChannel: Channel = {
	name: "LiteLLM's Gemini provider",
	refuses: {
		lastFrame: 'its Veo request has no last frame',
		generateAudio: DROPS,
		seed: DROPS,
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) => checkVeo("LiteLLM's Gemini provider", request),
	body: (request) => veoBody(request, (r) => ({ negativePrompt: r.negativePrompt })),
};

const vertexChannel: Channel = {
	name: "LiteLLM's Vertex AI provider",
	refuses: {
		lastFrame: 'its Veo request has no last frame',
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check: (request) => checkVeo("LiteLLM's Vertex AI provider", request),
	body: (request) =>
		veoBody(request, (r) => ({
			seed: r.seed,
			generateAudio: r.generateAudio,
			negativePrompt: r.negativePrompt,
		})),
};

/** Runway's ratios, as the sizes LiteLLM turns into them ("1280x720" → "1280:720"). */
const RUNWAY_SIZES: Record<string, string> = {
	'16:9': '1280x720',
	'9:16': '720x1280',
	'4:3': '1104x832',
	'3:4': '832x1104',
	'1:1': '960x960',
	'21:9': '1584x672',
};
const RUNWAY = "LiteLLM's Runway provider";

const runwayChannel: Channel = {
	name: RUNWAY,
	refuses: {
		resolution: "Runway's resolution follows its ratio",
		lastFrame: '',
		generateAudio: '',
		negativePrompt: '',
		characterIds: '',
		callbackUrl: ONLY_OPENROUTER_CALLS_BACK,
	},
	check(request) {
		const size =
			request.size ?? (request.aspectRatio ? RUNWAY_SIZES[request.aspectRatio] : undefined);
		if (
			(request.size || request.aspectRatio) &&
			!Object.values(RUNWAY_SIZES).includes(size ?? '')
		) {
			return {
				field: request.size ? FIELD_NAMES.size : FIELD_NAMES.aspectRatio,
				message: `${RUNWAY} makes ${Object.keys(RUNWAY_SIZES).join(', ')} (as ${Object.values(RUNWAY_SIZES).join(', ')}), not ${request.size ?? request.aspectRatio}`,
			};
		}
		return undefined;
	},
	body(request) {
		const fields: IDataObject = {
			prompt: request.prompt,
			model: request.model,
			seconds: request.durationSeconds === undefined ? undefined : String(request.durationSeconds),
			size: request.size ?? (request.aspectRatio ? RUNWAY_SIZES[request.aspectRatio] : undefined),
			seed: request.seed,
			input_reference: request.firstFrame ? frameUrl(request.firstFrame) : undefined,
		};
		return { fields, files: [] };
	},
};

const CHANNELS: Record<LiteLlmProvider, Channel> = {
	openai: openaiChannel,
	azure: { ...openaiChannel, name: "LiteLLM's Azure provider" },
	gemini: geminiChannel,
	vertex_ai: vertexChannel,
	runwayml: runwayChannel,
};
const unprefixed = contractChannel(
	'LiteLLM (for a model id without a provider prefix)',
	'input_reference',
	'data',
);

function channelFor(request: CanonicalCreate): Channel {
	const provider = providerOfModel(request.model);
	return provider ? CHANNELS[provider] : unprefixed;
}

/**
 * LiteLLM's proxy: no DELETE route; its Gemini provider reports only processing/completed, so a
 * job Google failed looks like one still running until the wait's timeout.
 */
export const liteLlmDialect: HostDialect = {
	...openaiDialect,
	family: 'liteLlm',
	label: 'LiteLLM proxy',
	lacks: ['Delete'],
	variants: ['video'],
	firstFrameMustMatchSize: false,
	channelFor,
	createBody: (request) => spell(channelFor(request), request),
	lacksForVideo(operation, videoId) {
		const provider = providerOfVideoId(videoId);
		const name = {
			gemini: "LiteLLM's Gemini provider",
			vertex_ai: "LiteLLM's Vertex AI provider",
			runwayml: "LiteLLM's Runway provider",
		}[provider ?? ''];
		return name && ['Remix', 'Edit', 'Extend'].includes(operation) ? name : undefined;
	},
	silentFailureNote(video: Video) {
		if (providerOfVideoId(video.id) !== 'gemini') return undefined;
		return "LiteLLM's Gemini provider never reports a failed job (only processing or completed), so this one may have failed at Google without LiteLLM saying so";
	},
};
