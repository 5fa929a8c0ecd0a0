import {
	frameFrom,
	referenceFrame,
	type FamilyId,
	type FrameImage,
	type ReachedKeys,
} from '../families/reached';
import { taskRelayError } from './newapi-family';
import { looseBool, looseInt, metadataOf, type SubmitRequest } from './newapi-request';

/**
 * new-api's task channels (models.md 1.2): which keys of the unified request each adaptor reads and
 * where it reads them. A key the adaptor does not read is dropped without an error; a metadata key of
 * the wrong Go type fails the submit.
 */
export type NewapiChannel =
	| 'sora'
	| 'kling'
	| 'doubao'
	| 'jimeng'
	| 'gemini'
	| 'vertex'
	| 'hailuo'
	| 'vidu'
	| 'ali';

export const CHANNEL_FAMILY: Record<NewapiChannel, FamilyId> = {
	sora: 'sora',
	kling: 'kling',
	doubao: 'seedance',
	jimeng: 'jimeng',
	gemini: 'veo',
	vertex: 'veo',
	hailuo: 'hailuo',
	vidu: 'vidu',
	ali: 'wan',
};

/** An upstream refusal of the submit: new-api's `fail_to_fetch_task`, the upstream's JSON error as a string. */
export function upstreamRefusal(
	message: string,
	code = 'invalid_parameter',
	param: string | null = null,
) {
	const upstream = JSON.stringify({
		error: { message, type: 'invalid_request_error', param, code },
	});
	return taskRelayError(400, 'fail_to_fetch_task', upstream, true);
}

/** The keys OpenAI's create takes (the Sora channel forwards the body as it is). */
const SORA_KEYS = ['prompt', 'model', 'seconds', 'size', 'input_reference', 'characters'];

const KLING_RATIOS: Record<string, string> = {
	'1280x720': '16:9',
	'1920x1080': '16:9',
	'720x1280': '9:16',
	'1080x1920': '9:16',
	'1024x1024': '1:1',
	'512x512': '1:1',
};

function kling(request: SubmitRequest): ReachedKeys {
	const struct = 'KlingRequest';
	const duration =
		metadataOf(request, 'duration', 'string', struct) ??
		(request.duration !== undefined ? String(request.duration) : '5');
	const mode = metadataOf(request, 'mode', 'string', struct) ?? request.mode ?? 'std';
	return {
		seconds: Number(duration),
		aspectRatio:
			metadataOf(request, 'aspect_ratio', 'string', struct) ??
			KLING_RATIOS[request.size ?? ''] ??
			'1:1',
		resolution: mode === 'pro' ? '1080p' : '720p',
		firstFrame: frameFrom(request.image),
		lastFrame: frameFrom(metadataOf(request, 'image_tail', 'string', struct)),
		negativePrompt: metadataOf(request, 'negative_prompt', 'string', struct),
	};
}

function doubao(request: SubmitRequest): ReachedKeys {
	const m = request.metadata;
	let firstFrame: FrameImage | undefined = frameFrom(request.images[0]);
	let lastFrame: FrameImage | undefined;
	if (Array.isArray(m.content)) {
		// metadata.content replaces the image items; the prompt text is appended again
		firstFrame = undefined;
		for (const item of m.content as Array<{
			type?: string;
			role?: string;
			image_url?: { url?: string };
		}>) {
			if (item?.type !== 'image_url') continue;
			if (item.role === 'last_frame') lastFrame = frameFrom(item.image_url?.url);
			else if (item.role === 'first_frame' || item.role === undefined)
				firstFrame = frameFrom(item.image_url?.url);
		}
	}
	const seconds =
		request.seconds !== undefined && /^\d+$/.test(request.seconds)
			? Number(request.seconds)
			: looseInt(m.duration);
	const ratio = typeof m.ratio === 'string' && m.ratio !== 'adaptive' ? m.ratio : undefined;
	// Seedance 2.5 (vendors' docs): a first-frame task takes ratio "adaptive" only
	if (/seedance-2-5/.test(request.model) && firstFrame && ratio)
		throw upstreamRefusal(
			`ratio ${ratio} is not supported for image-to-video by ${request.model}: use adaptive`,
			'InvalidParameter',
			'ratio',
		);
	return {
		seconds,
		aspectRatio: ratio,
		resolution: typeof m.resolution === 'string' ? m.resolution.toLowerCase() : undefined,
		firstFrame,
		lastFrame,
		generateAudio: looseBool(m.generate_audio),
		seed: looseInt(m.seed),
	};
}

