import type { RequestBody } from '../body-fields';
import { refusalOf } from '../families/behaviour';
import { renderedVideo } from '../families/reached';
import { jsonAnswer, type RouteAnswer } from '../handler-context';
import type { StoredVideo } from '../video';
import type { HostContext } from './host-dialect';
import {
	CHANNEL_FAILURES,
	CHANNEL_FAMILY,
	CHANNEL_READERS,
	upstreamRefusal,
	type NewapiChannel,
} from './newapi-channels';
import {
	newapiDialect,
	storedTask,
	snapshotOf,
	taskRelayError,
	withoutNulls,
	type NewapiCatalog,
} from './newapi-family';
import { readSubmitRequest } from './newapi-request';
import type { TaskSnapshot } from './task-snapshot';

/**
 * The new-api gateway (hosts.md "new-api", models.md section 1): each model is served by a channel
 * whose adaptor reads its own keys (newapi-channels.ts); the job renders what the model made from
 * them. Sora channel: seconds/size, a failed task answered as its upstream error beside the id.
 * Task channels: no seconds/size, the result in `metadata.url` on the CDN listener (Gemini: only
 * /content; Vertex: the MP4 itself as a `data:video/mp4;base64,…` URL, and /content), each family's own
 * failure shape, Kling's created_at in ms.
 */
const SORA_SIZES: Record<string, string[]> = {
	'sora-2': ['720x1280', '1280x720'],
	'sora-2-pro': ['720x1280', '1280x720', '1792x1024', '1024x1792'],
};
const DEFAULT_SORA_SIZE = '720x1280';

/** Model → channel (the gateway's channel configuration). */
export const NEWAPI_CHANNELS: Record<string, NewapiChannel> = {
	'sora-2': 'sora',
	'sora-2-pro': 'sora',
	'kling-v2-1': 'kling',
	'kling-v2-master': 'kling',
	'doubao-seedance-1-0-pro-250528': 'doubao',
	'doubao-seedance-1-0-pro': 'doubao',
	'doubao-seedance-2-0-260128': 'doubao',
	'veo-3.1-generate-preview': 'gemini',
	'veo-3.0-generate-001': 'vertex',
	'veo-3.1': 'vertex',
	'MiniMax-Hailuo-02': 'hailuo',
	'wan2.5-i2v-preview': 'ali',
	'wan2.5-t2v-preview': 'ali',
	viduq1: 'vidu',
	jimeng_v30: 'jimeng',
	// new-api's main of 2026-08-15 (models.md, "Changes read at …")
	'kling-v1': 'kling',
	'kling-v1-6': 'kling',
	'doubao-seedance-2-0-fast-260128': 'doubao',
	'wan2.7-i2v': 'ali',
	'wan2.7-t2v': 'ali',
	viduq2: 'vidu',
	'vidu1.5': 'vidu',
	jimeng_v30_pro: 'jimeng',
	'MiniMax-Hailuo-2.3': 'hailuo',
	// vendors' docs, served by the channel of their family
	'veo-3.1-lite-generate-preview': 'gemini',
	'veo-3.1-generate-001': 'vertex',
	'doubao-seedance-2-0-mini-260615': 'doubao',
	'doubao-seedance-2-5-260628': 'doubao',
};

const OWNERS: Record<NewapiChannel, string> = {
	sora: 'openai',
	kling: 'kling',
	doubao: 'doubao',
	jimeng: 'jimeng',
	gemini: 'gemini',
	vertex: 'vertex-ai',
	hailuo: 'minimax',
	vidu: 'vidu',
	ali: 'ali',
};

const CHAT_MODELS = ['gpt-4o-mini', 'gpt-4.1', 'claude-sonnet-4-5'];

export const NEWAPI_MODELS: NewapiCatalog['models'] = [
	...CHAT_MODELS.map((id) => ({
		id,
		owned_by: id.startsWith('claude') ? 'anthropic' : 'openai',
		video: false,
	})),
	...Object.entries(NEWAPI_CHANNELS).map(([id, channel]) => ({
		id,
		owned_by: OWNERS[channel],
		video: true,
	})),
];

export function channelOf(video: StoredVideo): NewapiChannel {
	return video.hostFields.channel as NewapiChannel;
}

