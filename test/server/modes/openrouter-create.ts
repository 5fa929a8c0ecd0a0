import type { RequestBody } from '../body-fields';
import { familyOfModel, frameFrom, renderedVideo, type RenderedVideo } from '../families/reached';
import { HostError } from './host-error';
import {
	ASPECT_RATIOS,
	OPENROUTER_CHAT_MODELS,
	OPENROUTER_VIDEO_MODELS,
	pixelSize,
	RESOLUTIONS,
	type OpenRouterVideoModel,
} from './openrouter-models';

/** `{"error":{"code":<int>,"message","metadata"}}`: OpenRouter's errors. */
export function openRouterError(
	status: number,
	message: string,
	violation = false,
	headers: Record<string, string> = {},
): HostError {
	return new HostError(
		status,
		{ error: { code: status, message, metadata: null } },
		violation,
		headers,
	);
}

/** The keys POST /videos takes; any other is refused (strict, so tests prove what a client sends). */
const KNOWN_KEYS = new Set([
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
]);

export interface OpenRouterCreate {
	model: OpenRouterVideoModel;
	prompt: string;
	duration: number;
	size: string;
	callbackUrl?: string;
	/** What the model makes (its family from the id; the catalogue's values already checked). */
	rendered?: RenderedVideo;
}

/** Validates a create against the model's /videos/models entry; throws 400s (dialect violations). */
export function readOpenRouterCreate(body: RequestBody): OpenRouterCreate {
	const refuse = (message: string) => openRouterError(400, message, true);
	if (body.isMultipart)
		throw refuse('POST /videos takes a JSON body (Content-Type: application/json).');
	const { fields } = body;
	const listed = OPENROUTER_VIDEO_MODELS.find((entry) => entry.id === fields.model);
	// a model's allowed_passthrough_parameters go on to its provider, as does provider.options.<slug>
	const passthrough = new Set(listed?.allowed_passthrough_parameters ?? []);
	const unknown = Object.keys(fields).filter(
		(key) => !KNOWN_KEYS.has(key) && !passthrough.has(key),
	);
	if (unknown.length > 0)
		throw refuse(`Unrecognized key(s) in object: ${unknown.map((key) => `'${key}'`).join(', ')}`);
	if (typeof fields.model !== 'string' || fields.model === '') throw refuse('model: Required');
	const model = OPENROUTER_VIDEO_MODELS.find((entry) => entry.id === fields.model);
	if (!model) {
		const chat = OPENROUTER_CHAT_MODELS.some((entry) => entry.id === fields.model);
		throw refuse(
			chat
				? `${fields.model} does not support video generation`
				: `${String(fields.model)} is not a valid model ID`,
		);
	}
	if (typeof fields.prompt !== 'string' || fields.prompt.trim() === '')
		throw refuse('prompt: Required');
	const duration =
		fields.duration ?? model.supported_durations[model.supported_durations.length - 1];
	if (typeof duration !== 'number' || !Number.isInteger(duration))
		throw refuse(`duration: Expected integer, received ${typeof duration}`);
	if (!model.supported_durations.includes(duration)) {
		throw refuse(
			`${model.id} does not support duration ${duration}. Supported durations: ${model.supported_durations.join(', ')}`,
		);
	}
	const resolution = choice(
		fields,
		'resolution',
		RESOLUTIONS,
		model.supported_resolutions,
		model.id,
	);
	const aspectRatio = choice(
		fields,
		'aspect_ratio',
		ASPECT_RATIOS,
		model.supported_aspect_ratios,
		model.id,
	);
	let size = pixelSize(
		resolution ?? model.supported_resolutions[0],
		aspectRatio ?? model.supported_aspect_ratios[0],
	);
	if (fields.size !== undefined) {
		if (typeof fields.size !== 'string' || !/^\d+x\d+$/.test(fields.size))
			throw refuse(`size: Expected "WIDTHxHEIGHT", received ${JSON.stringify(fields.size)}`);
		if (!model.supported_sizes?.includes(fields.size)) {
			throw refuse(
				`${model.id} does not support size ${fields.size}. ${model.supported_sizes ? `Supported sizes: ${model.supported_sizes.join(', ')}` : 'Use resolution and aspect_ratio.'}`,
			);
		}
		size = fields.size;
	}
	if (fields.generate_audio !== undefined) {
		if (typeof fields.generate_audio !== 'boolean')
			throw refuse('generate_audio: Expected boolean');
		if (fields.generate_audio && !model.generate_audio)
			throw refuse(`${model.id} does not support generate_audio`);
	}
	if (fields.seed !== undefined) {
		if (typeof fields.seed !== 'number' || !Number.isInteger(fields.seed))
			throw refuse('seed: Expected integer');
		if (model.seed !== true) throw refuse(`${model.id} does not support seed`);
	}
	checkImages(fields.frame_images, 'frame_images', model, refuse);
	checkImages(fields.input_references, 'input_references', undefined, refuse);
	const callbackUrl = readCallbackUrl(fields.callback_url, refuse);
	checkProvider(fields.provider, refuse);
	const family = familyOfModel(model.id);
	const frames = (Array.isArray(fields.frame_images) ? fields.frame_images : []) as Array<{
		image_url: { url: string };
		frame_type: string;
	}>;
	const frame = (type: string) =>
		frameFrom(frames.find((entry) => entry.frame_type === type)?.image_url.url);
	const rendered = family
		? renderedVideo(family, model.id, {
				seconds: duration,
				size,
				generateAudio: fields.generate_audio as boolean | undefined,
				seed: fields.seed as number | undefined,
				negativePrompt:
					typeof fields.negative_prompt === 'string' ? fields.negative_prompt : undefined,
				firstFrame: frame('first_frame'),
				lastFrame: frame('last_frame'),
			})
		: undefined;
	return { model, prompt: fields.prompt, duration, size, callbackUrl, rendered };
}

