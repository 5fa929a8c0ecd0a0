import { setTimeout as sleep } from 'node:timers/promises';
import { validateRequest, validateResponse } from '../contract/contract';
import {
	ApiError,
	contentExpired,
	invalidApiKey,
	invalidUrl,
	rateLimited,
	serverError,
} from './api-error';
import { createCharacter, getCharacter, listModels } from './catalog-handlers';
import { Exchange } from './exchange';
import type { FaultPlan } from './faults';
import { CONTENT_TYPES, paddedVideoChunks } from './fixtures';
import type {
	ContentVariant,
	HandlerContext,
	ResolvedOptions,
	RouteAnswer,
} from './handler-context';
import { nowSeconds } from './ids';
import { servedContent } from './placeholder-video';
import { createVideo, editVideo, extendVideo, remixVideo } from './job-handlers';
import type { ParsedRequest } from './request-reader';
import { retiredAnswer } from './retired';
import { matchRoute, type MatchedRoute, type RouteName } from './routes';
import { answerOnce, type IdempotentAnswer } from './idempotency';
import { isHostMode, type FaultKind, type RecordedRequest } from './types';
import type { StoredCharacter, StoredVideo } from './video';
import { deleteVideo, getVideo, listVideos, videoContent } from './video-handlers';

const HANDLERS: Record<RouteName, (context: HandlerContext) => RouteAnswer> = {
	createVideo,
	listVideos,
	getVideo,
	deleteVideo,
	videoContent,
	remixVideo,
	editVideo,
	extendVideo,
	createCharacter,
	getCharacter,
	listModels,
};

const MALFORMED_JSON = '{"id": "vid';
const DEFAULT_SLOW_MS = 1500;
const RATE_WINDOW_MS = 60_000;

/** The server's state as the pipeline sees it. */
export interface ServerState {
	/** The absolute base URL, e.g. http://127.0.0.1:34567/v1 */
	readonly url: string;
	readonly options: ResolvedOptions;
	readonly videos: Map<string, StoredVideo>;
	readonly characters: Map<string, StoredCharacter>;
	readonly contractViolations: string[];
	readonly faults: FaultPlan;
	readonly requestTimes: Map<string, number[]>;
	/** honoursIdempotencyKey: first answers by key. */
	readonly idempotentAnswers: Map<string, IdempotentAnswer>;
	addJob(video: StoredVideo): void;
}

/** Answers one parsed request: auth, contract checks, mode, faults, the route handler. */
export async function answerRequest(
	state: ServerState,
	parsed: ParsedRequest,
	exchange: Exchange,
): Promise<void> {
	const { record } = parsed;
	const { options } = state;
	if (!parsed.hasApiPrefix) throw invalidUrl(record.method, parsed.fullPath);
	checkRequestAgainstContract(state, parsed);
	if (parsed.apiKey !== options.apiKey) throw invalidApiKey(parsed.apiKey);
	if (options.mode === 'retired') {
		const answer = retiredAnswer(record.method, record.path, parsed.body);
		if (answer instanceof ApiError) throw answer;
		return sendAnswer(state, exchange, answer, undefined);
	}
	const route = matchRoute(record.method, record.path);
	if (!route) throw invalidUrl(record.method, parsed.fullPath);
	if (parsed.bodyError) throw parsed.bodyError;
	enforceRequestsPerMinute(state, parsed.apiKey ?? '');
	const fault = state.faults.pick(record.method, record.path, route, options.faultRates);
	record.fault = fault;
	if (await faultAnsweredFirst(state, fault, route, exchange)) return;
	const answer = answerOnce(state, parsed, route.createsJob, () =>
		HANDLERS[route.name](handlerContext(state, parsed, route, fault === 'job-fails')),
	);
	if (fault === 'server-error-after-processing') throw serverError(500);
	if (fault === 'reset-after-processing') return exchange.destroy();
	return sendAnswer(state, exchange, answer, fault);
}

/** Contract check of each JSON answer to a /videos* request. */
export function checkAnswerAgainstContract(
	state: ServerState,
	record: RecordedRequest,
	status: number,
	contentType: string,
	body: unknown,
): void {
	const { mode } = state.options;
	if (!record.path.startsWith('/videos') || isHostMode(mode)) return;
	const messages = validateResponse(record.method, record.path, status, contentType, body, {
		mode,
	});
	state.contractViolations.push(...messages);
}