function readCreate(body: RequestBody, model: string): ReturnType<NewapiCatalog['readCreate']> {
	const channel = NEWAPI_CHANNELS[model];
	const request = readSubmitRequest(body);
	if (channel === 'sora') {
		const size = request.size || DEFAULT_SORA_SIZE;
		if (!SORA_SIZES[model].includes(size))
			throw taskRelayError(400, 'invalid_size', 'sora-2 size is invalid', true);
		request.size = size;
	}
	const family = CHANNEL_FAMILY[channel];
	const reached = CHANNEL_READERS[channel](request);
	// a key that replaced the model (Hailuo's metadata.model): that model makes the video
	const madeBy = reached.model ?? model;
	const refusal = refusalOf(family, madeBy, reached);
	if (refusal) throw upstreamRefusal(refusal);
	if (family === 'hailuo' && reached.seconds === 10 && reached.resolution === '1080p')
		throw upstreamRefusal('1080P supports 6 s only');
	const rendered = renderedVideo(family, madeBy, reached);
	if (channel !== 'sora')
		return { seconds: String(rendered.seconds), hostFields: { channel }, rendered };
	return {
		size: request.size,
		seconds: String(rendered.seconds),
		hostFields: { channel },
		rendered,
	};
}

function taskBody(
	video: StoredVideo,
	snapshot: TaskSnapshot,
	context: HostContext,
	answeringCreate: boolean,
): Record<string, unknown> {
	const channel = channelOf(video);
	const failure = CHANNEL_FAILURES[channel];
	const failed = snapshot.status === 'failed';
	const completed = snapshot.status === 'completed';
	if (channel === 'sora' && failed)
		return { id: video.id, error: { ...failure, type: 'invalid_request_error' } };
	const finished = completed || failed;
	// Kling's task row carries Kling's own created_at, which Kling gives in milliseconds
	const createdAt = channel === 'kling' && !answeringCreate ? video.createdMs : video.created_at;
	const common = {
		id: video.id,
		task_id: video.id,
		object: 'video',
		model: video.model,
		status: snapshot.status,
		progress: snapshot.progress,
		created_at: createdAt,
	};
	if (channel === 'sora') {
		return withoutNulls({
			...common,
			completed_at: finished ? Math.floor(snapshot.atMs / 1000) : null,
			seconds: video.seconds,
			size: video.size,
		});
	}
	if (answeringCreate) return withoutNulls({ ...common, status: 'queued', progress: 0 });
	// task channels set completed_at from the row's update time, also while running
	const running = snapshot.status === 'in_progress';
	const veo = channel === 'gemini' || channel === 'vertex';
	const url =
		completed && !veo
			? context.cdn.fileUrl(video.id)
			: failed && channel === 'hailuo'
				? failure.message
				: null;
	const error =
		!failed || veo || channel === 'hailuo'
			? null
			: channel === 'kling'
				? { message: failure.message }
				: failure;
	return withoutNulls({
		...common,
		completed_at: finished || running ? Math.floor(snapshot.atMs / 1000) : null,
		seconds: channel === 'kling' && completed ? video.seconds : null,
		metadata: url ? { url } : null,
		error,
	});
}

const GENERATION_STATUS: Record<TaskSnapshot['status'], string> = {
	unknown: 'NOT_START',
	queued: 'QUEUED',
	in_progress: 'IN_PROGRESS',
	completed: 'SUCCESS',
	failed: 'FAILURE',
};
const VEO_GENERATION_STATUS: Record<TaskSnapshot['status'], string> = {
	unknown: 'queued',
	queued: 'queued',
	in_progress: 'processing',
	completed: 'succeeded',
	failed: 'failed',
};

/** GET /v1/video/generations/{id}: the other shape, where the Gemini/Vertex failure reason is (`data.fail_reason`). */
function generationTask(context: HostContext): RouteAnswer {
	const video = storedTask(context);
	const snapshot = snapshotOf(video, context);
	const channel = channelOf(video);
	const failReason = snapshot.status === 'failed' ? CHANNEL_FAILURES[channel].message : '';
	const resultUrl =
		snapshot.status === 'completed' ? `${context.baseUrl}/videos/${video.id}/content` : '';
	if (channel === 'gemini' || channel === 'vertex') {
		return jsonAnswer({
			code: 'success',
			message: '',
			data: {
				status: VEO_GENERATION_STATUS[snapshot.status],
				url: resultUrl,
				format: 'mp4',
				fail_reason: failReason,
			},
		});
	}
	return jsonAnswer({
		code: 'success',
		message: '',
		data: {
			task_id: video.id,
			action: 'generate',
			status: GENERATION_STATUS[snapshot.status],
			fail_reason: failReason,
			result_url: snapshot.status === 'completed' ? context.cdn.fileUrl(video.id) : '',
			progress: `${snapshot.progress}%`,
			submit_time: video.created_at,
		},
	});
}

export const NEWAPI_DIALECT = newapiDialect({
	mode: 'newapi',
	models: NEWAPI_MODELS,
	readCreate,
	taskBody,
	answersVideoInline: (video, snapshot) =>
		channelOf(video) === 'vertex' && snapshot.status === 'completed',
	extraRoutes: [['GET', /^\/video\/generations\/(?<videoId>[^/]+)$/, 'getVideo', generationTask]],
});
