import { ApiError, contentExpired, invalidValue, videoNotFound } from './api-error';
import {
	jsonAnswer,
	type ContentVariant,
	type HandlerContext,
	type RouteAnswer,
} from './handler-context';
import type { StoredVideo } from './video';

const VARIANTS: readonly ContentVariant[] = ['video', 'thumbnail', 'spritesheet'];
const DEFAULT_LIST_LIMIT = 20;
const MAX_LIST_LIMIT = 100;

/** GET /videos/{video_id} */
export function getVideo(context: HandlerContext): RouteAnswer {
	const video = existingVideo(context);
	const { pollAfterMs } = context.options;
	return jsonAnswer(
		video.toJSON(),
		pollAfterMs !== undefined ? { 'openai-poll-after-ms': String(pollAfterMs) } : undefined,
	);
}

/** GET /videos?after&limit&order */
export function listVideos(context: HandlerContext): RouteAnswer {
	const { after, limit: limitText, order = 'desc' } = context.query;
	const limit = limitText === undefined ? DEFAULT_LIST_LIMIT : Number(limitText);
	if (!/^\d+$/.test(limitText ?? '0') || limit > MAX_LIST_LIMIT) {
		throw invalidValue(
			'limit',
			`Invalid 'limit': expected an integer between 0 and ${MAX_LIST_LIMIT}, got '${limitText}'.`,
		);
	}
	if (order !== 'asc' && order !== 'desc') {
		throw invalidValue(
			'order',
			`Invalid value: '${order}'. Supported values are: 'asc' and 'desc'.`,
		);
	}
	const all = [...context.videos.values()];
	if (order === 'desc') all.reverse();
	let start = 0;
	if (after !== undefined) {
		const index = all.findIndex((video) => video.id === after);
		if (index < 0) throw invalidValue('after', `No video found with id '${after}' for 'after'.`);
		start = index + 1;
	}
	const page = all.slice(start, start + limit);
	return jsonAnswer({
		object: 'list',
		data: page.map((video) => video.toJSON()),
		first_id: page[0]?.id ?? null,
		last_id: page[page.length - 1]?.id ?? null,
		has_more: start + page.length < all.length,
	});
}

/** DELETE /videos/{video_id}: finished jobs only. */
export function deleteVideo(context: HandlerContext): RouteAnswer {
	const video = existingVideo(context);
	if (!video.isFinished()) {
		throw new ApiError(
			409,
			`Video '${video.id}' is still ${video.status}; only completed or failed videos can be deleted.`,
			null,
			'video_not_finished',
		);
	}
	context.videos.delete(video.id);
	return jsonAnswer({ id: video.id, object: 'video.deleted', deleted: true });
}

/** GET /videos/{video_id}/content: the checks before any byte is sent. */
export function videoContent(context: HandlerContext): RouteAnswer {
	const video = existingVideo(context);
	const variant = (context.query.variant ?? 'video') as ContentVariant;
	if (!VARIANTS.includes(variant)) {
		throw invalidValue(
			'variant',
			`Invalid value: '${variant}'. Supported values are: 'video', 'thumbnail', and 'spritesheet'.`,
		);
	}
	const status = video.status;
	if ((status === 'completed' || status === 'expired') && video.contentExpired) {
		throw contentExpired(video.id);
	}
	if (status === 'failed') {
		throw new ApiError(
			400,
			`Video '${video.id}' failed; it has no content to download.`,
			null,
			'video_failed',
		);
	}
	if (status !== 'completed') {
		throw new ApiError(
			400,
			`Video '${video.id}' is not ready yet (status: ${status}).`,
			null,
			'video_not_ready',
		);
	}
	return { kind: 'content', video, variant };
}

export function existingVideo(context: HandlerContext): StoredVideo {
	const id = context.params.videoId ?? '';
	const video = context.videos.get(id);
	if (!video) throw videoNotFound(id);
	return video;
}
