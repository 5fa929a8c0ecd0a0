import { firstHeader, type Headers } from '../../base/headers';

export const DEFAULT_POLL_INTERVAL_MS = 10_000;

const POLL_GROWTH = 1.5;
/**
 * A host that reports progress lets the node predict completion (predictedCompletionDelayMs), so
 * the pauses in between can reach the cap sooner: fewer status checks on long videos.
 */
const POLL_GROWTH_WITH_PROGRESS = 3;
const MIN_SERVER_POLL_HINT_MS = 200;
const MAX_SERVER_DELAY_MS = 60_000;

function clamp(value: number, min: number, max: number): number {
	return Math.min(Math.max(value, min), max);
}

function isUsableNumber(value: number | undefined): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Delay before the next status poll: the server's hint when given, else `firstPollDelayMs` (1 s by
 * default) growing up to the cap, ×1.5 a poll, or ×3 when the host reports progress.
 */
export function nextPollDelayMs(
	previousDelayMs: number | undefined,
	capMs: number,
	firstPollDelayMs: number,
	pollAfterMs?: number,
	reportsProgress = false,
): number {
	if (isUsableNumber(pollAfterMs)) {
		return Math.round(clamp(pollAfterMs, MIN_SERVER_POLL_HINT_MS, MAX_SERVER_DELAY_MS));
	}
	const cap = Number.isFinite(capMs) && capMs > 0 ? capMs : DEFAULT_POLL_INTERVAL_MS;
	if (!isUsableNumber(previousDelayMs) || previousDelayMs === 0) {
		return Math.round(Math.min(firstPollDelayMs, cap));
	}
	return Math.round(
		Math.min(previousDelayMs * (reportsProgress ? POLL_GROWTH_WITH_PROGRESS : POLL_GROWTH), cap),
	);
}

/** The back-off between retries: the first delay, doubled each retry up to the cap. */
export interface BackOff {
	retryBaseMs: number;
	retryCapMs: number;
}

/** Delay before retry number `attempt` (0-based): Retry-After when given, else exponential backoff. */
export function retryDelayMs(attempt: number, backOff: BackOff, retryAfterMs?: number): number {
	if (isUsableNumber(retryAfterMs)) return Math.round(Math.min(retryAfterMs, MAX_SERVER_DELAY_MS));
	const exponent = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
	const { retryBaseMs, retryCapMs } = backOff;
	return Math.min(retryBaseMs * 2 ** exponent, retryCapMs);
}

function nonNegativeNumber(text: string | undefined): number | undefined {
	if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return undefined;
	return Number(text);
}

export function parseRetryAfterMs(headers: Headers, nowMs: number): number | undefined {
	const milliseconds = nonNegativeNumber(firstHeader(headers, 'retry-after-ms'));
	if (milliseconds !== undefined) return Math.round(milliseconds);
	const retryAfter = firstHeader(headers, 'retry-after');
	if (retryAfter === undefined) return undefined;
	const seconds = nonNegativeNumber(retryAfter);
	if (seconds !== undefined) return Math.round(seconds * 1000);
	// An HTTP date always names a month; this keeps Date.parse from reading '-5' as a year.
	if (!/[a-z]/i.test(retryAfter)) return undefined;
	const date = Date.parse(retryAfter);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

export function parsePollAfterMs(headers: Headers): number | undefined {
	const milliseconds = nonNegativeNumber(firstHeader(headers, 'openai-poll-after-ms'));
	return milliseconds === undefined ? undefined : Math.round(milliseconds);
}

export interface ProgressSample {
	atMs: number;
	progress: number;
}

/** The samples a rate is measured from (see progressRateBase). */
export interface ProgressHistory {
	lastAtZero?: ProgressSample;
	firstAboveZero?: ProgressSample;
}

/**
 * Records a status sample and answers the earlier sample to measure the progress rate from: the
 * first one with progress, once there is a later one (time spent queued before it does not count);
 * before that, the last one still at 0 (progress began after it). undefined: no rate yet.
 */
export function progressRateBase(
	history: ProgressHistory,
	sample: ProgressSample,
): ProgressSample | undefined {
	if (!(sample.progress > 0)) {
		history.lastAtZero = sample;
		return undefined;
	}
	if (!history.firstAboveZero) {
		history.firstAboveZero = sample;
		return history.lastAtZero;
	}
	return history.firstAboveZero;
}

const PREDICTION_SLACK_MS = 150;
const MIN_PREDICTED_DELAY_MS = 250;

/**
 * When progress rises between two samples, the delay until the video should be done at that
 * rate (plus a little slack), so the poll lands just after completion instead of up to half the
 * elapsed time later. undefined when progress gives no rate to go by.
 */
export function predictedCompletionDelayMs(
	first: ProgressSample,
	latest: ProgressSample,
): number | undefined {
	const gained = latest.progress - first.progress;
	const elapsed = latest.atMs - first.atMs;
	if (!(gained > 0) || !(elapsed > 0) || latest.progress >= 100) return undefined;
	const remainingMs = ((100 - latest.progress) * elapsed) / gained;
	return Math.max(MIN_PREDICTED_DELAY_MS, Math.round(remainingMs + PREDICTION_SLACK_MS));
}
