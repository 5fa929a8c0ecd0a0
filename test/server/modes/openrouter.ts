import { randomBytes } from 'node:crypto';
import { jsonAnswer, type RouteAnswer } from '../handler-context';
import { readPromptMarkers } from '../markers';
import type { ServerState } from '../request-pipeline';
import { deliverWebhook } from '../webhooks';
import { StoredVideo, MODERATION_FAILURE } from '../video';
import { routeTable, type HostContext, type HostDialect } from './host-dialect';
import { openRouterError, readOpenRouterCreate } from './openrouter-create';
import {
	OPENROUTER_CHAT_MODELS,
	OPENROUTER_VIDEO_MODELS,
	PRICE_PER_SECOND,
} from './openrouter-models';
import {
	openRouterDelivery,
	postOpenRouterDelivery,
	type OpenRouterEvent,
} from './openrouter-webhooks';

/**
 * OpenRouter (hosts.md, "OpenRouter"): base path /api/v1, `job-` ids, 202 + polling_url, statuses
 * pending|in_progress|completed|failed|cancelled|expired, the result at `unsigned_urls[0]` (Bearer key
 * needed), `error` a string, integer error codes, its own webhook signature. No list, delete, remix,
 * edits, extensions or characters.
 */
export const DEFAULT_CALLBACK_SECRET = 'or-callback-secret';
const BASE_PATH = '/api/v1';
const ENDED_MESSAGES: Record<string, string> = {
	failed: MODERATION_FAILURE.message,
	cancelled: 'The generation was cancelled.',
	expired: 'The generation expired before it finished.',
};

type OpenRouterState = ServerState & { readonly url: string };

function newOpenRouterId(prefix: 'job-' | 'gen-'): string {
	return prefix + randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
}

export const OPENROUTER_DIALECT: HostDialect = {
	mode: 'openrouter',
	basePath: BASE_PATH,
	route: routeTable([
		['POST', /^\/videos$/, 'createVideo', createJob],
		[
			'GET',
			/^\/videos\/models$/,
			'listModels',
			() => jsonAnswer({ data: OPENROUTER_VIDEO_MODELS }),
		],
		[
			'GET',
			/^\/videos\/(?<videoId>[^/]+)$/,
			'getVideo',
			(context) => jsonAnswer(jobBody(storedJob(context), context.state, context.baseUrl)),
		],
		['GET', /^\/videos\/(?<videoId>[^/]+)\/content$/, 'videoContent', jobContent],
		['GET', /^\/models$/, 'listModels', () => jsonAnswer({ data: OPENROUTER_CHAT_MODELS })],
		['GET', /^\/key$/, 'listModels', (context) => jsonAnswer(keyInfo(context))],
	]),
	notFound: (method, fullPath) => openRouterError(404, `Not Found (${method} ${fullPath})`),
	authError: (apiKey, expectedKey) => {
		if (apiKey === undefined) return openRouterError(401, 'No auth credentials found');
		return apiKey === expectedKey ? undefined : openRouterError(401, 'User not found.');
	},
	shapeError: (error) => openRouterError(error.status, error.message, false, error.headers),
	deliveryFor: (video, state) => deliveryFor(video, state),
};

function createJob(context: HostContext): RouteAnswer {
	const spec = readOpenRouterCreate(context.body);
	const markers = readPromptMarkers(spec.prompt);
	const outcome =
		context.forceFail || markers.fail
			? 'failed'
			: markers.expiredStatus
				? 'expired'
				: markers.cancelledStatus
					? 'cancelled'
					: 'completed';
	const video = new StoredVideo({
		id: newOpenRouterId('job-'),
		model: spec.model.id,
		prompt: spec.prompt,
		size: spec.size,
		seconds: String(spec.duration),
		generationMs: markers.generationMs ?? context.state.options.generationMs,
		outcome,
		rendered: spec.rendered,
		hostFields: {
			callbackUrl: spec.callbackUrl,
			generationId: newOpenRouterId('gen-'),
			cost: Number((spec.duration * (PRICE_PER_SECOND[spec.model.id] ?? 0.1)).toFixed(4)),
		},
	});
	context.state.addJob(video);
	return {
		kind: 'json',
		status: 202,
		body: {
			id: video.id,
			polling_url: pollingUrl(video, context.state, context.baseUrl),
			status: 'pending',
		},
	};
}

