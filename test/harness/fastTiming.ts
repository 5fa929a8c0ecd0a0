/**
 * Jest setup (jest.config.js `setupFiles`): the node's own waits in milliseconds, so that a test
 * pays for what it checks, not for the back-off of the retries it provokes. The proportions stay
 * those of n8n's DEFAULT_TIMING (a retry waits twice the one before, up to the cap; the first
 * status check comes once the reference server's short jobs can be done).
 *
 * A test that checks a real delay takes the defaults for itself: `useTiming(DEFAULT_TIMING)`.
 */
import { DEFAULT_TIMING, setTiming, type Timing } from '../../nodes/base/timing';

export const FAST_TIMING: Readonly<Timing> = Object.freeze({
	retryBaseMs: 5,
	retryCapMs: 80,
	firstPollDelayMs: 100,
	hostPaceScale: 0.01,
	lostCreateLookupMs: 100,
	inFlightCheckMs: 10,
});

setTiming(FAST_TIMING);

/** In the calling describe block (or file): `timing` instead of the fast one, restored after. */
export function useTiming(timing: Readonly<Timing> = DEFAULT_TIMING): void {
	let previous: Timing;
	beforeAll(() => {
		previous = setTiming(timing);
	});
	afterAll(() => {
		setTiming(previous);
	});
}
