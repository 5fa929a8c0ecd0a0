import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestBody } from '../body-fields';
import { referenceFrame, type FamilyId, type ReachedKeys } from '../families/reached';
import { jsonAnswer, type RouteAnswer } from '../handler-context';
import type { StoredVideo } from '../video';
import { routeTable, type HostContext, type HostDialect } from './host-dialect';
import { HostError } from './host-error';
import { startFamilyJob, storedJob, textField } from './family-job';

/**
 * A LiteLLM proxy (models.md section 2, hosts.md "LiteLLM"): `provider/model` ids routed to the
 * providers openai, gemini, vertex_ai and runwayml, each mapping the OpenAI-shaped request its own way.
 * Ids are `video_` + base64("litellm:custom_llm_provider:…;model_id:…;video_id:…"). Gemini never reports
 * `failed` (a failing job stays `processing`). No DELETE route (FastAPI's 404 `{"detail":"Not Found"}`).
 * Provider keys beyond the OpenAI ones come top-level or in `extra_body` (merged over the mapped params).
 */
type Provider = 'openai' | 'gemini' | 'vertex_ai' | 'runwayml';

export const LITELLM_MODELS: Record<string, { provider: Provider; family: FamilyId }> = {
	'openai/sora-2': { provider: 'openai', family: 'sora' },
	'gemini/veo-3.1-generate-preview': { provider: 'gemini', family: 'veo' },
	'vertex_ai/veo-3.0-generate-001': { provider: 'vertex_ai', family: 'veo' },
	'runwayml/gen4_turbo': { provider: 'runwayml', family: 'runway' },
};

const RUNWAY_RATIOS = ['1280:720', '720:1280', '1104:832', '832:1104', '960:960', '1584:672'];
const SIZE_RATIOS: Record<string, string> = {
	'1280x720': '16:9',
	'1920x1080': '16:9',
	'720x1280': '9:16',
	'1080x1920': '9:16',
};
const FAILURES: Record<Provider, { message: string; code: string }> = {
	openai: {
		message: 'Your request was blocked by our moderation system.',
		code: 'moderation_blocked',
	},
	gemini: {
		message: 'The prompt was blocked by Responsible AI practices.',
		code: 'FAILED_PRECONDITION',
	},
	vertex_ai: { message: 'The prompt was blocked by Responsible AI practices.', code: '3' },
	runwayml: { message: 'Prompt image or text did not pass moderation.', code: 'SAFETY.INPUT.TEXT' },
};

/** LiteLLM's error body: `{"error":{"message","type","param","code"}}`, the code the status as a string. */
export function liteLlmError(status: number, message: string, violation = false): HostError {
	return new HostError(
		status,
		{ error: { message, type: null, param: null, code: String(status) } },
		violation,
	);
}

/** `video_` + base64 of the routing data; upstream ids are drawn until the base64 has no '/' or '+'. */
export function liteLlmVideoId(provider: Provider, model: string): string {
	for (;;) {
		const upstream =
			provider === 'openai'
				? `video_${randomBytes(12).toString('hex')}`
				: provider === 'runwayml'
					? randomUUID()
					: `models/${model.split('/')[1]}/operations/${randomBytes(6).toString('hex')}`;
		const encoded = Buffer.from(
			`litellm:custom_llm_provider:${provider};model_id:${model};video_id:${upstream}`,
		).toString('base64');
		if (!/[/+]/.test(encoded)) return `video_${encoded}`;
	}
}

/** The provider named in an id, as the proxy decodes it to route a GET (undecodable: openai). */
export function providerOfId(id: string): Provider {
	const decoded = Buffer.from(id.replace(/^video_/, ''), 'base64').toString('utf8');
	return (/custom_llm_provider:([^;]+);/.exec(decoded)?.[1] as Provider | undefined) ?? 'openai';
}

