import { randomBytes } from 'node:crypto';
import { ApiError } from '../api-error';
import type { RequestBody } from '../body-fields';
import {
	frameFrom,
	pixelsOfSize,
	referenceFrame,
	type FamilyId,
	type ReachedKeys,
} from '../families/reached';
import { jsonAnswer, type RouteAnswer } from '../handler-context';
import type { StoredVideo } from '../video';
import { startFamilyJob, storedJob, textField } from './family-job';
import { routeTable, type HostContext, type HostDialect } from './host-dialect';
import { HostError } from './host-error';

/**
 * AiHubMix (models.md section 4, docs only): the contract's routes with DELETE, the contract's error
 * shape; `seconds` always a string (a number is 400); `size` per family (Veo: 720p / 1080p / 4k or WxH;
 * Wan: pixel sizes W*H or WxH); first frame `input_reference` (file, URL or data URL) for Veo and Wan
 * (Veo image-to-video makes 8 s: another `seconds` is refused); Seedance frames in `extra_body.content[]`;
 * Kling `image` / `image_tail`. Statuses in_progress → completed / failed, the MP4 at /content. How Kling
 * and Seedance read an aspect ratio is not in the docs: `size` WxH is *assumed*.
 */
export const AIHUBMIX_MODELS: Record<string, FamilyId> = {
	'sora-2': 'sora',
	'veo-3.1-generate-preview': 'veo',
	'wan2.5-t2v-preview': 'wan',
	'doubao-seedance-1-0-pro-250528': 'seedance',
	'kling-v2-1': 'kling',
};

const FAILURE = {
	code: 'generation_failed',
	message: 'The video could not be generated: the content was flagged by the provider.',
};

function aiHubMixError(
	status: number,
	message: string,
	code: string | null = null,
	violation = false,
): HostError {
	return new HostError(
		status,
		{ error: { message, type: 'invalid_request_error', param: null, code } },
		violation,
	);
}

const refuse = (message: string) => aiHubMixError(400, message, 'invalid_parameter', true);

function ratioOf([width, height]: [number, number]): string {
	const value = width / height;
	return value > 1.2 ? '16:9' : value < 0.8 ? '9:16' : '1:1';
}

function resolutionOf([width, height]: [number, number]): string {
	const short = Math.min(width, height);
	return short >= 1080 ? '1080p' : short >= 720 ? '720p' : '480p';
}

function inputReference(body: RequestBody): ReachedKeys['firstFrame'] {
	const file = body.files.input_reference;
	return file ? { bytes: file.data } : referenceFrame(body.fields.input_reference);
}

function extraBody(body: RequestBody): Record<string, unknown> {
	const extra = body.fields.extra_body;
	return extra && typeof extra === 'object' && !Array.isArray(extra)
		? (extra as Record<string, unknown>)
		: {};
}

function reachedKeys(family: FamilyId, body: RequestBody): ReachedKeys {
	const secondsText = textField(body.fields, 'seconds');
	const seconds = secondsText === undefined ? undefined : Number(secondsText);
	const size = textField(body.fields, 'size');
	const pixels = pixelsOfSize(size);
	switch (family) {
		case 'veo': {
			const firstFrame = inputReference(body);
			if (firstFrame && seconds !== undefined && seconds !== 8)
				throw refuse('Veo image-to-video takes seconds "8" only');
			const named = size && /^(720p|1080p|4k)$/i.test(size) ? size.toLowerCase() : undefined;
			if (size && !named && !pixels) throw refuse('size must be 720p, 1080p, 4k or WIDTHxHEIGHT');
			return {
				seconds: firstFrame ? 8 : seconds,
				resolution: named ?? (pixels && resolutionOf(pixels)),
				aspectRatio: pixels && ratioOf(pixels),
				firstFrame,
			};
		}
		case 'wan':
			if (size && !pixels) throw refuse('size must be a pixel size such as 1280*720');
			return {
				seconds,
				size: pixels ? `${pixels[0]}x${pixels[1]}` : undefined,
				firstFrame: inputReference(body),
			};
		case 'seedance': {
			const extra = extraBody(body);
			const frames: ReachedKeys = {};
			for (const item of (Array.isArray(extra.content) ? extra.content : []) as Array<{
				type?: string;
				role?: string;
				image_url?: { url?: string };
			}>) {
				if (item?.type !== 'image_url') continue;
				if (item.role === 'last_frame') frames.lastFrame = frameFrom(item.image_url?.url);
				else frames.firstFrame = frameFrom(item.image_url?.url);
			}
			return {
				...frames,
				seconds,
				aspectRatio: pixels && ratioOf(pixels),
				resolution: pixels && resolutionOf(pixels),
				seed: typeof extra.seed === 'number' ? extra.seed : undefined,
			};
		}
		case 'kling':
			return {
				seconds,
				aspectRatio: pixels && ratioOf(pixels),
				resolution: body.fields.mode === 'pro' ? '1080p' : '720p',
				firstFrame: frameFrom(body.fields.image),
				lastFrame: frameFrom(body.fields.image_tail),
				negativePrompt: textField(body.fields, 'negative_prompt'),
			};
		default:
			return { seconds, size: size ?? '720x1280', firstFrame: inputReference(body) };
	}
}

