import { pause } from '../helpers/sleep';

/** A minute plus a margin, so that a host counting arrivals sees no more than the cap either. */
const WINDOW_MS = 61_000;
const MAX_SLOWDOWN = 8;
const MIN_ADAPTIVE_PER_MINUTE = 6;
const RECOVERY_FACTOR = 1.1;

/**
 * One request budget per execution, shared by every request the node sends in it.
 * - Max Requests per Minute (optional): a sliding-window cap.
 * - Rate limits: a 429 pauses every request (retry-after, else a growing backoff), halves the
 *   rate the execution may send at (from what it sent in the last minute, never below 6 a
 *   minute) and stretches all polling delays; each success raises the rate by a tenth, until
 *   the limit is lifted.
 */
export class RequestBudget {
	private readonly sentAt: number[] = [];

	private pausedUntil = 0;

	private slowdown = 1;

	private adaptivePerMinute: number | undefined;

	requestsSent = 0;

	rateLimited = 0;

	constructor(
		private readonly maxRequestsPerMinute: number | undefined,
		private readonly now: () => number = Date.now,
	) {}

	/** Factor (≥ 1) by which polling delays are stretched after rate limiting. */
	get pollSlowdown(): number {
		return this.slowdown;
	}

	/** The requests per minute the execution may send now (undefined: no limit). */
	get currentLimitPerMinute(): number | undefined {
		const limits = [this.maxRequestsPerMinute || undefined, this.adaptivePerMinute].filter(
			(limit): limit is number => limit !== undefined,
		);
		return limits.length ? Math.min(...limits) : undefined;
	}

	async beforeRequest(signal: AbortSignal | undefined): Promise<void> {
		for (;;) {
			const waitMs = this.msUntilAllowed();
			if (waitMs <= 0) break;
			await pause(waitMs, signal);
		}
		this.sentAt.push(this.now());
		this.requestsSent++;
	}

	afterResponse(status: number, retryAfterMs: number | undefined): void {
		if (status === 429) {
			this.rateLimited++;
			this.slowdown = Math.min(MAX_SLOWDOWN, this.slowdown * 2);
			const sentLastMinute = this.forgetOldRequests();
			const reference = Math.min(this.adaptivePerMinute ?? Infinity, sentLastMinute);
			this.adaptivePerMinute = Math.max(MIN_ADAPTIVE_PER_MINUTE, Math.floor(reference / 2));
			const pauseMs = Math.min(retryAfterMs ?? 1000 * this.slowdown, 60_000);
			this.pausedUntil = Math.max(this.pausedUntil, this.now() + pauseMs);
		} else if (status < 500) {
			this.slowdown = Math.max(1, this.slowdown * 0.9);
			if (this.adaptivePerMinute !== undefined) {
				this.adaptivePerMinute = Math.max(this.adaptivePerMinute + 1, this.adaptivePerMinute * RECOVERY_FACTOR);
				if (this.adaptivePerMinute > 2 * this.forgetOldRequests() + 10) this.adaptivePerMinute = undefined;
			}
		}
	}

	msUntilAllowed(): number {
		const now = this.now();
		let waitMs = this.pausedUntil - now;
		const limit = this.currentLimitPerMinute;
		const sent = this.forgetOldRequests();
		if (limit !== undefined && sent >= limit) {
			waitMs = Math.max(waitMs, this.sentAt[sent - Math.floor(limit)] + WINDOW_MS - now);
		}
		return Math.max(0, waitMs);
	}

	/** Drops requests older than the window; answers how many remain. */
	private forgetOldRequests(): number {
		const horizon = this.now() - WINDOW_MS;
		while (this.sentAt.length && this.sentAt[0] <= horizon) this.sentAt.shift();
		return this.sentAt.length;
	}
}
