import { ApiError, invalidValue, videoNotFound } from './api-error';
import { readPrompt, readSeconds, readVideoReference, type RequestBody } from './body-fields';
import { readGatewayCreate, GATEWAY_SECONDS } from './gateway-models';
import { jsonAnswer, type HandlerContext, type RouteAnswer } from './handler-context';
import { readPromptMarkers } from './markers';
import { looksLikeVideo, readMp4DurationSeconds } from './media-headers';
import type { UploadedFile } from './multipart';
import { OPENAI_SECONDS, readOpenaiCreate } from './openai-create';
import { StoredVideo, type NewVideo } from './video';

const MAX_EXTENSIONS = 6;
const MAX_TOTAL_SECONDS = 120;

type JobShape = Omit<NewVideo, 'prompt' | 'generationMs' | 'outcome' | 'assetsExpired'>;

/** POST /videos */
export function createVideo(context: HandlerContext): RouteAnswer {
	if (context.options.mode === 'gateway') {
		const spec = readGatewayCreate(context.body);
		const { looseFields, extraFields, prompt, ...shape } = spec;
		return startJob(context, prompt, {
			...shape,
			extraFields,
			numericSeconds: looseFields,
			omitProgress: looseFields,
		});
	}
	const { prompt, ...shape } = readOpenaiCreate(context.body, context.characters);
	return startJob(context, prompt, shape);
}

/** POST /videos/{video_id}/remix: same model, size and length as the source. */
export function remixVideo(context: HandlerContext): RouteAnswer {
	const prompt = readPrompt(context.body);
	const source = completedSource(context, context.params.videoId ?? '', 'remixed');
	return startJob(context, prompt, { ...inheritedShape(source), remixedFromVideoId: source.id });
}

/** POST /videos/edits: a completed video by {id}, or an uploaded one. */
export function editVideo(context: HandlerContext): RouteAnswer {
	const prompt = readPrompt(context.body);
	const reference = readVideoReference(context.body);
	if ('id' in reference)
		return startJob(
			context,
			prompt,
			inheritedShape(completedSource(context, reference.id, 'edited')),
		);
	const seconds = uploadedVideoSeconds(reference.file);
	return startJob(context, prompt, uploadedShape(context, seconds));
}

/** POST /videos/extensions: the result's `seconds` is the stitched total. */
export function extendVideo(context: HandlerContext): RouteAnswer {
	const prompt = readPrompt(context.body);
	const allowed = context.options.mode === 'gateway' ? GATEWAY_SECONDS : OPENAI_SECONDS;
	const added = Number(readSeconds(context.body, allowed));
	const reference = readVideoReference(context.body);
	const base =
		'id' in reference
			? inheritedShape(completedSource(context, reference.id, 'extended'))
			: uploadedShape(context, uploadedVideoSeconds(reference.file));
	const extensionCount = (base.extensionCount ?? 0) + 1;
	const total = Number(base.seconds) + added;
	if (extensionCount > MAX_EXTENSIONS) {
		throw invalidValue('video', `A video can be extended at most ${MAX_EXTENSIONS} times.`);
	}
	if (total > MAX_TOTAL_SECONDS) {
		throw invalidValue(
			'seconds',
			`An extended video can be at most ${MAX_TOTAL_SECONDS} seconds long; this one would be ${total}.`,
		);
	}
	return startJob(context, prompt, { ...base, seconds: String(total), extensionCount });
}

function startJob(context: HandlerContext, prompt: string, shape: JobShape): RouteAnswer {
	const markers = readPromptMarkers(prompt);
	const gateway = context.options.mode === 'gateway';
	const video = new StoredVideo({
		...shape,
		prompt,
		generationMs: markers.generationMs ?? context.options.generationMs,
		outcome:
			context.forceFail || markers.fail
				? 'failed'
				: gateway && markers.expiredStatus
					? 'expired'
					: 'completed',
		assetsExpired: markers.expireAssets,
	});
	context.addJob(video);
	return jsonAnswer(video.toJSON());
}

function completedSource(context: HandlerContext, id: string, action: string): StoredVideo {
	const source = context.videos.get(id);
	if (!source) throw videoNotFound(id);
	if (source.status !== 'completed') {
		throw new ApiError(
			400,
			`Video '${id}' cannot be ${action}: its status is '${source.status}'. Only completed videos can be ${action}.`,
			'video',
			'video_not_completed',
		);
	}
	return source;
}

function inheritedShape(source: StoredVideo): JobShape {
	return {
		model: source.model,
		size: source.size,
		seconds: source.seconds,
		extensionCount: source.extensionCount,
		extraFields: source.extraFields,
		numericSeconds: source.numericSeconds,
		omitProgress: source.omitProgress,
	};
}

function uploadedShape(context: HandlerContext, seconds: number): JobShape {
	const model =
		readModelField(context.body) ?? (context.options.mode === 'gateway' ? 'gw-video-1' : 'sora-2');
	return { model, size: '1280x720', seconds: String(seconds) };
}

function readModelField(body: RequestBody): string | undefined {
	return typeof body.fields.model === 'string' && body.fields.model !== ''
		? body.fields.model
		: undefined;
}

function uploadedVideoSeconds(file: UploadedFile): number {
	if (!looksLikeVideo(file.data)) {
		throw new ApiError(
			400,
			"Invalid file format for 'video'. Supported format is 'video/mp4'.",
			'video',
			'unsupported_file',
		);
	}
	return readMp4DurationSeconds(file.data) || 4;
}