function jimeng(request: SubmitRequest): ReachedKeys {
	const frames: Array<FrameImage | undefined> = request.inputReferenceFile
		? [{ bytes: request.inputReferenceFile.data }]
		: request.images.map((image) => frameFrom(image));
	return {
		seconds: request.duration === 10 ? 10 : 5,
		aspectRatio: metadataOf(request, 'aspect_ratio', 'string', 'JimengRequest') || undefined,
		firstFrame: frames[0],
		// jimeng_v30_pro → jimeng_ti2v_v30_pro: no first_tail req_key, the second image is dropped
		lastFrame: /_pro/.test(request.model) ? undefined : frames[1],
		seed: metadataOf(request, 'seed', 'number', 'JimengRequest'),
	};
}

/** A multipart `input_reference` above this is dropped by the Gemini/Vertex adaptor without an error. */
const VEO_FILE_LIMIT_BYTES = 20 * 1024 * 1024;

function veoSizeRatio(size: string | undefined): { ratio?: string; resolution?: string } {
	const match = /^(\d+)x(\d+)$/.exec(size ?? '');
	if (!match) return {};
	const [w, h] = [Number(match[1]), Number(match[2])];
	const longest = Math.max(w, h);
	return {
		ratio: h > w ? '9:16' : '16:9',
		resolution: longest >= 3840 ? '4k' : longest >= 1920 ? '1080p' : '720p',
	};
}

/** Gemini and Vertex (same struct): `metadata` in Veo's own camelCase names; JSON `seconds` only bills. */
function veo(request: SubmitRequest): ReachedKeys {
	const struct = 'GeminiVideoParameters';
	const fromSize = veoSizeRatio(request.size);
	const image = request.images[0];
	// HTTP URLs are not supported by the adaptor (a TODO), and a multipart file over 20 MB is dropped the same way
	const file = request.inputReferenceFile;
	const firstFrame = file
		? file.data.length <= VEO_FILE_LIMIT_BYTES
			? { bytes: file.data }
			: undefined
		: image && !/^https?:/i.test(image)
			? frameFrom(image)
			: undefined;
	return {
		seconds: metadataOf(request, 'durationSeconds', 'number', struct) ?? request.duration,
		aspectRatio: metadataOf(request, 'aspectRatio', 'string', struct) ?? fromSize.ratio,
		resolution: (
			metadataOf(request, 'resolution', 'string', struct) ?? fromSize.resolution
		)?.toLowerCase(),
		firstFrame,
		generateAudio: metadataOf(request, 'generateAudio', 'boolean', struct),
		seed: metadataOf(request, 'seed', 'number', struct),
		negativePrompt: metadataOf(request, 'negativePrompt', 'string', struct),
	};
}

function hailuo(request: SubmitRequest): ReachedKeys {
	const struct = 'VideoRequest';
	const size = request.size ?? '';
	const fromSize = ['1080', '768', '720', '512'].find((token) => size.includes(token));
	const resolution =
		metadataOf(request, 'resolution', 'string', struct) ?? (fromSize ? `${fromSize}P` : undefined);
	// the adaptor decodes metadata onto MiniMax's request without deleting `model`: it replaces the model
	const model = metadataOf(request, 'model', 'string', struct);
	return {
		model: model && model !== request.model ? model : undefined,
		seconds: metadataOf(request, 'duration', 'number', struct) ?? request.duration,
		resolution: resolution?.toLowerCase(),
		firstFrame: frameFrom(metadataOf(request, 'first_frame_image', 'string', struct)),
		lastFrame: frameFrom(metadataOf(request, 'last_frame_image', 'string', struct)),
	};
}

function vidu(request: SubmitRequest): ReachedKeys {
	// more than two images: /reference2video, on viduq2 whatever the model asked
	const reference = request.images.length > 2;
	const resolution = request.size ?? '1080p';
	if (!/^\d+p$/i.test(resolution))
		throw upstreamRefusal(
			`resolution '${resolution}' is not valid`,
			'InvalidParameter',
			'resolution',
		);
	return {
		model: reference && !/^viduq2/.test(request.model) ? 'viduq2' : undefined,
		seconds: request.duration,
		resolution: resolution.toLowerCase(),
		firstFrame: frameFrom(request.images[0]),
		lastFrame: reference ? undefined : frameFrom(request.images[1]),
		generateAudio: looseBool(request.metadata.bgm),
		seed: looseInt(request.metadata.seed),
	};
}

