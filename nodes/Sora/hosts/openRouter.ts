import type { IDataObject } from 'n8n-workflow';

import { listOf } from '../domain/problem';
import { readCanonicalVideo } from './answers';
import { checkChannel, frameUrl, spell } from './spelling';
import type { CanonicalCreate, Channel, HostDialect, ModelChoice } from './types';

const RESOLUTIONS = ['480p', '720p', '768p', '1080p'];
const ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9', '9:21'];

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

/** Size "1280x720" as OpenRouter's resolution and aspect ratio ("720p", "16:9"), when it has words for both. */
export function resolutionAndAspectOf(
	size: string,
): { resolution: string; aspectRatio: string } | undefined {
	const match = /^(\d+)x(\d+)$/.exec(size.trim());
	if (!match) return undefined;
	const [width, height] = [Number(match[1]), Number(match[2])];
	const divisor = gcd(width, height);
	const aspectRatio = `${width / divisor}:${height / divisor}`;
	const resolution = `${Math.min(width, height)}p`;
	if (!RESOLUTIONS.includes(resolution) || !ASPECT_RATIOS.includes(aspectRatio)) return undefined;
	return { resolution, aspectRatio };
}

function createFields(request: CanonicalCreate): IDataObject {
	const fields: IDataObject = { model: request.model, prompt: request.prompt };
	if (request.durationSeconds !== undefined) fields.duration = request.durationSeconds;
	const mapped = request.size ? resolutionAndAspectOf(request.size) : undefined;
	if (request.size && !mapped && !request.resolution && !request.aspectRatio)
		fields.size = request.size;
	fields.resolution = request.resolution ?? mapped?.resolution;
	fields.aspect_ratio = request.aspectRatio ?? mapped?.aspectRatio;
	if (request.generateAudio !== undefined) fields.generate_audio = request.generateAudio;
	if (request.seed !== undefined) fields.seed = request.seed;
	if (request.callbackUrl) fields.callback_url = request.callbackUrl;
	if (request.negativePrompt !== undefined) fields.negative_prompt = request.negativePrompt;
	const frames = (['firstFrame', 'lastFrame'] as const)
		.filter((field) => request[field])
		.map((field) => ({
			type: 'image_url',
			image_url: { url: frameUrl(request[field]!) },
			frame_type: field === 'firstFrame' ? 'first_frame' : 'last_frame',
		}));
	if (frames.length) fields.frame_images = frames;
	return fields;
}

/** One channel for every model: OpenRouter's own fields, checked against its catalogue (checkAgainstModel). */
const channel: Channel = {
	name: 'OpenRouter',
	refuses: { characterIds: '' },
	body: (request) => ({ fields: createFields(request), files: [] }),
};

function numbers(value: unknown): number[] | undefined {
	return Array.isArray(value) ? value.map(Number).filter(Number.isFinite) : undefined;
}