function params(body: RequestBody): Record<string, unknown> {
	const extra = body.fields.extra_body;
	const merged: Record<string, unknown> = { ...body.fields };
	if (extra && typeof extra === 'object' && !Array.isArray(extra)) Object.assign(merged, extra);
	return merged;
}

function firstFrameOf(body: RequestBody, all: Record<string, unknown>): ReachedKeys['firstFrame'] {
	const file = body.files.input_reference;
	if (file) return { bytes: file.data };
	return referenceFrame(all.input_reference);
}

function reachedKeys(provider: Provider, body: RequestBody): ReachedKeys {
	const all = params(body);
	const seconds = textField(all, 'seconds');
	const size = textField(all, 'size');
	const number = (value: unknown) =>
		value === undefined || value === '' ? undefined : Number(value);
	switch (provider) {
		case 'openai':
			// only the OpenAI params are mapped; others are dropped
			return {
				seconds: number(seconds),
				size: size ?? '720x1280',
				firstFrame: firstFrameOf(body, all),
			};
		case 'gemini': {
			// the pydantic GeminiVideoGenerationParameters keeps negativePrompt, resolution, personGeneration;
			// seed and generateAudio are dropped; a URL string as input_reference is not converted
			const frame = firstFrameOf(body, all);
			return {
				seconds: number(all.durationSeconds ?? seconds),
				aspectRatio:
					textField(all, 'aspectRatio') ?? (size ? (SIZE_RATIOS[size] ?? '16:9') : undefined),
				resolution: textField(all, 'resolution')?.toLowerCase(),
				firstFrame: frame?.bytes ? frame : undefined,
				negativePrompt: textField(all, 'negativePrompt'),
			};
		}
		case 'vertex_ai':
			// every other key is copied into `parameters` verbatim
			return {
				seconds: number(all.durationSeconds ?? seconds),
				aspectRatio:
					textField(all, 'aspectRatio') ?? (size ? (SIZE_RATIOS[size] ?? '16:9') : undefined),
				resolution: textField(all, 'resolution')?.toLowerCase(),
				firstFrame: firstFrameOf(body, all),
				generateAudio: typeof all.generateAudio === 'boolean' ? all.generateAudio : undefined,
				seed: typeof all.seed === 'number' ? all.seed : undefined,
				negativePrompt: textField(all, 'negativePrompt'),
			};
		case 'runwayml': {
			const ratio = textField(all, 'ratio') ?? size?.replace('x', ':');
			return {
				seconds: number(all.duration ?? seconds),
				size: ratio,
				firstFrame: firstFrameOf(body, all),
				seed: typeof all.seed === 'number' ? all.seed : undefined,
			};
		}
	}
}

function createVideo(context: HostContext): RouteAnswer {
	const { body } = context;
	const model = textField(body.fields, 'model');
	const prompt = textField(body.fields, 'prompt');
	const route = model ? LITELLM_MODELS[model] : undefined;
	if (!model || !route) {
		throw liteLlmError(
			400,
			`/videos: Invalid model name passed in model=${model ?? 'None'}. Call \`/v1/models\` to view available models for your key.`,
		);
	}
	if (!prompt) throw liteLlmError(400, 'litellm.BadRequestError: prompt is required', true);
	const refuse = (message: string) =>
		liteLlmError(400, `litellm.BadRequestError: ${route.provider}Exception - ${message}`, true);
	const reached = reachedKeys(route.provider, body);
	if (route.provider === 'runwayml') {
		if (!reached.firstFrame)
			throw refuse('promptImage is required (gen4_turbo makes image-to-video only)');
		if (reached.size && !RUNWAY_RATIOS.includes(reached.size))
			throw refuse(`ratio must be one of ${RUNWAY_RATIOS.join(', ')}`);
		reached.size ??= '1280:720';
	}
	if (route.provider === 'openai' && !['720x1280', '1280x720'].includes(reached.size ?? ''))
		throw refuse("Invalid value for 'size'.");
	const video = startFamilyJob(context, {
		id: liteLlmVideoId(route.provider, model),
		model,
		prompt,
		family: route.family,
		reached,
		refuse,
		hostFields: { provider: route.provider },
	});
	return jsonAnswer(videoObject(video));
}

