import type { Logger } from 'n8n-workflow';

import { scopeSuffix, type ErrorScope } from '../../base/errorScope';
import { throwIfCancelled } from '../../base/pause';
import { isFinalStatus } from '../domain/contract';
import {
	nextPollDelayMs,
	predictedCompletionDelayMs,
	progressRateBase,
	type ProgressHistory,
} from '../domain/schedule';
import type { Video } from '../domain/video';
import { apiErrorFromFailure } from '../transport/apiError';
import type { SoraClient, SoraRequest } from '../transport/client';
import { unreachableMessage } from '../transport/failureMessages';
import { HeldPastDeadlineError } from '../transport/requestBudget';
import { describeFailure, POLICIES } from '../transport/retryPolicy';
import { downloadContent, type BinaryStore } from './downloadContent';
import { readPollAnswer } from './pollAnswer';
import { failedVideoError, notStartedError, timedOutError } from './waitMessages';
import type { JobOutcome, VideoJob, WaitOptions } from './waitForVideos';

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
 * One wait over many jobs, as a state machine: each job moves queued → submitting/polling →
 * watching ⇄ polling → downloading → done, one step per method. `run` is the only loop: it starts
 * what a free slot allows, checks what is due, and sleeps until the next due time or a step's end.
 */
export class VideoWait {
	private readonly states: JobState[];

	private readonly deadline: number;

	private timedOut = false;

	private wake: () => void = () => undefined;

	constructor(
		private readonly client: SoraClient,
		private readonly store: BinaryStore,
		private readonly logger: Logger,
		jobs: VideoJob[],
		private readonly options: WaitOptions,
	) {
		this.states = jobs.map((job) => ({
			job,
			phase: 'queued',
			outcome: { itemIndex: job.itemIndex },
			nextPollAt: 0,
			failedPolls: 0,
			progress: {},
		}));
		this.deadline = this.now() + options.timeoutMs;
	}

	async run(): Promise<JobOutcome[]> {
		const { states } = this;
		for (;;) {
			throwIfCancelled(this.client.signal);
			const wakeUp = new Promise<void>((resolve) => (this.wake = resolve));
			if (!this.timedOut && this.now() >= this.deadline) this.timedOut = true;
			if (this.timedOut) {
				for (const state of states)
					if (state.phase === 'watching' || state.phase === 'queued') this.timeOut(state);
			} else {
				this.startQueued();
				for (const state of states)
					if (state.phase === 'watching' && state.nextPollAt <= this.now()) this.poll(state);
			}
			if (states.every((s) => s.phase === 'done')) break;
			const pollTimes = states.filter((s) => s.phase === 'watching').map((s) => s.nextPollAt);
			const nextAt = this.timedOut ? Infinity : Math.min(this.deadline, ...pollTimes);
			await this.client.time.clock.pause(nextAt - this.now(), this.client.signal, wakeUp);
		}
		return states.map((s) => s.outcome);
	}

	private now(): number {
		return this.client.time.clock.now();
	}

	private settle(state: JobState, phase: Phase): void {
		state.phase = phase;
		this.wake();
	}

	private finish(state: JobState, error?: Error): void {
		if (error) state.outcome.error = error;
		this.settle(state, 'done');
	}

	private scopeOf(state: JobState): ErrorScope {
		return {
			itemIndex: state.job.itemIndex,
			videoId: state.outcome.video?.id ?? state.job.videoId,
		};
	}

	private startQueued(): void {
		const active = this.states.filter((s) => s.phase !== 'queued' && s.phase !== 'done').length;
		let free = Math.max(1, this.options.maxConcurrentJobs) - active;
		for (const state of this.states) {
			if (free <= 0) return;
			if (state.phase !== 'queued') continue;
			free--;
			if (state.job.submit) this.submit(state);
			else this.poll(state);
		}
	}

	private submit(state: JobState): void {
		this.settle(state, 'submitting');
		state.job.submit!(this.deadline).then(
			({ video, pollAfterMs }) => this.onVideo(state, video, pollAfterMs),
			(error: Error) =>
				error instanceof HeldPastDeadlineError
					? this.notStarted(state, 'requestLimits')
					: this.finish(state, error),
		);
	}

	/** One status check, sent once: the schedule (not a retry) decides when the next one goes. */
	private poll(state: JobState): void {
		this.settle(state, 'polling');
		const videoId = state.outcome.video?.id ?? state.job.videoId!;
		const request: SoraRequest = {
			method: 'GET',
			route: { operation: 'Get', videoId },
			notAfter: this.deadline,
			endBy: this.deadline,
		};
		this.client.send(request, POLICIES.once, this.scopeOf(state)).then(
			(sent) => {
				const verdict = readPollAnswer(sent, this.client.host, this.now());
				if ('refused' in verdict)
					return this.finish(
						state,
						this.client.errorFor(request, verdict.refused, this.scopeOf(state)),
					);
				if ('pastDeadline' in verdict) return this.waitForTimeout(state);
				if ('failure' in verdict) return this.pollFailed(state, request, verdict.failure);
				state.failedPolls = 0;
				this.onVideo(state, verdict.video, verdict.pollAfterMs);
			},
			(error: Error) => {
				if (!(error instanceof HeldPastDeadlineError)) return this.finish(state, error);
				this.waitForTimeout(state); // no status check fits before the deadline
			},
		);
	}