function strings(value: unknown): string[] | undefined {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

const PRICE_SKU =
	/^(duration_seconds|cents_per_second)(?:_output)?(?:_(with|without)_audio)?(?:_(\d{3,4}p|[1248]k))?$/i;

/**
 * `pricing_skus` ({"duration_seconds_with_audio_720p": "0.4", "cents_per_second_output": "12"}) as
 * prices per second; SKUs priced otherwise (video tokens, per megapixel) are left out.
 */
function pricesOf(skus: unknown): ModelChoice['prices'] {
	if (!skus || typeof skus !== 'object' || Array.isArray(skus)) return undefined;
	const prices = Object.entries(skus as Record<string, unknown>).flatMap(([name, value]) => {
		const match = PRICE_SKU.exec(name);
		const amount = Number(value);
		if (!match || value === null || value === '' || !Number.isFinite(amount) || amount < 0)
			return [];
		const usdPerSecond = match[1].toLowerCase() === 'cents_per_second' ? amount / 100 : amount;
		return [
			{
				usdPerSecond,
				...(match[2] ? { audio: match[2].toLowerCase() === 'with' } : {}),
				...(match[3] ? { resolution: match[3].toLowerCase() } : {}),
			},
		];
	});
	return prices.length ? prices : undefined;
}

/** OpenRouter's /videos/models: each model with the durations, resolutions and aspect ratios it takes. */
function readVideoModels(body: unknown): ModelChoice[] {
	const data = (body as { data?: unknown } | undefined)?.data;
	return (Array.isArray(data) ? data : [])
		.filter(
			(m): m is Record<string, unknown> =>
				!!m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string',
		)
		.map((m) => {
			const choice: ModelChoice = {
				id: m.id as string,
				isVideo: true,
				durations: numbers(m.supported_durations),
				resolutions: strings(m.supported_resolutions),
				aspectRatios: strings(m.supported_aspect_ratios),
				frameImages: strings(m.supported_frame_images),
				passthrough: strings(m.allowed_passthrough_parameters),
				seed: m.seed === null ? false : typeof m.seed === 'boolean' ? m.seed : undefined,
				generateAudio: typeof m.generate_audio === 'boolean' ? m.generate_audio : undefined,
				prices: pricesOf(m.pricing_skus),
			};
			const parts = [
				choice.durations?.length ? `${choice.durations.join('/')} s` : '',
				choice.resolutions?.length ? choice.resolutions.join('/') : '',
			].filter(Boolean);
			if (parts.length) choice.detail = parts.join(', ');
			return choice;
		});
}

/** The keys of OpenRouter's own create (its VideoGenerationRequest); `provider` carries `options.<slug>` to one provider. */
const OWN_KEYS = [
	'model',
	'prompt',
	'duration',
	'resolution',
	'aspect_ratio',
	'size',
	'generate_audio',
	'seed',
	'callback_url',
	'frame_images',
	'input_references',
	'provider',
];

/**
 * A key of Additional Body Fields OpenRouter would not pass on to the model: neither its own nor
 * among the model's `allowed_passthrough_parameters` (`provider.options.<slug>` is passed through).
 */
function refusePassthrough(request: CanonicalCreate, model: ModelChoice) {
	if (!model.passthrough) return undefined;
	const allowed = [...OWN_KEYS, ...model.passthrough];
	const key = Object.keys(request.extra ?? {}).find((name) => !allowed.includes(name));
	if (key === undefined) return undefined;
	return {
		field: 'Additional Body Fields',
		message: `${model.id} on OpenRouter does not pass on "${key}": its passthrough parameters are ${listOf(model.passthrough) || 'none'}; put a provider's own key in provider.options.<provider slug>`,
		description: `OpenRouter's model list (GET /videos/models) gives ${model.id}'s allowed_passthrough_parameters; another key would not reach the model. Nothing was sent.`,
	};
}

function notTaken(field: string, model: ModelChoice, why: string) {
	return {
		field,
		message: `${model.id} on OpenRouter takes no ${field}: ${why}`,
		description: `OpenRouter's model list (GET /videos/models) says so for ${model.id}; a field it does not take would not reach the model. Nothing was sent.`,
	};
}

function unsupported(
	field: string,
	value: string | number,
	model: ModelChoice,
	allowed: Array<string | number>,
) {
	return {
		field,
		message: `${field} ${value} is not offered by ${model.id} on OpenRouter: choose ${listOf(allowed.map(String))}`,
		description: `OpenRouter's model list (GET /videos/models) gives these values for ${model.id}.`,
	};
}

/**
 * OpenRouter (openrouter.ai/api/v1): JSON creates answered 202 with a polling URL; `duration`
 * (integer), `resolution` + `aspect_ratio` instead of `size`, `frame_images` for the first
 * frame; the file at `unsigned_urls[0]` (same origin, key needed); `usage.cost`; errors with
 * integer codes; video models at /videos/models; no list, delete, remix, edit, extend, characters.
 */
export const openRouterDialect: HostDialect = {
	family: 'openRouter',
	label: 'OpenRouter',
	lacks: ['List', 'Delete', 'Remix', 'Edit', 'Extend', 'Character Create', 'Character Get'],
	variants: ['video'],
	firstFrameMustMatchSize: false,
	modelListPath: '/videos/models',
	channelFor: () => channel,
	createBody: (request) => spell(channel, request),
	checkAgainstModel(request, model) {
		const refused = checkChannel(channel, request);
		if (refused) return refused;
		for (const [field, frameType, name] of [
			['firstFrame', 'first_frame', 'First Frame'],
			['lastFrame', 'last_frame', 'Last Frame'],
		] as const) {
			if (request[field] && model.frameImages && !model.frameImages.includes(frameType))
				return notTaken(name, model, `its frame images are ${listOf(model.frameImages) || 'none'}`);
		}
		if (request.negativePrompt !== undefined && !model.passthrough?.includes('negative_prompt'))
			return notTaken(
				'Negative Prompt',
				model,
				'negative_prompt is not among its passthrough parameters',
			);
		const passthrough = refusePassthrough(request, model);
		if (passthrough) return passthrough;
		if (request.seed !== undefined && model.seed === false)
			return notTaken('Seed', model, 'it does not honour a seed');
		if (request.generateAudio === true && model.generateAudio === false)
			return notTaken('Generate Audio', model, 'it makes no audio');
		const fields = createFields(request);
		const duration = fields.duration as number | undefined;
		if (duration !== undefined && model.durations?.length && !model.durations.includes(duration)) {
			return unsupported('Seconds', duration, model, model.durations);
		}
		const resolution = fields.resolution as string | undefined;
		if (resolution && model.resolutions?.length && !model.resolutions.includes(resolution)) {
			return unsupported('Resolution', resolution, model, model.resolutions);
		}
		const aspectRatio = fields.aspect_ratio as string | undefined;
		if (aspectRatio && model.aspectRatios?.length && !model.aspectRatios.includes(aspectRatio)) {
			return unsupported('Aspect Ratio', aspectRatio, model, model.aspectRatios);
		}
		return undefined;
	},
	readVideo: readCanonicalVideo,
	readModels: readVideoModels,
	contentLocation: (video, videoId) =>
		video?.resultUrl
			? { url: video.resultUrl }
			: { path: `/videos/${encodeURIComponent(videoId)}/content`, qs: { index: 0 } },
};
// OpenRouter's webhooks (their signature scheme and events) are read by the trigger: nodes/shared/webhookSignatures.ts.
