import type { IBinaryData, INode, Logger } from 'n8n-workflow';

import { isFinalStatus, type ContentVariant } from '../domain/contract';
import {
	nextPollDelayMs,
	parsePollAfterMs,
	predictedCompletionDelayMs,
	progressRateBase,
	type ProgressHistory,
} from '../domain/schedule';
import type { MeasuredVideo } from '../domain/media';
import { failureMessageOf, type Video } from '../domain/video';
import { throwIfCancelled } from '../../base/pause';
import { apiErrorFromFailure } from '../transport/apiError';
import { scopeSuffix, type ErrorScope } from '../../base/errorScope';
import { failureOf, type SoraClient, type SoraRequest } from '../transport/client';
import { HeldPastDeadlineError } from '../transport/requestBudget';
import { unreachableMessage } from '../transport/failureMessages';
import { describeFailure, isTransient, POLICIES } from '../transport/retryPolicy';
import { downloadContent, type BinaryStore } from './downloadContent';

export interface VideoJob {
	itemIndex: number;
	/**
	 * Sends the paid request that starts the job, not after `notAfter` (the wait's deadline);
	 * absent when watching an existing video.
	 */
	submit?: (notAfter: number) => Promise<{ video: Video; pollAfterMs?: number }>;
	videoId?: string;
	wait: boolean;
	download?: ContentVariant;
	/** Max Download Size in bytes (undefined: no limit). */
	maxDownloadBytes?: number;
}

export interface JobOutcome {
	itemIndex: number;
	video?: Video;
	binary?: IBinaryData;
	/** What the downloaded MP4 measures (a video download whose boxes could be read). */
	measured?: MeasuredVideo;
	error?: Error;
	timedOut?: boolean;
}

export interface WaitOptions {
	maxConcurrentJobs: number;
	pollIntervalMs: number;
	/**
	 * Poll Interval left unset: on a host that refreshes statuses slowly (new-api: 15 s) poll at its
	 * pace, since checking sooner only spends requests; a host's poll-after hint still wins.
	 */
	followHostPace?: boolean;
	timeoutMs: number;
	onTimeout: 'error' | 'outputState';
}

/** The error of a video the host ended without completing it. */
export function failedVideoError(node: INode, scope: ErrorScope, video: Video): Error {
	return apiErrorFromFailure(
		node,
		scope,
		`Video generation failed: ${failureMessageOf(video)}`,
		`The host ended video ${video.id} with status "${video.status}"${video.error?.code ? ` (code ${video.error.code})` : ''}.`,
	);
}