function statusOf(video: StoredVideo): string {
	const provider = video.hostFields.provider as Provider;
	const status = video.status;
	if (provider === 'gemini') return status === 'completed' ? 'completed' : 'processing';
	if (provider === 'vertex_ai')
		return status === 'queued' || status === 'in_progress' ? 'processing' : status;
	return status;
}

function videoObject(video: StoredVideo): Record<string, unknown> {
	const provider = video.hostFields.provider as Provider;
	const status = statusOf(video);
	const finished = status === 'completed' || status === 'failed';
	return {
		id: video.id,
		object: 'video',
		status,
		created_at: video.created_at,
		completed_at: finished ? video.completed_at : null,
		expires_at: null,
		error: status === 'failed' ? FAILURES[provider] : null,
		progress: provider === 'openai' ? video.progress : status === 'completed' ? 100 : 0,
		remixed_from_video_id: null,
		seconds: provider === 'openai' ? video.seconds : null,
		size: provider === 'openai' ? video.size : null,
		model: video.model.split('/')[1],
		usage: null,
	};
}

const notFound = (id: string) => liteLlmError(404, `litellm.NotFoundError: video ${id} not found`);

function retrieve(context: HostContext): RouteAnswer {
	return jsonAnswer(videoObject(storedJob(context, notFound)));
}

function content(context: HostContext): RouteAnswer {
	const video = storedJob(context, notFound);
	const status = statusOf(video);
	if (status !== 'completed')
		throw liteLlmError(
			400,
			`litellm.BadRequestError: video ${video.id} is not completed (status: ${status})`,
		);
	return { kind: 'content', video, variant: 'video' };
}

function remix(context: HostContext): RouteAnswer {
	const video = storedJob(context, notFound);
	const provider = providerOfId(video.id);
	throw liteLlmError(
		500,
		`litellm.NotImplementedError: remix is not supported for ${provider} in this simulation`,
	);
}

function list(context: HostContext): RouteAnswer {
	const data = [...context.state.videos.values()]
		.filter((video) => video.hostFields.provider === 'openai')
		.map(videoObject);
	return jsonAnswer({
		object: 'list',
		data,
		first_id: data[0]?.id ?? null,
		last_id: data[data.length - 1]?.id ?? null,
		has_more: false,
	});
}

export const LITELLM_DIALECT: HostDialect = {
	mode: 'litellm',
	basePath: '/v1',
	route: routeTable([
		['POST', /^\/videos$/, 'createVideo', createVideo],
		['GET', /^\/videos$/, 'listVideos', list],
		['GET', /^\/videos\/(?<videoId>[^/]+)$/, 'getVideo', retrieve],
		['GET', /^\/videos\/(?<videoId>[^/]+)\/content$/, 'videoContent', content],
		['POST', /^\/videos\/(?<videoId>[^/]+)\/remix$/, 'remixVideo', remix],
		[
			'GET',
			/^\/models$/,
			'listModels',
			() =>
				jsonAnswer({
					object: 'list',
					data: Object.keys(LITELLM_MODELS).map((id) => ({
						id,
						object: 'model',
						created: 1677610602,
						owned_by: 'openai',
					})),
				}),
		],
	]),
	notFound: () => new HostError(404, { detail: 'Not Found' }),
	authError: (apiKey, expectedKey) =>
		apiKey === expectedKey
			? undefined
			: new HostError(401, {
					error: {
						message:
							'Authentication Error, Invalid proxy server token passed. Received API Key = sk-...',
						type: 'auth_error',
						param: 'None',
						code: '401',
					},
				}),
	shapeError: (error) =>
		new HostError(
			error.status,
			{ error: { message: error.message, type: null, param: null, code: String(error.status) } },
			false,
			error.headers,
		),
};
