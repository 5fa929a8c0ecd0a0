import { randomBytes } from 'node:crypto';
import type { RequestBody } from '../body-fields';
import { referenceFrame, type FamilyId, type ReachedKeys } from '../families/reached';
import { jsonAnswer, type RouteAnswer } from '../handler-context';
import type { StoredVideo } from '../video';
import { startFamilyJob, storedJob, textField } from './family-job';
import { routeTable, type HostContext, type HostDialect } from './host-dialect';
import { HostError } from './host-error';
import { newapiError, newTaskId } from './newapi-family';

/**
 * CometAPI (models.md section 4, docs only; a new-api derivative's routes, auth and error shapes,
 * *assumed*). Seedance (`doubao-seedance-2-0`…): `seconds` (4-15 for 2.0, default 5), `size` IS the
 * aspect ratio ("16:9"), `resolution` apart, an `input_reference` file as first frame; uppercase statuses
 * SUBMITTED / IN_PROGRESS / SUCCESS / FAILED, `video_url` only on SUCCESS. Veo3 aliases (`veo3-fast`…):
 * `size` "16x9" / "9x16", no duration key (8 s), one `input_reference` file = first frame, two ordered
 * files = first + last. Sora 2: the contract's shape, /content.
 */
export const COMETAPI_MODELS: Record<string, FamilyId> = {
	'doubao-seedance-2-0': 'seedance',
	'doubao-seedance-2-0-fast': 'seedance',
	'doubao-seedance-1-0-pro': 'seedance',
	veo3: 'veo',
	'veo3-fast': 'veo',
	'sora-2': 'sora',
};

const SEEDANCE_RATIOS = ['16:9', '9:16', '21:9', '4:3', '1:1', '3:4'];
const VEO_SIZES: Record<string, string> = { '16x9': '16:9', '9x16': '9:16' };
const SEEDANCE_STATUS: Record<string, string> = {
	queued: 'SUBMITTED',
	in_progress: 'IN_PROGRESS',
	completed: 'SUCCESS',
	failed: 'FAILED',
};
const FAILURE = {
	message: 'The request failed because the output video may contain sensitive information.',
	code: 'OutputVideoSensitiveContentDetected',
};

const refuse = (message: string) =>
	newapiError(400, message, 'invalid_request_error', 'invalid_parameter', true);

function fileFrame(body: RequestBody, name: string): ReachedKeys['firstFrame'] {
	const file = body.files[name];
	return file ? { bytes: file.data } : undefined;
}

function seedance(body: RequestBody, model: string): ReachedKeys {
	const seconds = textField(body.fields, 'seconds');
	const size = textField(body.fields, 'size');
	const resolution = textField(body.fields, 'resolution');
	if (seconds !== undefined && !/^\d+$/.test(seconds)) throw refuse('seconds must be an integer');
	if (size !== undefined && !SEEDANCE_RATIOS.includes(size))
		throw refuse(`size must be an aspect ratio: ${SEEDANCE_RATIOS.join(', ')}`);
	if (resolution === '1080p' && /seedance-2/.test(model))
		throw refuse('1080p is only available for Seedance 1.x');
	const firstFrame = fileFrame(body, 'input_reference');
	if (firstFrame && !/seedance-2/.test(model))
		throw refuse('input_reference is only available for Seedance 2.0');
	return {
		seconds: seconds === undefined ? undefined : Number(seconds),
		aspectRatio: size,
		resolution: resolution?.toLowerCase(),
		firstFrame,
	};
}

function veo(body: RequestBody): ReachedKeys {
	const size = textField(body.fields, 'size');
	if (size !== undefined && !(size in VEO_SIZES))
		throw refuse(`size must be one of ${Object.keys(VEO_SIZES).join(', ')}`);
	// no duration key reaches Veo here: it makes its default length
	return {
		aspectRatio: size ? VEO_SIZES[size] : undefined,
		firstFrame: fileFrame(body, 'input_reference'),
		lastFrame: fileFrame(body, 'input_reference[1]'),
	};
}