function formatDuration(ms: number): string {
	return ms < 60_000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms / 6000) / 10} min`;
}

type Phase = 'queued' | 'submitting' | 'watching' | 'polling' | 'downloading' | 'done';

interface JobState {
	job: VideoJob;
	phase: Phase;
	outcome: JobOutcome;
	nextPollAt: number;
	lastDelayMs?: number;
	failedPolls: number;
	lastReported?: string;
	progress: ProgressHistory;
	/** The host's failure reason was looked for (a failed task answered without one). */
	reasonAsked?: boolean;
}

/**
 * The one wait engine: submits jobs (at most maxConcurrentJobs at a time), watches every
 * pending video in one loop, downloads each as soon as it completes, and answers one outcome
 * per job in input order. It never sleeps once the last video is done, stops at once when the
 * execution is cancelled, and never fails a job for a transient polling error.
 */
export async function waitForVideos(
	client: SoraClient,
	store: BinaryStore,
	logger: Logger,
	jobs: VideoJob[],
	options: WaitOptions,
): Promise<JobOutcome[]> {
	const now = () => client.time.clock.now();
	const states: JobState[] = jobs.map((job) => ({
		job,
		phase: 'queued',
		outcome: { itemIndex: job.itemIndex },
		nextPollAt: 0,
		failedPolls: 0,
		progress: {},
	}));
	const deadline = now() + options.timeoutMs;
	let timedOut = false;
	let wake: () => void = () => {};
	const settle = (state: JobState, phase: Phase) => {
		state.phase = phase;
		wake();
	};
	const scopeOf = (state: JobState): ErrorScope => ({
		itemIndex: state.job.itemIndex,
		videoId: state.outcome.video?.id ?? state.job.videoId,
	});
	const finish = (state: JobState, error?: Error) => {
		if (error) state.outcome.error = error;
		settle(state, 'done');
	};

	const report = (state: JobState, video: Video) => {
		const line = `${video.status}${typeof video.progress === 'number' ? ` ${video.progress}%` : ''}`;
		if (line === state.lastReported) return;
		const statusChanged = !state.lastReported?.startsWith(video.status);
		state.lastReported = line;
		const message = `Sora: video ${video.id} is ${line}${scopeSuffix({ itemIndex: state.job.itemIndex })}`;
		if (statusChanged) logger.info(message);
		else logger.debug(message);
	};

	const schedulePoll = (state: JobState, video: Video, pollAfterMs?: number) => {
		const progress = typeof video.progress === 'number' ? video.progress : undefined;
		const refreshMs = options.followHostPace ? client.host.statusRefreshMs : undefined;
		const pace = refreshMs === undefined ? undefined : refreshMs * client.time.timing.hostPaceScale;
		const adaptive = nextPollDelayMs(
			state.lastDelayMs,
			pace ?? options.pollIntervalMs,
			client.time.timing.firstPollDelayMs,
			pollAfterMs,
			progress !== undefined,
		);
		state.lastDelayMs = adaptive;
		const sample = { atMs: now(), progress: progress ?? 0 };
		const base = progressRateBase(state.progress, sample);
		const predicted =
			pollAfterMs === undefined && base ? predictedCompletionDelayMs(base, sample) : undefined;
		const floor = pollAfterMs === undefined ? (pace ?? 0) : 0;
		const delay = Math.max(floor, Math.min(adaptive, predicted ?? Infinity));
		state.nextPollAt = now() + delay * client.budget.pollSlowdown;
		settle(state, 'watching');
	};

	/** A task the host failed without a reason: its reason where the host keeps it (new-api: a free GET). */
	const askReason = (state: JobState, video: Video, then: () => void) => {
		state.reasonAsked = true;
		settle(state, 'polling');
		const source = client.host.failureReason!;
		const request: SoraRequest = {
			method: 'GET',
			route: { operation: 'Failure Reason', videoId: video.id },
			notAfter: deadline,
			endBy: deadline,
		};
		client.send(request, POLICIES.once, scopeOf(state)).then(
			(sent) => {
				const reason = 'kept' in sent ? source.read(sent.kept.body) : undefined;
				if (reason) video.error = { ...(video.error ?? {}), message: reason };
				then();
			},
			() => then(),
		);
	};

	const onVideo = (state: JobState, video: Video, pollAfterMs?: number) => {
		state.outcome.video = video;
		report(state, video);
		if (
			video.status === 'failed' &&
			!video.error?.message &&
			client.host.failureReason &&
			!state.reasonAsked
		) {
			return askReason(state, video, () => onVideo(state, video, pollAfterMs));
		}
		if (!state.job.wait) return finish(state);
		if (!isFinalStatus(video.status)) return schedulePoll(state, video, pollAfterMs);
		if (video.status !== 'completed')
			return finish(state, failedVideoError(client.node, scopeOf(state), video));
		if (!state.job.download) return finish(state);
		settle(state, 'downloading');
		downloadContent(client, store, video.id, state.job.download, scopeOf(state), video, {
			maxBytes: state.job.maxDownloadBytes,
		}).then(
			({ binary, measured }) => {
				state.outcome.binary = binary;
				if (measured) state.outcome.measured = measured;
				finish(state);
			},
			(error: Error) => finish(state, error),
		);
	};

	const submit = (state: JobState) => {
		settle(state, 'submitting');
		state.job.submit!(deadline).then(
			({ video, pollAfterMs }) => onVideo(state, video, pollAfterMs),
			(error: Error) =>
				error instanceof HeldPastDeadlineError
					? notStarted(state, 'requestLimits')
					: finish(state, error),
		);
	};

	const poll = (state: JobState) => {
		settle(state, 'polling');
		const videoId = state.outcome.video?.id ?? state.job.videoId!;
		const request: SoraRequest = {
			method: 'GET',
			route: { operation: 'Get', videoId },
			notAfter: deadline,
			endBy: deadline,
		};
		client.send(request, POLICIES.once, scopeOf(state)).then(
			(sent) => {
				const response =
					'failed' in sent ? sent.response : 'kept' in sent ? sent.kept : sent.refused;
				let failure = 'failed' in sent ? sent.failed : response && failureOf({ response }, now());
				if (failure?.kind === 'status' && response && !isTransient(failure)) {
					return finish(state, client.errorFor(request, response, scopeOf(state)));
				}
				if (failure?.kind === 'pastDeadline') {
					state.nextPollAt = deadline; // ended by the wait's Timeout: the timeout answers for it
					return settle(state, 'watching');
				}
				const video = failure || !response ? undefined : client.host.readVideo(response.body);
				if (!video) {
					failure ??= { kind: 'malformed' };
					// A video never seen (a plain Get, or a wrong host) is not known to be generating:
					// it fails after the usual retries instead of being watched until the timeout.
					const decision = (state.outcome.video ? POLICIES.watch : POLICIES.read).decide(
						failure,
						state.failedPolls,
						client.time.timing,
					);
					if (!decision.retry) {
						return finish(
							state,
							apiErrorFromFailure(
								client.node,
								scopeOf(state),
								unreachableMessage(failure),
								`GET ${client.describe(request).target} at ${client.baseUrl} failed ${state.failedPolls + 1} times.`,
							),
						);
					}
					logger.warn(
						`Sora: polling video ${videoId} got ${describeFailure(failure)}; trying again${scopeSuffix(scopeOf(state))}`,
					);
					state.failedPolls++;
					state.nextPollAt = now() + decision.delayMs;
					return settle(state, 'watching');
				}
				state.failedPolls = 0;
				onVideo(state, video, parsePollAfterMs(response!.headers as Record<string, string>));
			},
			(error: Error) => {
				if (!(error instanceof HeldPastDeadlineError)) return finish(state, error);
				state.nextPollAt = deadline; // no status check fits before the deadline: time out then
				settle(state, 'watching');
			},
		);
	};

	const notStarted = (state: JobState, heldBy: 'slot' | 'requestLimits') => {
		state.outcome.timedOut = true;
		const waited = formatDuration(options.timeoutMs);
		const [message, raise] =
			heldBy === 'slot'
				? [
						`Not started: the wait timed out after ${waited} before a slot was free`,
						'Max Concurrent Jobs',
					]
				: [
						`Not started: Max Requests per Minute or the host's rate limit left no room to send it before the wait's timeout (${waited})`,
						'Max Requests per Minute',
					];
		finish(
			state,
			apiErrorFromFailure(
				client.node,
				scopeOf(state),
				message,
				`This item was never sent to the host, so nothing was charged for it. Raise ${raise} or Timeout.`,
			),
		);
	};

	const timeOut = (state: JobState) => {
		state.outcome.timedOut = true;
		const video = state.outcome.video;
		const waited = formatDuration(options.timeoutMs);
		if (!video) return notStarted(state, 'slot');
		if (options.onTimeout === 'outputState') return finish(state);
		const silent = client.host.silentFailureNote?.(video);
		finish(
			state,
			apiErrorFromFailure(
				client.node,
				scopeOf(state),
				`Timed out after ${waited} waiting for video ${video.id} (status ${video.status}${typeof video.progress === 'number' ? `, ${video.progress}%` : ''})${silent ? `: ${silent}` : ''}`,
				`${silent ? 'It may still be generating, or it may have failed. ' : 'The video is still being generated. '}Resume with the Get operation (Wait for Completion on) for ${video.id}, or set On Timeout to "Output Current State".`,
			),
		);
	};

	const startQueued = () => {
		const active = states.filter((s) => s.phase !== 'queued' && s.phase !== 'done').length;
		let free = Math.max(1, options.maxConcurrentJobs) - active;
		for (const state of states) {
			if (free <= 0) return;
			if (state.phase !== 'queued') continue;
			free--;
			if (state.job.submit) submit(state);
			else poll(state);
		}
	};

	for (;;) {
		throwIfCancelled(client.signal);
		const wakeUp = new Promise<void>((resolve) => (wake = resolve));
		if (!timedOut && now() >= deadline) timedOut = true;
		if (timedOut) {
			for (const state of states)
				if (state.phase === 'watching' || state.phase === 'queued') timeOut(state);
		} else {
			startQueued();
			for (const state of states)
				if (state.phase === 'watching' && state.nextPollAt <= now()) poll(state);
		}
		if (states.every((s) => s.phase === 'done')) break;

		const pollTimes = states.filter((s) => s.phase === 'watching').map((s) => s.nextPollAt);
		const nextAt = timedOut ? Infinity : Math.min(deadline, ...pollTimes);
		await client.time.clock.pause(nextAt - now(), client.signal, wakeUp);
	}
	return states.map((s) => s.outcome);
}