function choice(
	fields: Record<string, unknown>,
	name: string,
	known: string[],
	supported: string[],
	modelId: string,
): string | undefined {
	const value = fields[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || !known.includes(value)) {
		throw openRouterError(
			400,
			`${name}: Invalid enum value. Expected ${known.map((entry) => `'${entry}'`).join(' | ')}, received ${JSON.stringify(value)}`,
			true,
		);
	}
	if (!supported.includes(value)) {
		throw openRouterError(
			400,
			`${modelId} does not support ${name} ${value}. Supported: ${supported.join(', ')}`,
			true,
		);
	}
	return value;
}

/** `[{"type":"image_url","image_url":{"url"},"frame_type"?}]`; frame types must be the model's. */
function checkImages(
	value: unknown,
	name: string,
	model: OpenRouterVideoModel | undefined,
	refuse: (message: string) => HostError,
): void {
	if (value === undefined) return;
	if (!Array.isArray(value)) throw refuse(`${name}: Expected array`);
	value.forEach((entry, index) => {
		const image = entry as { type?: unknown; image_url?: { url?: unknown }; frame_type?: unknown };
		const url = image?.image_url?.url;
		if (
			image?.type !== 'image_url' ||
			typeof url !== 'string' ||
			!/^(https?:\/\/|data:image\/[\w.+-]+;base64,)/.test(url)
		) {
			throw refuse(
				`${name}[${index}]: Expected {"type":"image_url","image_url":{"url":"https://… or data:image/…;base64,…"}}`,
			);
		}
		if (!model) return;
		if (image.frame_type !== 'first_frame' && image.frame_type !== 'last_frame') {
			throw refuse(
				`${name}[${index}].frame_type: Invalid enum value. Expected 'first_frame' | 'last_frame'`,
			);
		}
		if (!model.supported_frame_images.includes(image.frame_type))
			throw refuse(`${model.id} does not support frame_type ${image.frame_type}`);
	});
}

/** `provider`: routing preferences, and `options.<provider slug>` objects passed to that provider as they are. */
function checkProvider(value: unknown, refuse: (message: string) => HostError): void {
	if (value === undefined) return;
	const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
	if (!isObject(value)) throw refuse('provider: Expected object');
	const options = (value as { options?: unknown }).options;
	if (options === undefined) return;
	if (!isObject(options) || !Object.values(options as object).every(isObject))
		throw refuse('provider.options: Expected an object of provider slugs to objects');
}

/** https, or http on loopback (the simulation's receivers). */
function readCallbackUrl(
	value: unknown,
	refuse: (message: string) => HostError,
): string | undefined {
	if (value === undefined) return undefined;
	let url: URL | undefined;
	try {
		url = typeof value === 'string' ? new URL(value) : undefined;
	} catch {
		url = undefined;
	}
	const loopback = url !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
	if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)))
		throw refuse('callback_url: Expected an https URL');
	return url.toString();
}
