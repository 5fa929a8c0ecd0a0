import { systemClock, type Clock } from './clock';

/**
 * Every wait the node chooses by itself, in one place: retry back-off, the first status check,
 * the poll floor on a slow-refreshing host, the lost-create lookup's pauses. Waits the user sets
 * (Poll Interval, Timeout, Max Requests per Minute) and those a host asks for in its answers
 * (Retry-After, openai-poll-after-ms) are not here.
 *
 * n8n always runs with DEFAULT_TIMING. The test harness makes its node instances with a timing
 * in milliseconds (test/harness/fastTiming.ts), so that tests answer in seconds: the timing is
 * handed in (a TimeSource), never read from a global.
 */
export interface Timing {
	/** The first retry's back-off; it doubles with each retry up to retryCapMs. */
	retryBaseMs: number;
	retryCapMs: number;
	/** The first status check after a create (or the first of a wait), before the adaptive growth. */
	firstPollDelayMs: number;
	/**
	 * Poll Interval unset on a host that refreshes statuses slowly (its dialect's statusRefreshMs,
	 * new-api: 15 s): the poll floor is that pace times this.
	 */
	hostPaceScale: number;
	/** Between the two List lookups of a lost create (a job can take that long to appear). */
	lostCreateLookupMs: number;
	/** How often a lost create's lookup checks whether a same-prompt create still in flight is answered. */
	inFlightCheckMs: number;
}

export const DEFAULT_TIMING: Readonly<Timing> = Object.freeze({
	retryBaseMs: 500,
	retryCapMs: 8_000,
	firstPollDelayMs: 1_000,
	hostPaceScale: 1,
	lostCreateLookupMs: 2_000,
	inFlightCheckMs: 200,
});

/** How the node tells time: the clock and the timing of its own waits, handed to every part that waits. */
export interface TimeSource {
	clock: Clock;
	timing: Readonly<Timing>;
}

export const SYSTEM_TIME: TimeSource = Object.freeze({
	clock: systemClock,
	timing: DEFAULT_TIMING,
});

/** The time source a node instance was made with: n8n makes them with none (the system's). */
export function timeSourceOf(given: Partial<TimeSource> = {}): TimeSource {
	return { clock: given.clock ?? systemClock, timing: given.timing ?? DEFAULT_TIMING };
}
