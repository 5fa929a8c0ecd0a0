import type { RequestBody } from '../body-fields';
import { refusalOf } from '../families/behaviour';
import {
	frameFrom,
	pixelsOfSize,
	renderedVideo,
	type FamilyId,
	type ReachedKeys,
} from '../families/reached';
import type { StoredVideo } from '../video';
import type { HostContext } from './host-dialect';
import {
	checkGoTypes,
	newapiDialect,
	taskRelayError,
	UPSTREAM_FAILURE,
	withoutNulls,
	type NewapiCatalog,
} from './newapi-family';
import type { TaskSnapshot } from './task-snapshot';

/**
 * LaoZhang API (hosts.md "LaoZhang", models.md section 3): a new-api derivative (same routes, auth,
 * error shapes, lagging table). Meta's Muse (`muse-video` 5/8/10 s, 10 when omitted; `muse-video-20s`
 * … `-60s` fixed), Seedance 2.0 in JSON (`ratio`, integer `duration` 4-15, `content[]` frames by role,
 * `generate_audio`; statuses submitted → queued → in_progress) and Veo 3.1's official forward
 * (multipart: `seconds` as a string, `size`, an `input_reference` file). When completed, `video_url` on
 * the CDN listener (no auth); /content works too. Keys a family does not read are dropped (*assumed*).
 */
const MUSE_SECONDS = ['5', '8', '10'];
const FIXED_LENGTHS = [20, 30, 40, 50, 60];
const MUSE_RATIOS = ['16:9', '9:16', '1:1'];
const IMAGE_URL = /^(https?:\/\/|data:image\/[\w.+-]+;base64,)/;

const VIDEO_MODELS: Record<string, FamilyId> = {
	'muse-video': 'muse',
	...Object.fromEntries(
		FIXED_LENGTHS.map((length) => [`muse-video-${length}s`, 'muse' as FamilyId]),
	),
	'doubao-seedance-2-0-260128': 'seedance',
	'doubao-seedance-2-0-fast-260128': 'seedance',
	'veo-3.1-generate-preview': 'veo',
	'veo-3.1-fast-generate-preview': 'veo',
};

export const LAOZHANG_MODELS: NewapiCatalog['models'] = [
	{ id: 'gpt-4o-mini', owned_by: 'openai', video: false },
	...Object.entries(VIDEO_MODELS).map(([id, family]) => ({
		id,
		owned_by: { muse: 'meta', seedance: 'doubao', veo: 'google' }[family as string] ?? 'custom',
		video: true,
	})),
	{ id: 'claude-sonnet-4-5', owned_by: 'anthropic', video: false },
	{ id: 'gemini-2.5-flash', owned_by: 'google', video: false },
];

const refuse = (message: string) => taskRelayError(400, 'invalid_request', message, true);

