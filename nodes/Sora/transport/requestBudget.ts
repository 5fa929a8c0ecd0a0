import { systemClock, type Clock } from '../../base/clock';

/** A minute plus a margin, so that a host counting arrivals sees no more than the cap either. */
const WINDOW_MS = 61_000;
const MAX_SLOWDOWN = 8;
const SLOWDOWN_STEP = 2;
const RECOVERY_PER_SUCCESS = 0.9;
/** 429s closer together than this are one episode: they slow polling down once. */
const EPISODE_MS = 5_000;
/** A host asking for a pause this long (or longer) gets it from every request, not only the one it refused. */
const GLOBAL_PAUSE_FROM_MS = 2_000;

/** A request the budget could not let through before its `notAfter` time: it was never sent. */
export class HeldPastDeadlineError extends Error {
	constructor() {
		super('The request budget holds this request past its deadline');
		this.name = 'HeldPastDeadlineError';
	}
}

/**
 * One request budget per execution, shared by every request the node sends in it.
 * - Max Requests per Minute (optional): a sliding-window cap on everything the node sends.
 * - Rate limits: a rate-limit episode (429s within 5 s of each other) doubles the stretch of all
 *   polling delays of the execution (up to 8×), and each success shrinks it by a tenth again.
 *   A retry-after of 2 s or more pauses every request; a shorter one only the refused request.
 */
export class RequestBudget {
	private readonly sentAt: number[] = [];

	private pausedUntil = 0;

	private slowdown = 1;

	private lastEpisodeAt = -Infinity;

	requestsSent = 0;

	rateLimited = 0;

	constructor(
		private readonly maxRequestsPerMinute: number | undefined,
		private readonly clock: Clock = systemClock,
	) {}

	/** Factor (≥ 1) by which polling delays are stretched after rate limiting. */
	get pollSlowdown(): number {
		return this.slowdown;
	}

	/** Waits until the request may go out; refuses at once when that is later than `notAfter`. */
	async beforeRequest(signal: AbortSignal | undefined, notAfter = Infinity): Promise<void> {
		for (;;) {
			const waitMs = this.msUntilAllowed();
			if (waitMs <= 0) break;
			if (this.clock.now() + waitMs > notAfter) throw new HeldPastDeadlineError();
			await this.clock.pause(waitMs, signal);
		}
		if (this.maxRequestsPerMinute) this.sentAt.push(this.clock.now());
		this.requestsSent++;
	}

	afterResponse(status: number, retryAfterMs: number | undefined): void {
		if (status === 429) {
			this.rateLimited++;
			const now = this.clock.now();
			if (now - this.lastEpisodeAt >= EPISODE_MS) {
				this.lastEpisodeAt = now;
				this.slowdown = Math.min(MAX_SLOWDOWN, this.slowdown * SLOWDOWN_STEP);
			}
			if (retryAfterMs !== undefined && retryAfterMs >= GLOBAL_PAUSE_FROM_MS) {
				this.pausedUntil = Math.max(this.pausedUntil, now + Math.min(retryAfterMs, 60_000));
			}
		} else if (status < 500) {
			this.slowdown = Math.max(1, this.slowdown * RECOVERY_PER_SUCCESS);
		}
	}

	msUntilAllowed(): number {
		const now = this.clock.now();
		let waitMs = this.pausedUntil - now;
		const cap = this.maxRequestsPerMinute;
		if (cap && cap > 0) {
			while (this.sentAt.length && this.sentAt[0] <= now - WINDOW_MS) this.sentAt.shift();
			if (this.sentAt.length >= cap)
				waitMs = Math.max(waitMs, this.sentAt[this.sentAt.length - cap] + WINDOW_MS - now);
		}
		return Math.max(0, waitMs);
	}
}