function sora(body: RequestBody): ReachedKeys {
	const seconds = textField(body.fields, 'seconds');
	const firstFrame =
		fileFrame(body, 'input_reference') ?? referenceFrame(body.fields.input_reference);
	return {
		seconds: seconds === undefined ? undefined : Number(seconds),
		size: textField(body.fields, 'size') ?? '720x1280',
		firstFrame,
	};
}

function createVideo(context: HostContext): RouteAnswer {
	const { body } = context;
	const model = textField(body.fields, 'model') ?? '';
	const prompt = textField(body.fields, 'prompt');
	const family = COMETAPI_MODELS[model];
	if (!family)
		throw newapiError(
			503,
			`No available channel for model ${model} under group default (request id: ${context.requestId})`,
			'new_api_error',
			'model_not_found',
		);
	if (!prompt) throw refuse('prompt is required');
	const reached =
		family === 'seedance' ? seedance(body, model) : family === 'veo' ? veo(body) : sora(body);
	const id =
		family === 'seedance'
			? `cgt-${Date.now()}-${randomBytes(3).toString('hex')}`
			: family === 'veo'
				? newTaskId()
				: `video_${randomBytes(12).toString('hex')}`;
	const video = startFamilyJob(context, {
		id,
		model,
		prompt,
		family,
		reached,
		refuse: (message) => refuse(message),
	});
	return jsonAnswer(videoObject(video, context));
}

function videoObject(video: StoredVideo, context: HostContext): Record<string, unknown> {
	const family = video.hostFields.family as FamilyId;
	const status =
		video.status === 'expired' || video.status === 'cancelled' ? 'failed' : video.status;
	const shown = family === 'seedance' ? SEEDANCE_STATUS[status] : status;
	const body: Record<string, unknown> = {
		id: video.id,
		object: 'video',
		model: video.model,
		status: shown,
		progress: video.progress,
		created_at: video.created_at,
		seconds: video.seconds,
		size: family === 'seedance' ? (video.rendered?.reached.aspectRatio ?? '16:9') : video.size,
	};
	if (status === 'completed') body.completed_at = video.completed_at;
	if (status === 'completed' && family !== 'sora') body.video_url = context.cdn.fileUrl(video.id);
	if (status === 'failed') body.error = FAILURE;
	return body;
}

const notFound = (id: string) =>
	newapiError(404, `video ${id} not found`, 'invalid_request_error', 'not_found');

function content(context: HostContext): RouteAnswer {
	const video = storedJob(context, notFound);
	if (video.status !== 'completed')
		throw newapiError(
			400,
			`Task is not completed yet, current status: ${video.status.toUpperCase()}`,
			'invalid_request_error',
		);
	return { kind: 'content', video, variant: 'video' };
}

export const COMETAPI_DIALECT: HostDialect = {
	mode: 'cometapi',
	basePath: '/v1',
	route: routeTable([
		['POST', /^\/videos$/, 'createVideo', createVideo],
		[
			'GET',
			/^\/videos\/(?<videoId>[^/]+)$/,
			'getVideo',
			(context) => jsonAnswer(videoObject(storedJob(context, notFound), context)),
		],
		['GET', /^\/videos\/(?<videoId>[^/]+)\/content$/, 'videoContent', content],
		[
			'GET',
			/^\/models$/,
			'listModels',
			() =>
				jsonAnswer({
					object: 'list',
					data: Object.keys(COMETAPI_MODELS).map((id) => ({
						id,
						object: 'model',
						owned_by: 'cometapi',
					})),
				}),
		],
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
	shapeError: (error) =>
		new HostError(
			error.status,
			{ error: { message: error.message, type: error.type, code: error.code ?? '' } },
			false,
			error.headers,
		),
};