function createVideo(context: HostContext): RouteAnswer {
	const { body } = context;
	const model = textField(body.fields, 'model') ?? '';
	const prompt = textField(body.fields, 'prompt');
	const family = AIHUBMIX_MODELS[model];
	if (!family)
		throw aiHubMixError(
			400,
			`Model ${model || '(none)'} is not supported for video generation`,
			'model_not_found',
		);
	if (!prompt) throw refuse('prompt is required');
	if (
		!body.isMultipart &&
		body.fields.seconds !== undefined &&
		typeof body.fields.seconds !== 'string'
	)
		throw refuse('seconds must be a string, e.g. "8"');
	const video = startFamilyJob(context, {
		id: `video_${randomBytes(12).toString('hex')}`,
		model,
		prompt,
		family,
		reached: reachedKeys(family, body),
		refuse,
	});
	return jsonAnswer(videoObject(video));
}

function videoObject(video: StoredVideo): Record<string, unknown> {
	const status = video.status === 'queued' ? 'in_progress' : video.status;
	return {
		id: video.id,
		object: 'video',
		model: video.model,
		status,
		progress: video.progress,
		created_at: video.created_at,
		completed_at: video.completed_at,
		seconds: video.seconds,
		size: video.size,
		error: status === 'failed' ? FAILURE : null,
	};
}

const notFound = (id: string) => aiHubMixError(404, `Video ${id} not found`, 'not_found');

function content(context: HostContext): RouteAnswer {
	const video = storedJob(context, notFound);
	if (video.status !== 'completed')
		throw aiHubMixError(
			400,
			`Video ${video.id} is not completed (status: ${video.status})`,
			'video_not_ready',
		);
	return { kind: 'content', video, variant: 'video' };
}

function remove(context: HostContext): RouteAnswer {
	const video = storedJob(context, notFound);
	context.state.videos.delete(video.id);
	return jsonAnswer({ id: video.id, object: 'video.deleted', deleted: true });
}

export const AIHUBMIX_DIALECT: HostDialect = {
	mode: 'aihubmix',
	basePath: '/v1',
	route: routeTable([
		['POST', /^\/videos$/, 'createVideo', createVideo],
		[
			'GET',
			/^\/videos\/(?<videoId>[^/]+)$/,
			'getVideo',
			(context) => jsonAnswer(videoObject(storedJob(context, notFound))),
		],
		['DELETE', /^\/videos\/(?<videoId>[^/]+)$/, 'deleteVideo', remove],
		['GET', /^\/videos\/(?<videoId>[^/]+)\/content$/, 'videoContent', content],
		[
			'GET',
			/^\/models$/,
			'listModels',
			() =>
				jsonAnswer({
					object: 'list',
					data: Object.keys(AIHUBMIX_MODELS).map((id) => ({
						id,
						object: 'model',
						owned_by: 'aihubmix',
					})),
				}),
		],
	]),
	notFound: (method, fullPath) => aiHubMixError(404, `Invalid URL (${method} ${fullPath})`),
	authError: (apiKey, expectedKey) =>
		apiKey === expectedKey ? undefined : aiHubMixError(401, 'Invalid API key', 'invalid_api_key'),
	shapeError: (error: ApiError) =>
		new HostError(
			error.status,
			{ error: { message: error.message, type: error.type, param: null, code: error.code } },
			false,
			error.headers,
		),
};
