import { pause } from '../helpers/sleep';

const WINDOW_MS = 60_000;
const MAX_SLOWDOWN = 8;

/**
 * One request budget per execution, shared by every request the node sends in it: an optional
 * cap on requests per minute, and a slowdown that every rate-limit answer raises for all
 * polling (not only for the request that got it) and that successes lower again gently.
 */
export class RequestBudget {
	private readonly sentAt: number[] = [];

	private pausedUntil = 0;

	private slowdown = 1;

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

	async beforeRequest(signal: AbortSignal | undefined): Promise<void> {
		for (;;) {
			const waitMs = this.msUntilAllowed();
			if (waitMs <= 0) break;
			await pause(waitMs, signal);
		}
		if (this.maxRequestsPerMinute) this.sentAt.push(this.now());
		this.requestsSent++;
	}

	afterResponse(status: number, retryAfterMs: number | undefined): void {
		if (status === 429) {
			this.rateLimited++;
			this.slowdown = Math.min(MAX_SLOWDOWN, this.slowdown * 2);
			const pauseMs = Math.min(retryAfterMs ?? 1000 * this.slowdown, 60_000);
			this.pausedUntil = Math.max(this.pausedUntil, this.now() + pauseMs);
		} else if (status < 500) {
			this.slowdown = Math.max(1, this.slowdown * 0.9);
		}
	}

	msUntilAllowed(): number {
		const now = this.now();
		let waitMs = this.pausedUntil - now;
		if (this.maxRequestsPerMinute && this.maxRequestsPerMinute > 0) {
			while (this.sentAt.length && this.sentAt[0] <= now - WINDOW_MS) this.sentAt.shift();
			if (this.sentAt.length >= this.maxRequestsPerMinute) {
				waitMs = Math.max(waitMs, this.sentAt[0] + WINDOW_MS - now);
			}
		}
		return Math.max(0, waitMs);
	}
}
