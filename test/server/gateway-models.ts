import { ApiError, modelNotFound } from './api-error';
import {
	readEnum,
	readOptionalBoolean,
	readOptionalInteger,
	readOptionalString,
	readPrompt,
	readSeconds,
	type RequestBody,
} from './body-fields';
import { checkInputReference } from './input-reference';
import type { CreateSpec } from './openai-create';
import { SORA_MODELS } from './openai-create';

/** A gateway: another provider of the contract, with its own models and parameters. */
export const GATEWAY_MODELS = [
	{ id: 'gw-video-1', object: 'model', owned_by: 'reference-gateway', created: 1767225600 },
	{ id: 'gw-video-1-fast', object: 'model', owned_by: 'reference-gateway', created: 1767225600 },
	{ id: 'gw-text-1', object: 'model', owned_by: 'reference-gateway', created: 1767225600 },
];
const VIDEO_MODELS = new Set(['gw-video-1', 'gw-video-1-fast']);
export const GATEWAY_SECONDS = ['5', '10'] as const;
const ASPECT_RATIOS = ['16:9', '9:16', '1:1'];
const RESOLUTIONS = ['720p', '1080p'];

export const OPENAI_MODELS = SORA_MODELS.map((id) => ({
	id,
	object: 'model',
	owned_by: 'system',
	created: 1759708800,
}));

export interface GatewayCreateSpec extends CreateSpec {
	extraFields: Record<string, unknown>;
	/** The fast model answers with `seconds` as a number and without `progress`, as some gateways do. */
	looseFields: boolean;
}

export function readGatewayCreate(body: RequestBody): GatewayCreateSpec {
	const prompt = readPrompt(body);
	const model = readOptionalString(body, 'model') ?? 'gw-video-1';
	if (!GATEWAY_MODELS.some((entry) => entry.id === model)) throw modelNotFound(model);
	if (!VIDEO_MODELS.has(model)) {
		throw new ApiError(
			400,
			`The model '${model}' does not support video generation.`,
			'model',
			'model_not_supported',
		);
	}
	if (body.fields.size !== undefined) {
		throw new ApiError(
			400,
			"Unsupported parameter: 'size'. This provider takes 'aspect_ratio' and 'resolution' instead.",
			'size',
			'unsupported_parameter',
		);
	}
	const seconds = readSeconds(body, GATEWAY_SECONDS, '5');
	const aspectRatio = readEnum(body, 'aspect_ratio', ASPECT_RATIOS, '16:9');
	const resolution = readEnum(body, 'resolution', RESOLUTIONS, '720p');
	const audio = readOptionalBoolean(body, 'audio') ?? false;
	const seed = readOptionalInteger(body, 'seed');
	const negativePrompt = readOptionalString(body, 'negative_prompt');
	checkInputReference(body, undefined);
	const fast = model === 'gw-video-1-fast';
	return {
		model,
		prompt,
		seconds,
		size: pixelSize(aspectRatio, resolution),
		looseFields: fast,
		extraFields: {
			provider: 'reference-gateway',
			quality: fast ? 'fast' : 'standard',
			aspect_ratio: aspectRatio,
			resolution,
			audio,
			...(seed !== undefined ? { seed } : {}),
			...(negativePrompt !== undefined ? { negative_prompt: negativePrompt } : {}),
		},
	};
}

function pixelSize(aspectRatio: string, resolution: string): string {
	const short = resolution === '1080p' ? 1080 : 720;
	const long = Math.round((short * 16) / 9);
	if (aspectRatio === '1:1') return `${short}x${short}`;
	return aspectRatio === '16:9' ? `${long}x${short}` : `${short}x${long}`;
}