	private waitForTimeout(state: JobState): void {
		state.nextPollAt = this.deadline;
		this.settle(state, 'watching');
	}

	/**
	 * A status check without a usable answer. A video never seen (a plain Get, or a wrong host) is
	 * not known to be generating: it fails after the read policy's tries; a video seen is watched on.
	 */
	private pollFailed(
		state: JobState,
		request: SoraRequest,
		failure: Parameters<typeof describeFailure>[0],
	): void {
		const policy = state.outcome.video ? POLICIES.watch : POLICIES.read;
		const decision = policy.decide(failure, state.failedPolls, this.client.time.timing);
		if (!decision.retry) {
			return this.finish(
				state,
				apiErrorFromFailure(
					this.client.node,
					this.scopeOf(state),
					unreachableMessage(failure),
					`GET ${this.client.describe(request).target} at ${this.client.baseUrl} failed ${state.failedPolls + 1} times.`,
				),
			);
		}
		this.logger.warn(
			`Sora: polling video ${state.outcome.video?.id ?? state.job.videoId} got ${describeFailure(failure)}; trying again${scopeSuffix(this.scopeOf(state))}`,
		);
		state.failedPolls++;
		state.nextPollAt = this.now() + decision.delayMs;
		this.settle(state, 'watching');
	}

	private onVideo(state: JobState, video: Video, pollAfterMs?: number): void {
		state.outcome.video = video;
		this.report(state, video);
		const { host } = this.client;
		if (
			video.status === 'failed' &&
			!video.error?.message &&
			host.failureReason &&
			!state.reasonAsked
		) {
			return this.askReason(state, video, () => this.onVideo(state, video, pollAfterMs));
		}
		if (!state.job.wait) return this.finish(state);
		if (!isFinalStatus(video.status)) return this.schedulePoll(state, video, pollAfterMs);
		if (video.status !== 'completed')
			return this.finish(state, failedVideoError(this.client.node, this.scopeOf(state), video));
		if (!state.job.download) return this.finish(state);
		this.download(state, video);
	}

	private download(state: JobState, video: Video): void {
		this.settle(state, 'downloading');
		const { download, maxDownloadBytes } = state.job;
		downloadContent(this.client, this.store, video.id, download!, this.scopeOf(state), video, {
			maxBytes: maxDownloadBytes,
		}).then(
			({ binary, measured }) => {
				state.outcome.binary = binary;
				if (measured) state.outcome.measured = measured;
				this.finish(state);
			},
			(error: Error) => this.finish(state, error),
		);
	}

	/** A task the host failed without a reason: its reason where the host keeps it (new-api: a free GET). */
	private askReason(state: JobState, video: Video, then: () => void): void {
		state.reasonAsked = true;
		this.settle(state, 'polling');
		const source = this.client.host.failureReason!;
		const request: SoraRequest = {
			method: 'GET',
			route: { operation: 'Failure Reason', videoId: video.id },
			notAfter: this.deadline,
			endBy: this.deadline,
		};
		this.client.send(request, POLICIES.once, this.scopeOf(state)).then(
			(sent) => {
				const reason = 'kept' in sent ? source.read(sent.kept.body) : undefined;
				if (reason) video.error = { ...(video.error ?? {}), message: reason };
				then();
			},
			() => then(),
		);
	}

	private schedulePoll(state: JobState, video: Video, pollAfterMs?: number): void {
		const { client, options } = this;
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
		const sample = { atMs: this.now(), progress: progress ?? 0 };
		const base = progressRateBase(state.progress, sample);
		const predicted =
			pollAfterMs === undefined && base ? predictedCompletionDelayMs(base, sample) : undefined;
		const floor = pollAfterMs === undefined ? (pace ?? 0) : 0;
		const delay = Math.max(floor, Math.min(adaptive, predicted ?? Infinity));
		state.nextPollAt = this.now() + delay * client.budget.pollSlowdown;
		this.settle(state, 'watching');
	}

	private report(state: JobState, video: Video): void {
		const line = `${video.status}${typeof video.progress === 'number' ? ` ${video.progress}%` : ''}`;
		if (line === state.lastReported) return;
		const statusChanged = !state.lastReported?.startsWith(video.status);
		state.lastReported = line;
		const message = `Sora: video ${video.id} is ${line}${scopeSuffix({ itemIndex: state.job.itemIndex })}`;
		if (statusChanged) this.logger.info(message);
		else this.logger.debug(message);
	}

	private notStarted(state: JobState, heldBy: 'slot' | 'requestLimits'): void {
		state.outcome.timedOut = true;
		this.finish(
			state,
			notStartedError(this.client.node, this.scopeOf(state), heldBy, this.options.timeoutMs),
		);
	}

	private timeOut(state: JobState): void {
		state.outcome.timedOut = true;
		const video = state.outcome.video;
		if (!video) return this.notStarted(state, 'slot');
		if (this.options.onTimeout === 'outputState') return this.finish(state);
		const silent = this.client.host.silentFailureNote?.(video);
		this.finish(
			state,
			timedOutError(this.client.node, this.scopeOf(state), video, this.options.timeoutMs, silent),
		);
	}
}
