import type { RenderedVideo } from './families/reached';
import { newId } from './ids';
import type { VideoError, VideoStatus } from './types';

export type JobOutcome = 'completed' | 'failed' | 'expired' | 'cancelled';

export const MODERATION_FAILURE: VideoError = {
	code: 'moderation_blocked',
	message: 'Your request was blocked by our moderation system.',
};

const ASSET_LIFETIME_SECONDS = 3600;
const QUEUED_SHARE = 0.1;

export interface NewVideo {
	/** Default `video_` + 24 hex digits; host modes name their own ids (`task_…`, `job-…`). */
	id?: string;
	model: string;
	prompt: string;
	size: string;
	seconds: string;
	generationMs: number;
	outcome: JobOutcome;
	remixedFromVideoId?: string;
	/** `[expire]`: completed, but the assets are already gone. */
	assetsExpired?: boolean;
	extensionCount?: number;
	/** Gateway-only fields added to the video object. */
	extraFields?: Record<string, unknown>;
	numericSeconds?: boolean;
	omitProgress?: boolean;
	/** What a host mode keeps about the job beyond the video object (its channel, callback_url...). */
	hostFields?: Record<string, unknown>;
	/** Family modes: what the model made from the keys that reached it (the served MP4 follows it). */
	rendered?: RenderedVideo;
}

/**
 * A video job. Status, progress and timestamps are computed from the clock on every read,
 * so no timer is needed to move a job along.
 */
export class StoredVideo {
	readonly object = 'video' as const;
	readonly id: string;
	readonly createdMs = Date.now();
	readonly created_at = Math.floor(this.createdMs / 1000);
	readonly model: string;
	readonly prompt: string;
	readonly size: string;
	readonly seconds: string;
	readonly remixed_from_video_id: string | null;
	readonly extensionCount: number;
	readonly extraFields: Record<string, unknown>;
	generationMs: number;
	outcome: JobOutcome;
	assetsExpired: boolean;
	/** Set by completeNow: the job counts as finished from this moment. */
	finishedAtMs?: number;
	/** Set when the `expired` fault hit: expires_at is reported in the past. */
	expiresAtOverride?: number;
	readonly numericSeconds: boolean;
	readonly omitProgress: boolean;
	readonly hostFields: Record<string, unknown>;
	readonly rendered?: RenderedVideo;

	constructor(input: NewVideo) {
		this.id = input.id ?? newId('video_');
		this.model = input.model;
		this.prompt = input.prompt;
		this.size = input.size;
		this.seconds = input.seconds;
		this.generationMs = input.generationMs;
		this.outcome = input.outcome;
		this.remixed_from_video_id = input.remixedFromVideoId ?? null;
		this.assetsExpired = input.assetsExpired ?? false;
		this.extensionCount = input.extensionCount ?? 0;
		this.extraFields = input.extraFields ?? {};
		this.numericSeconds = input.numericSeconds ?? false;
		this.omitProgress = input.omitProgress ?? false;
		this.hostFields = input.hostFields ?? {};
		this.rendered = input.rendered;
	}

	get finishMs(): number {
		return this.finishedAtMs ?? this.createdMs + this.generationMs;
	}

	isFinished(now = Date.now()): boolean {
		return now >= this.finishMs;
	}

	get status(): VideoStatus {
		return this.statusAt(Date.now());
	}

	/** The status the job had (or will have) at `now` (host modes answer from a lagging snapshot). */
	statusAt(now: number): VideoStatus {
		if (this.isFinished(now)) return this.outcome;
		return now - this.createdMs < this.generationMs * QUEUED_SHARE ? 'queued' : 'in_progress';
	}

	get progress(): number {
		return this.progressAt(Date.now());
	}

	progressAt(now: number): number {
		const status = this.statusAt(now);
		if (status === 'completed' || status === 'expired') return 100;
		if (status !== 'in_progress') return 0;
		const running = now - this.createdMs - this.generationMs * QUEUED_SHARE;
		return Math.min(
			99,
			Math.max(0, Math.floor((100 * running) / (this.generationMs * (1 - QUEUED_SHARE)))),
		);
	}

	get completed_at(): number | null {
		return this.isFinished() ? Math.floor(this.finishMs / 1000) : null;
	}

	get expires_at(): number | null {
		if (this.expiresAtOverride !== undefined) return this.expiresAtOverride;
		const completedAt = this.completed_at;
		if (completedAt === null || this.outcome === 'failed') return null;
		return this.assetsExpired || this.outcome === 'expired'
			? completedAt
			: completedAt + ASSET_LIFETIME_SECONDS;
	}

	get error(): VideoError | null {
		return this.status === 'failed' ? MODERATION_FAILURE : null;
	}

	/** Whether GET content answers 404 for an expired asset. */
	get contentExpired(): boolean {
		return this.assetsExpired || this.outcome === 'expired';
	}

	toJSON(): Record<string, unknown> {
		const body: Record<string, unknown> = {
			id: this.id,
			object: this.object,
			model: this.model,
			status: this.status,
			progress: this.progress,
			created_at: this.created_at,
			completed_at: this.completed_at,
			expires_at: this.expires_at,
			prompt: this.prompt,
			size: this.size,
			seconds: this.numericSeconds ? Number(this.seconds) : this.seconds,
			remixed_from_video_id: this.remixed_from_video_id,
			error: this.error,
			...this.extraFields,
		};
		if (this.omitProgress) delete body.progress;
		return body;
	}
}

export interface StoredCharacter {
	id: string;
	name: string;
	created_at: number;
}
