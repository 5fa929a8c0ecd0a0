import { randomBytes } from 'node:crypto';
import type { ApiError } from '../api-error';
import type { RequestBody } from '../body-fields';
import { jsonAnswer, type RouteAnswer } from '../handler-context';
import { readPromptMarkers } from '../markers';
import { servedContent } from '../placeholder-video';
import { StoredVideo, MODERATION_FAILURE } from '../video';
import type { RenderedVideo } from '../families/reached';
import type { RouteName } from '../routes';
import { routeTable, type HostContext, type HostDialect } from './host-dialect';
import { HostError } from './host-error';
import {
	DEFAULT_REFRESH_MS,
	STORED_STATUS_NAMES,
	taskSnapshot,
	type TaskSnapshot,
} from './task-snapshot';

/**
 * new-api (QuantumNous/new-api) and its derivatives: the routes, auth, error shapes and lagging task
 * table they share. A family member (newapi.ts, laozhang.ts) brings its models and its create fields.
 */
export interface NewapiCatalog {
	mode: 'newapi' | 'laozhang';
	/** GET /v1/models: chat and video models alike. */
	models: Array<{ id: string; owned_by: string; video: boolean }>;
	/** The job a create asks for (model already checked to be a video model); throws HostErrors. */
	readCreate(
		body: RequestBody,
		model: string,
	): {
		size?: string;
		seconds: string;
		hostFields: Record<string, unknown>;
		rendered?: RenderedVideo;
	};
	/** The task as the host answers it, from the snapshot of its table (`answeringCreate`: the POST's answer). */
	taskBody(
		video: StoredVideo,
		snapshot: TaskSnapshot,
		context: HostContext,
		answeringCreate: boolean,
	): Record<string, unknown>;
	/**
	 * Whether the status answer carries the finished video itself as `metadata.url` =
	 * `data:video/mp4;base64,…` (new-api's Vertex channel since 2026-02-10, models.md).
	 */
	answersVideoInline?(video: StoredVideo, snapshot: TaskSnapshot): boolean;
	/** Routes of this member only (new-api's GET /v1/video/generations/{id}). */
	extraRoutes?: Array<[string, RegExp, RouteName, (context: HostContext) => RouteAnswer]>;
}

const MODELS_CREATED = 1767225600;

/** `{"code","message","data":null}`: errors of new-api's task relay. */
export function taskRelayError(
	status: number,
	code: string,
	message: string,
	violation = false,
): HostError {
	return new HostError(status, { code, message, data: null }, violation);
}

/** `{"error":{"message","type","code"}}`: errors of new-api's middleware. */
export function newapiError(
	status: number,
	message: string,
	type = 'new_api_error',
	code = '',
	violation = false,
): HostError {
	return new HostError(status, { error: { message, type, code } }, violation);
}

export function newapiDialect(catalog: NewapiCatalog): HostDialect {
	return {
		mode: catalog.mode,
		basePath: '/v1',
		route: routeTable([
			['POST', /^\/videos$/, 'createVideo', (context) => createTask(catalog, context)],
			[
				'GET',
				/^\/videos\/(?<videoId>[^/]+)$/,
				'getVideo',
				(context) => retrieveTask(catalog, context),
			],
			['POST', /^\/videos\/(?<videoId>[^/]+)\/remix$/, 'remixVideo', remixTask],
			['GET', /^\/videos\/(?<videoId>[^/]+)\/content$/, 'videoContent', taskContent],
			['GET', /^\/models$/, 'listModels', () => listModels(catalog)],
			...(catalog.extraRoutes ?? []),
		]),
		notFound: (method, fullPath) =>
			new HostError(404, {
				error: {
					message: `Invalid URL (${method} ${fullPath})`,
					type: 'invalid_request_error',
					param: '',
					code: '',
				},
			}),
		authError: (apiKey, expectedKey, requestId) =>
			apiKey === expectedKey
				? undefined
				: newapiError(401, `Invalid token (request id: ${requestId})`),
		shapeError: (error: ApiError) =>
			new HostError(
				error.status,
				{ error: { message: error.message, type: error.type, code: error.code ?? '' } },
				false,
				error.headers,
			),
	};
}