function checkRequestAgainstContract(state: ServerState, parsed: ParsedRequest): void {
	const { record } = parsed;
	const { mode } = state.options;
	if (!record.path.startsWith('/videos') || isHostMode(mode)) return;
	if (parsed.bodyError) {
		state.contractViolations.push(
			`${record.method} ${record.path} request: ${parsed.bodyError.message}`,
		);
		return;
	}
	const { query, json, form, files } = record;
	const messages = validateRequest(
		record.method,
		record.path,
		{ query, json, form, files },
		{ mode },
	);
	state.contractViolations.push(...messages);
}

function enforceRequestsPerMinute(state: ServerState, apiKey: string): void {
	const limit = state.options.rpmLimit;
	if (state.options.mode !== 'gateway' || limit === undefined) return;
	const now = Date.now();
	const recent = (state.requestTimes.get(apiKey) ?? []).filter(
		(time) => now - time < RATE_WINDOW_MS,
	);
	state.requestTimes.set(apiKey, recent);
	if (recent.length >= limit) throw rateLimited(false);
	recent.push(now);
}

/** Applies the faults that act before (or instead of) processing; true when the exchange is done. */
export async function faultAnsweredFirst(
	state: ServerState,
	fault: FaultKind | undefined,
	route: MatchedRoute,
	exchange: Exchange,
): Promise<boolean> {
	switch (fault) {
		case 'rate-limit':
			throw rateLimited(true, state.options.retryAfterMs);
		case 'rate-limit-no-header':
			throw rateLimited(false);
		case 'server-error-500':
			throw serverError(500);
		case 'server-error-502':
			throw serverError(502);
		case 'server-error-503':
			throw serverError(503);
		case 'reset-before-response':
			exchange.destroy();
			return true;
		case 'slow':
			await sleep(state.options.slowMs ?? DEFAULT_SLOW_MS);
			return false;
		case 'malformed-json':
			exchange.sendText(200, MALFORMED_JSON, { 'content-type': 'application/json' });
			return true;
		case 'expired': {
			const video = state.videos.get(route.params.videoId ?? '');
			if (!video) return false;
			video.assetsExpired = true;
			video.expiresAtOverride = nowSeconds() - 1;
			throw contentExpired(video.id);
		}
		default:
			return false;
	}
}

function handlerContext(
	state: ServerState,
	parsed: ParsedRequest,
	route: MatchedRoute,
	forceFail: boolean,
): HandlerContext {
	return {
		options: state.options,
		videos: state.videos,
		characters: state.characters,
		body: parsed.body,
		query: parsed.record.query,
		params: route.params,
		forceFail,
		addJob: (video) => state.addJob(video),
	};
}

export async function sendAnswer(
	state: ServerState,
	exchange: Exchange,
	answer: RouteAnswer,
	fault: FaultKind | undefined,
): Promise<void> {
	if (answer.kind === 'json') return exchange.sendJson(answer.status, answer.body, answer.headers);
	if (answer.kind === 'jsonLater') return exchange.sendJson(answer.status, await answer.body());
	await sendContent(state, exchange, answer.variant, fault, answer.video);
}

async function sendContent(
	state: ServerState,
	exchange: Exchange,
	variant: ContentVariant,
	fault: FaultKind | undefined,
	video: StoredVideo,
): Promise<void> {
	const bytes = await servedContent(state.options.sizedVideos, variant, video);
	const { largeVideoBytes, mode } = state.options;
	const large = variant === 'video' && largeVideoBytes !== undefined;
	const total = large ? largeVideoBytes : bytes.length;
	// gateways of this contract are known to omit the content-type of downloads
	const headers: Record<string, string> =
		mode === 'gateway' ? {} : { 'content-type': CONTENT_TYPES[variant] };
	const half = Math.floor(total / 2);
	const cut =
		fault === 'mid-download-reset'
			? { stopAfter: half, onStop: 'reset' as const }
			: fault === 'truncated-body'
				? { stopAfter: half, onStop: 'end' as const }
				: undefined;
	await exchange.sendStream(headers, large ? paddedVideoChunks(bytes, total) : [bytes], total, cut);
}
