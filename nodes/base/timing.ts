/**
 * Every wait the node chooses by itself, in one place: retry back-off, the first status check,
 * the poll floor on a slow-refreshing host, the lost-create lookup's pauses. Waits the user sets
 * (Poll Interval, Timeout, Max Requests per Minute) and those a host asks for in its answers
 * (Retry-After, openai-poll-after-ms) are not here.
 *
 * n8n always runs with DEFAULT_TIMING. The test harness (test/harness/fastTiming.ts) sets these
 * to milliseconds with setTiming, so that tests answer in seconds; a test that checks a real
 * delay sets DEFAULT_TIMING back for itself.
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

const current: Timing = { ...DEFAULT_TIMING };

/** The timing in force (read it at each use: tests change it). */
export function timing(): Readonly<Timing> {
	return current;
}

/** Changes some of the timing for the whole process (tests); answers the timing it replaced. */
export function setTiming(changes: Partial<Timing>): Timing {
	const previous = { ...current };
	Object.assign(current, changes);
	return previous;
}
