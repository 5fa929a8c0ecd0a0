import type { StoredVideo } from '../video';

/** The statuses new-api answers from its task table (`unknown`: not started upstream yet). */
export type TaskStatus = 'unknown' | 'queued' | 'in_progress' | 'completed' | 'failed';

export interface TaskSnapshot {
	status: TaskStatus;
	progress: number;
	/** When the row was last refreshed from the job (ms). */
	atMs: number;
}

export const DEFAULT_REFRESH_MS = 15_000;

/** new-api's own names of these statuses, as in "Task is not completed yet, current status: IN_PROGRESS". */
export const STORED_STATUS_NAMES: Record<TaskStatus, string> = {
	unknown: 'NOT_START',
	queued: 'QUEUED',
	in_progress: 'IN_PROGRESS',
	completed: 'SUCCESS',
	failed: 'FAILURE',
};

/**
 * What new-api's database holds about a job at `now`: the job's state at the last refresh, refreshes
 * happening every `refreshMs` from the create (and at once when a test calls completeNow). Before the
 * first refresh the row says `unknown`. `refreshMs` 0 means no lag.
 */
export function taskSnapshot(
	video: StoredVideo,
	refreshMs: number,
	now = Date.now(),
): TaskSnapshot {
	const scheduled =
		refreshMs > 0
			? video.createdMs + Math.floor((now - video.createdMs) / refreshMs) * refreshMs
			: now;
	const forced =
		video.finishedAtMs !== undefined && video.finishedAtMs <= now ? video.finishedAtMs : undefined;
	const atMs = Math.max(scheduled, forced ?? -Infinity);
	if (forced === undefined && atMs <= video.createdMs && refreshMs > 0)
		return { status: 'unknown', progress: 0, atMs };
	const status = video.statusAt(atMs);
	const mapped: TaskStatus =
		status === 'completed' || status === 'expired'
			? 'completed'
			: status === 'failed' || status === 'cancelled'
				? 'failed'
				: status;
	return { status: mapped, progress: video.progressAt(atMs), atMs };
}