function storedJob(context: HostContext): StoredVideo {
	const video = context.state.videos.get(context.params.videoId ?? '');
	if (!video)
		throw openRouterError(404, `Video generation job ${context.params.videoId} not found`);
	return video;
}

function pollingUrl(video: StoredVideo, state: OpenRouterState, baseUrl: string): string {
	return state.options.absolutePollingUrl
		? `${baseUrl}/videos/${video.id}`
		: `${BASE_PATH}/videos/${video.id}`;
}

function jobStatus(video: StoredVideo): string {
	const status = video.status;
	return status === 'queued' ? 'pending' : status;
}

/** GET /videos/{id}; also the `data` of a webhook event. */
export function jobBody(
	video: StoredVideo,
	state: OpenRouterState,
	baseUrl: string,
): Record<string, unknown> {
	const status = jobStatus(video);
	const body: Record<string, unknown> = {
		id: video.id,
		polling_url: pollingUrl(video, state, baseUrl),
		status,
		generation_id: video.hostFields.generationId,
	};
	if (status === 'completed') {
		body.unsigned_urls = [`${baseUrl}/videos/${video.id}/content?index=0`];
		body.usage = { cost: video.hostFields.cost, is_byok: false };
	}
	if (status in ENDED_MESSAGES) body.error = ENDED_MESSAGES[status];
	return body;
}

function jobContent(context: HostContext): RouteAnswer {
	const video = storedJob(context);
	const index = context.query.index ?? '0';
	if (index !== '0') throw openRouterError(404, `No output at index ${index} for job ${video.id}`);
	const status = jobStatus(video);
	if (status !== 'completed')
		throw openRouterError(
			400,
			`Video generation job ${video.id} is not completed (status: ${status})`,
		);
	return { kind: 'content', video, variant: 'video' };
}

function keyInfo(context: HostContext): Record<string, unknown> {
	const key = context.state.options.apiKey;
	const label = key.length > 12 ? `${key.slice(0, 9)}...${key.slice(-3)}` : key;
	return { data: { label, limit: null, usage: 0, is_free_tier: false, limit_remaining: null } };
}

/** The event announcing a job's end: `video.generation.<status>`. */
export function openRouterEventFor(video: StoredVideo, state: OpenRouterState): OpenRouterEvent {
	const { polling_url: _pollingUrl, ...job } = jobBody(video, state, state.url);
	return {
		type: `video.generation.${String(job.status)}`,
		created_at: new Date().toISOString(),
		data: { ...job, model: video.model },
	};
}

/** A job's own callback_url and the server's `webhook` (OpenRouter's scheme unless it says 'standard'). */
function deliveryFor(
	video: StoredVideo,
	state: OpenRouterState,
): (() => Promise<void>) | undefined {
	const { webhook, callbackSecret } = state.options;
	const callbackUrl = video.hostFields.callbackUrl as string | undefined;
	if (!callbackUrl && !webhook) return undefined;
	return async () => {
		const event = openRouterEventFor(video, state);
		const sends: Array<Promise<void>> = [];
		if (callbackUrl) {
			const secret = callbackSecret ?? webhook?.secret ?? DEFAULT_CALLBACK_SECRET;
			sends.push(postOpenRouterDelivery(callbackUrl, openRouterDelivery(secret, event)));
		}
		if (webhook?.scheme === 'standard') sends.push(deliverWebhook(webhook, video));
		else if (webhook)
			sends.push(postOpenRouterDelivery(webhook.url, openRouterDelivery(webhook.secret, event)));
		await Promise.all(sends);
	};
}
