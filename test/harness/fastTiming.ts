/**
 * Jest setup (jest.config.js `setupFiles`): the node's own waits in milliseconds, so that a test
 * pays for what it checks, not for the back-off of the retries it provokes. The proportions stay
 * those of n8n's DEFAULT_TIMING (a retry waits twice the one before, up to the cap; the first
 * status check comes once the reference server's short jobs can be done).
 *
 * The timing is handed to the node instances the harness makes (`new Sora(time)`): the node has
 * no global to set. A test that checks a real delay takes the defaults: `useTiming(DEFAULT_TIMING)`.
 */
import { DEFAULT_TIMING, type Timing } from '../../nodes/base/timing';
import { harnessTiming, setHarnessTiming } from './harnessTime';

export const FAST_TIMING: Readonly<Timing> = Object.freeze({
	retryBaseMs: 5,
	retryCapMs: 80,
	firstPollDelayMs: 100,
	hostPaceScale: 0.01,
	lostCreateLookupMs: 100,
	inFlightCheckMs: 10,
});

setHarnessTiming(FAST_TIMING);

/** In the calling describe block (or file): `timing` instead of the fast one, restored after. */
export function useTiming(timing: Readonly<Timing> = DEFAULT_TIMING): void {
	let previous: Readonly<Timing>;
	beforeAll(() => {
		previous = harnessTiming();
		setHarnessTiming(timing);
	});
	afterAll(() => {
		setHarnessTiming(previous);
	});
}