export function newTaskId(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return `task_${[...randomBytes(32)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

function createTask(catalog: NewapiCatalog, context: HostContext): RouteAnswer {
	const { body } = context;
	const model = body.fields.model;
	if (typeof model !== 'string' || model === '') {
		throw newapiError(
			400,
			`Model name not specified, please specify a model name (request id: ${context.requestId})`,
			'new_api_error',
			'',
			true,
		);
	}
	if (!catalog.models.some((entry) => entry.id === model && entry.video)) {
		throw newapiError(
			503,
			`No available channel for model ${model} under group default (request id: ${context.requestId})`,
			'new_api_error',
			'model_not_found',
		);
	}
	const prompt = body.fields.prompt;
	if (typeof prompt !== 'string' || prompt.trim() === '')
		throw taskRelayError(400, 'invalid_request', 'prompt is required', true);
	const spec = catalog.readCreate(body, model);
	const markers = readPromptMarkers(prompt);
	const video = new StoredVideo({
		id: newTaskId(),
		model,
		prompt,
		size: spec.size ?? '',
		seconds: spec.seconds,
		generationMs: markers.generationMs ?? context.state.options.generationMs,
		outcome: context.forceFail || markers.fail ? 'failed' : 'completed',
		hostFields: spec.hostFields,
		rendered: spec.rendered,
	});
	context.state.addJob(video);
	const snapshot = { status: 'queued' as const, progress: 0, atMs: video.createdMs };
	return jsonAnswer(catalog.taskBody(video, snapshot, context, true));
}

export function storedTask(context: HostContext): StoredVideo {
	const video = context.state.videos.get(context.params.videoId ?? '');
	if (!video) throw taskRelayError(400, 'task_not_exist', 'task_not_exist');
	return video;
}

export function snapshotOf(video: StoredVideo, context: HostContext): TaskSnapshot {
	return taskSnapshot(video, context.state.options.refreshMs ?? DEFAULT_REFRESH_MS);
}

function retrieveTask(catalog: NewapiCatalog, context: HostContext): RouteAnswer {
	const video = storedTask(context);
	const snapshot = snapshotOf(video, context);
	const body = catalog.taskBody(video, snapshot, context, false);
	if (!catalog.answersVideoInline?.(video, snapshot)) return jsonAnswer(body);
	return {
		kind: 'jsonLater',
		status: 200,
		body: async () => {
			const bytes = await servedContent(context.state.options.sizedVideos, 'video', video);
			const url = `data:video/mp4;base64,${bytes.toString('base64')}`;
			return { ...body, metadata: { ...(body.metadata as object | undefined), url } };
		},
	};
}

/**
 * new-api sends a remix upstream with its own public `task_` id, which the upstream does not know.
 * Assumed (from the code, unconfirmed live): the upstream's 404 comes back in the task-relay shape.
 */
function remixTask(context: HostContext): RouteAnswer {
	const video = storedTask(context);
	throw taskRelayError(404, 'video_not_found', `Video with id '${video.id}' not found.`);
}

/** Always the MP4, `variant` ignored, from the table's status. */
function taskContent(context: HostContext): RouteAnswer {
	const video = context.state.videos.get(context.params.videoId ?? '');
	if (!video)
		throw new HostError(404, {
			error: { message: 'Task not found', type: 'invalid_request_error' },
		});
	const { status } = snapshotOf(video, context);
	if (status !== 'completed') {
		const message = `Task is not completed yet, current status: ${STORED_STATUS_NAMES[status]}`;
		throw new HostError(400, { error: { message, type: 'invalid_request_error' } });
	}
	return { kind: 'content', video, variant: 'video' };
}

function listModels(catalog: NewapiCatalog): RouteAnswer {
	const data = catalog.models.map(({ id, owned_by, video }) => ({
		id,
		object: 'model',
		created: MODELS_CREATED,
		owned_by,
		supported_endpoint_types: [video ? 'openai-video' : 'openai'],
	}));
	return jsonAnswer({ data, object: 'list', success: true });
}

/** The failure of a `[fail]` job, as an upstream error object. */
export const UPSTREAM_FAILURE = {
	message: MODERATION_FAILURE.message,
	type: 'invalid_request_error',
	code: MODERATION_FAILURE.code,
};

/** A JSON body is decoded into a Go struct: `seconds` must be a string, `duration` an integer. */
export function checkGoTypes(body: RequestBody): void {
	if (body.isMultipart) return;
	const { seconds, duration } = body.fields;
	if (seconds !== undefined && seconds !== null && typeof seconds !== 'string') {
		throw taskRelayError(
			400,
			'invalid_json',
			`json: cannot unmarshal ${typeof seconds} into Go struct field .seconds of type string`,
			true,
		);
	}
	if (duration !== undefined && duration !== null && !Number.isInteger(duration)) {
		throw taskRelayError(
			400,
			'invalid_json',
			`json: cannot unmarshal ${typeof duration} into Go struct field .duration of type int`,
			true,
		);
	}
}

/** Drops the null and undefined keys (new-api omits them). */
export function withoutNulls(body: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(body).filter(([, value]) => value !== null && value !== undefined),
	);
}