/** Ali/Wan: metadata is merged onto the whole DashScope request, so it nests as {input, parameters}. */
function ali(request: SubmitRequest): ReachedKeys {
	if (request.metadata.model !== undefined)
		throw upstreamRefusal(
			'the model cannot be changed through metadata',
			'InvalidParameter',
			'model',
		);
	const input = (metadataOf(request, 'input', 'object', 'AliVideoRequest') ?? {}) as Record<
		string,
		unknown
	>;
	const parameters = (metadataOf(request, 'parameters', 'object', 'AliVideoRequest') ??
		{}) as Record<string, unknown>;
	const size = request.size ?? '';
	const t2v = /t2v/.test(request.model);
	if (size !== '' && !size.includes('*') && t2v && !/^\d+p$/i.test(size)) {
		throw upstreamRefusal(
			`The size '${size}' is invalid: use width*height`,
			'InvalidParameter',
			'size',
		);
	}
	const secondsText =
		request.seconds !== undefined && /^\d+$/.test(request.seconds)
			? Number(request.seconds)
			: undefined;
	const reference = typeof request.inputReference === 'string' ? request.inputReference : undefined;
	// since 2026-07-01: image > images[0] > input_reference (`image` already heads `images`)
	const imageFrame = frameFrom(request.images[0]) ?? frameFrom(reference);
	const wan27 = /^wan2\.7-(i2v|t2v)/.test(request.model);
	// Wan 2.7: input.media[] (first_frame, last_frame, driving_audio); before 2.7 a second image is dropped
	const firstFrame = wan27
		? (frameFrom(input.first_frame_url) ?? frameFrom(input.img_url) ?? imageFrame)
		: (frameFrom(input.first_frame_url) ?? imageFrame);
	const lastFrame = wan27
		? (frameFrom(input.last_frame_url) ?? frameFrom(request.images[1]))
		: frameFrom(input.last_frame_url);
	if (wan27 && /i2v/.test(request.model) && !firstFrame)
		throw taskRelayError(
			400,
			'invalid_request',
			`${request.model} requires image, images, input_reference, or input.media`,
			true,
		);
	if (/i2v/.test(request.model) && !firstFrame)
		throw upstreamRefusal('img_url is required for image-to-video', 'InvalidParameter', 'img_url');
	return {
		seconds: looseInt(parameters.duration) ?? request.duration ?? secondsText,
		size: size.includes('*') ? size.replace('*', 'x') : undefined,
		resolution:
			size !== '' && !size.includes('*')
				? size.toLowerCase()
				: typeof parameters.resolution === 'string'
					? parameters.resolution.toLowerCase()
					: undefined,
		firstFrame,
		lastFrame,
		generateAudio: looseBool(parameters.audio) ?? (wan27 && input.audio_url ? true : undefined),
		seed: looseInt(parameters.seed),
		negativePrompt: typeof input.negative_prompt === 'string' ? input.negative_prompt : undefined,
	};
}

/** Sora: the body goes upstream as it is; OpenAI refuses a key it does not know. */
function sora(request: SubmitRequest): ReachedKeys {
	const unknown = Object.keys(request.raw).find((key) => !SORA_KEYS.includes(key));
	if (unknown)
		throw upstreamRefusal(`Unknown parameter: '${unknown}'.`, 'unknown_parameter', unknown);
	const firstFrame = request.inputReferenceFile
		? { bytes: request.inputReferenceFile.data }
		: referenceFrame(request.inputReference);
	return {
		seconds: request.seconds !== undefined ? Number(request.seconds) : undefined,
		size: request.size,
		firstFrame,
	};
}

export const CHANNEL_READERS: Record<NewapiChannel, (request: SubmitRequest) => ReachedKeys> = {
	sora,
	kling,
	doubao,
	jimeng,
	gemini: veo,
	vertex: veo,
	hailuo,
	vidu,
	ali,
};

/** The host's reason when a job of this channel fails (what the upstream says). */
export const CHANNEL_FAILURES: Record<NewapiChannel, { message: string; code: string }> = {
	sora: {
		message: 'Your request was blocked by our moderation system.',
		code: 'moderation_blocked',
	},
	kling: { message: 'Failure to pass the risk control system', code: '1301' },
	doubao: {
		message: 'The request failed because the output video may contain sensitive information.',
		code: 'OutputVideoSensitiveContentDetected',
	},
	jimeng: { message: 'Output Video Risk Not Pass', code: '50413' },
	gemini: {
		message:
			'Veo could not generate the video: the prompt was blocked by Responsible AI practices.',
		code: 'FAILED_PRECONDITION',
	},
	vertex: {
		message:
			'Veo could not generate the video: the prompt was blocked by Responsible AI practices.',
		code: 'FAILED_PRECONDITION',
	},
	hailuo: {
		message: 'video generation failed: the input contains sensitive content',
		code: '1026',
	},
	vidu: { message: 'AuditSubmitIllegal', code: 'AuditSubmitIllegal' },
	ali: { message: 'Input data may contain inappropriate content.', code: 'DataInspectionFailed' },
};
