import { isDataUrl, takeInlineResult } from '../domain/inlineResult';
import type { Video, VideoStatus } from '../domain/video';
import type { ModelChoice } from './types';

/**
 * Readers every family shares: the answer shapes of every known host are tolerated everywhere, so a host of
 * an unknown family (Host Type Auto) still reads right. A family file adds what only it has.
 */

export interface ErrorBody {
	message?: string;
	type?: string;
	param?: string | null;
	code?: string | null;
	/**
	 * The gateway's own code when the message and code above are the upstream's, which it passed
	 * on as a JSON string inside its `message` (new-api's `fail_to_fetch_task`).
	 */
	relayCode?: string;
}

/** new-api's `{"code":"fail_to_fetch_task","message":"{\"error\":{…}}"}`: the upstream's error, read from inside. */
function upstreamError(
	relayCode: string | undefined,
	message: string | undefined,
): ErrorBody | undefined {
	if (!message || !/^\s*[{[]/.test(message)) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(message);
	} catch {
		return undefined;
	}
	const inner = readErrorBody(parsed);
	if (!inner.message && !inner.code) return undefined;
	return { ...inner, relayCode: relayCode ?? undefined };
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim()) return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/**
 * An error body in any of the shapes hosts send: `{"error":{message,type,param,code}}` (code a
 * string or an integer), `{"error":"…"}`, `{"code","message","data"}`, `{"message"}`, plain text.
 */
export function readErrorBody(body: unknown): ErrorBody {
	const raw = record(body);
	if (raw) {
		const nested = record(raw.error);
		if (nested) {
			return {
				message: text(nested.message),
				type: text(nested.type),
				param: text(nested.param) ?? null,
				code: text(nested.code) ?? null,
			};
		}
		if (text(raw.error)) return { message: text(raw.error), code: text(raw.code) ?? null };
		if (text(raw.message) || text(raw.code)) {
			const upstream = upstreamError(text(raw.code), text(raw.message));
			if (upstream) return upstream;
			return {
				message: text(raw.message) ?? text(raw.code),
				code: text(raw.code) ?? null,
				type: text(raw.type),
			};
		}
		return {};
	}
	if (typeof body === 'string' && body.trim()) return { message: body.trim().slice(0, 500) };
	return {};
}

const STATUS_WORDS: Record<string, VideoStatus> = {
	queued: 'queued',
	pending: 'queued',
	unknown: 'queued',
	submitted: 'queued',
	not_start: 'queued',
	in_progress: 'in_progress',
	processing: 'in_progress',
	running: 'in_progress',
	generating: 'in_progress',
	completed: 'completed',
	succeeded: 'completed',
	success: 'completed',
	failed: 'failed',
	failure: 'failed',
	error: 'failed',
	cancelled: 'cancelled',
	canceled: 'cancelled',
	expired: 'expired',
	deleted: 'deleted',
};

/**
 * The canonical status of a host's answer. An answer with an `error` and no status is a
 * failure now (new-api answers a failed task that way), never a job to poll until Timeout.
 */
export function canonicalStatus(status: unknown, error: unknown): VideoStatus {
	const word = typeof status === 'string' ? status.trim().toLowerCase() : '';
	if (word && STATUS_WORDS[word]) return STATUS_WORDS[word];
	if (!word && error) return 'failed';
	return word ? 'in_progress' : 'queued';
}

function videoError(error: unknown): Video['error'] {
	if (typeof error === 'string' && error.trim()) return { message: error.trim() };
	const raw = record(error);
	if (!raw) return error === null ? null : undefined;
	const message = text(raw.message);
	const code = text(raw.code);
	return { ...(code ? { code } : {}), ...(message ? { message } : {}) };
}

/** The first result URL a host names: unsigned_urls[0], metadata.url, video_url, output.videos[0].url. */
export function resultUrlOf(raw: Record<string, unknown>): string | undefined {
	const candidates = [
		Array.isArray(raw.unsigned_urls) ? raw.unsigned_urls[0] : undefined,
		record(raw.metadata)?.url,
		raw.video_url,
		(() => {
			const videos = record(raw.output)?.videos;
			return Array.isArray(videos) ? record(videos[0])?.url : undefined;
		})(),
	];
	return candidates.map(text).find((url) => url !== undefined && /^https?:\/\//i.test(url));
}

/** Hailuo through new-api: a failed task's `metadata.url` holds its fail reason instead of a URL. */
function failReasonInResultUrl(raw: Record<string, unknown>): string | undefined {
	const url = text(record(raw.metadata)?.url);
	return url && !/^https?:\/\//i.test(url) && !isDataUrl(url) ? url : undefined;
}

/** A time as unix seconds: Kling's times pass through new-api in milliseconds (a value over 1e12 is one). */
export function unixSeconds(value: unknown): number | undefined {
	const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) return undefined;
	return number > 1e12 ? Math.floor(number / 1000) : number;
}

/** The cost a host reports for a job: `usage.cost` or `cost`, in US dollars. */
export function reportedCostOf(raw: Record<string, unknown>): number | undefined {
	for (const value of [record(raw.usage)?.cost, raw.cost]) {
		const cost = typeof value === 'string' ? Number(value) : value;
		if (typeof cost === 'number' && Number.isFinite(cost) && cost >= 0) return cost;
	}
	return undefined;
}

/**
 * A host's video answer as the canonical video: `id` (or `task_id`), a canonical status (the
 * host's own word kept as `hostStatus` when it differs), `error` as `{code, message}`, seconds
 * and size as strings, `resultUrl` and `reportedCost` when the host gives them. Extra fields stay.
 */
export function readCanonicalVideo(body: unknown): Video | undefined {
	const raw = record(body);
	if (!raw) return undefined;
	const id = text(raw.id) ?? text(raw.task_id);
	if (!id) return undefined;
	const status = canonicalStatus(raw.status, raw.error);
	const video: Video = { ...raw, id, status };
	if (typeof raw.status === 'string' && raw.status !== status) video.hostStatus = raw.status;
	const error = videoError(raw.error);
	if (error !== undefined) video.error = error;
	const reason = failReasonInResultUrl(raw);
	if (status === 'failed' && !video.error?.message && reason)
		video.error = { ...(video.error ?? {}), message: reason };
	for (const key of ['created_at', 'completed_at', 'expires_at'] as const) {
		const seconds = unixSeconds(raw[key]);
		if (seconds !== undefined) video[key] = seconds;
	}
	if (typeof raw.seconds === 'number') video.seconds = String(raw.seconds);
	if (typeof raw.size === 'number') video.size = String(raw.size);
	if (typeof raw.progress === 'string' && raw.progress.trim() !== '')
		video.progress = Number(raw.progress);
	if (typeof video.progress === 'number' && !Number.isFinite(video.progress)) delete video.progress;
	const resultUrl = resultUrlOf(raw);
	if (resultUrl) video.resultUrl = resultUrl;
	takeInlineResult(video);
	const reportedCost = reportedCostOf(raw);
	if (reportedCost !== undefined) video.reportedCost = { usd: reportedCost };
	return video;
}

const VIDEO_NAME =
	/sora|video|veo|kling|wan|hailuo|seedance|runway|gen-?\d|luma|ray-|pika|hunyuan|ltx|mochi|vidu|muse/i;

function declaresVideo(model: Record<string, unknown>): boolean | undefined {
	const declared = [
		model.type,
		model.modality,
		model.modalities,
		model.output_modalities,
		model.capabilities,
		model.supported_endpoint_types,
	].filter((value) => value !== undefined);
	if (!declared.length) return undefined;
	return JSON.stringify(declared).toLowerCase().includes('video');
}

/** An OpenAI-style `{data: [{id, …}]}` model list, each entry marked video or not. */
export function readModelList(body: unknown): ModelChoice[] {
	const data = record(body)?.data;
	const entries = (Array.isArray(data) ? data : [])
		.map(record)
		.filter((m): m is Record<string, unknown> => !!m && !!text(m.id));
	const anyDeclared = entries.some((m) => declaresVideo(m) === true);
	return entries.map((m) => {
		const id = text(m.id)!;
		return { id, isVideo: anyDeclared ? declaresVideo(m) === true : VIDEO_NAME.test(id) };
	});
}