function muse(body: RequestBody, model: string): ReachedKeys {
	checkGoTypes(body);
	const {
		seconds,
		aspect_ratio: aspectRatio,
		size,
		image,
		last_frame: lastFrame,
		video_url: videoUrl,
	} = body.fields;
	const fixed = /^muse-video-(\d+)s$/.exec(model)?.[1];
	if (fixed && seconds !== undefined && seconds !== fixed)
		throw refuse(`${model} makes ${fixed} s videos: seconds must be '${fixed}' or omitted`);
	if (!fixed && seconds !== undefined && seconds !== '' && !MUSE_SECONDS.includes(String(seconds)))
		throw refuse(`muse-video seconds must be one of ${MUSE_SECONDS.join(', ')}`);
	if (aspectRatio !== undefined && size !== undefined)
		throw refuse('send aspect_ratio or size, not both');
	if (
		aspectRatio !== undefined &&
		!(typeof aspectRatio === 'string' && MUSE_RATIOS.includes(aspectRatio))
	)
		throw refuse(`aspect_ratio must be one of ${MUSE_RATIOS.join(', ')}`);
	if (size !== undefined && !(typeof size === 'string' && /^\d+x\d+$/.test(size)))
		throw refuse('size must be WIDTHxHEIGHT');
	for (const [name, value] of [
		['image', image],
		['last_frame', lastFrame],
	] as const) {
		if (value !== undefined && !(typeof value === 'string' && IMAGE_URL.test(value)))
			throw refuse(`${name} must be an image URL or a data URL`);
	}
	if (videoUrl !== undefined && !(typeof videoUrl === 'string' && /^https?:\/\//.test(videoUrl)))
		throw refuse('video_url must be an http(s) URL');
	const file = body.files.input_reference;
	return {
		seconds: Number(fixed ?? (typeof seconds === 'string' && seconds !== '' ? seconds : 10)),
		aspectRatio: typeof aspectRatio === 'string' ? aspectRatio : undefined,
		size: typeof size === 'string' ? size : undefined,
		firstFrame: file ? { bytes: file.data } : frameFrom(image),
		lastFrame: frameFrom(lastFrame),
	};
}

/** Seedance 2.0, JSON (version A of LaoZhang's page): `ratio`, integer `duration`, `content[]`, `generate_audio`. */
function seedance(body: RequestBody): ReachedKeys {
	if (body.isMultipart) throw refuse('Seedance 2.0 takes a JSON body');
	const { duration, ratio, resolution, content, generate_audio: audio, seed } = body.fields;
	if (duration !== undefined && !Number.isInteger(duration))
		throw refuse('duration must be an integer (4-15)');
	if (ratio !== undefined && typeof ratio !== 'string')
		throw refuse('ratio must be a string such as "16:9"');
	if (audio !== undefined && typeof audio !== 'boolean')
		throw refuse('generate_audio must be a boolean');
	if (content !== undefined && !Array.isArray(content)) throw refuse('content must be an array');
	const frames: ReachedKeys = {};
	for (const item of (content ?? []) as Array<{
		type?: string;
		role?: string;
		image_url?: { url?: string };
	}>) {
		if (item?.type !== 'image_url') continue;
		if (!IMAGE_URL.test(item.image_url?.url ?? ''))
			throw refuse('content image_url.url must be an image URL or a data URL');
		if (item.role === 'last_frame') frames.lastFrame = frameFrom(item.image_url?.url);
		else if (item.role === 'first_frame' || item.role === undefined)
			frames.firstFrame = frameFrom(item.image_url?.url);
	}
	return {
		...frames,
		seconds: duration as number | undefined,
		aspectRatio: ratio as string | undefined,
		resolution: typeof resolution === 'string' ? resolution.toLowerCase() : undefined,
		generateAudio: audio as boolean | undefined,
		seed: typeof seed === 'number' ? seed : undefined,
	};
}

/** Veo 3.1 official forward (multipart): `seconds` string (and `duration` the same), `size` WxH, an `input_reference` file. */
function veo(body: RequestBody): ReachedKeys {
	checkGoTypes(body);
	const { seconds, duration, size } = body.fields;
	const length = seconds ?? duration;
	const pixels = pixelsOfSize(typeof size === 'string' ? size : undefined);
	if (size !== undefined && !pixels) throw refuse('size must be WIDTHxHEIGHT, e.g. 1280x720');
	const file = body.files.input_reference;
	return {
		seconds: length !== undefined && length !== '' ? Number(length) : undefined,
		aspectRatio: pixels ? (pixels[1] > pixels[0] ? '9:16' : '16:9') : undefined,
		resolution: pixels ? (Math.max(...pixels) >= 1920 ? '1080p' : '720p') : undefined,
		firstFrame: file ? { bytes: file.data } : undefined,
	};
}

function readCreate(body: RequestBody, model: string): ReturnType<NewapiCatalog['readCreate']> {
	const family = VIDEO_MODELS[model];
	const reached =
		family === 'muse' ? muse(body, model) : family === 'seedance' ? seedance(body) : veo(body);
	const refusal = refusalOf(family, model, reached);
	if (refusal) throw refuse(refusal);
	const rendered = renderedVideo(family, model, reached);
	return {
		size: `${rendered.width}x${rendered.height}`,
		seconds: String(rendered.seconds),
		hostFields: { channel: family },
		rendered,
	};
}

function taskBody(
	video: StoredVideo,
	snapshot: TaskSnapshot,
	context: HostContext,
	answeringCreate: boolean,
): Record<string, unknown> {
	const finished = snapshot.status === 'completed' || snapshot.status === 'failed';
	const seedance = video.hostFields.channel === 'seedance';
	const status =
		seedance && (answeringCreate || snapshot.status === 'unknown') ? 'submitted' : snapshot.status;
	return withoutNulls({
		id: video.id,
		task_id: video.id,
		object: 'video',
		model: video.model,
		status,
		progress: snapshot.progress,
		created_at: video.created_at,
		completed_at: finished ? Math.floor(snapshot.atMs / 1000) : null,
		seconds: video.seconds,
		size: video.size,
		video_url:
			snapshot.status === 'completed' && video.hostFields.channel !== 'veo'
				? context.cdn.fileUrl(video.id)
				: null,
		error:
			snapshot.status === 'failed'
				? { message: UPSTREAM_FAILURE.message, code: UPSTREAM_FAILURE.code }
				: null,
	});
}

export const LAOZHANG_DIALECT = newapiDialect({
	mode: 'laozhang',
	models: LAOZHANG_MODELS,
	readCreate,
	taskBody,
});
