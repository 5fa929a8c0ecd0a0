/**
 * nodes/base/timing.ts: the node's own waits come from one timing object. n8n runs with
 * DEFAULT_TIMING; the tests run with FAST_TIMING (test/harness/fastTiming.ts, jest setupFiles).
 */
import { nextPollDelayMs, retryDelayMs } from '../../nodes/Sora/domain/schedule';
import { DEFAULT_TIMING, setTiming, timing } from '../../nodes/base/timing';
import { POLICIES } from '../../nodes/Sora/transport/retryPolicy';
import { FAST_TIMING } from '../harness/fastTiming';

const backOff = () => Array.from({ length: 6 }, (_, attempt) => retryDelayMs(attempt, timing()));

describe('the timing object', () => {
	test("n8n's timing: back-off 0.5 s doubling up to 8 s, first status check at 1 s, lost-create lookups 2 s apart, new-api's pace as is", () => {
		expect(DEFAULT_TIMING).toEqual({
			retryBaseMs: 500,
			retryCapMs: 8_000,
			firstPollDelayMs: 1_000,
			hostPaceScale: 1,
			lostCreateLookupMs: 2_000,
			inFlightCheckMs: 200,
		});
	});

	test('tests run with the fast timing, and every wait of the node follows the timing in force', () => {
		expect(timing()).toEqual(FAST_TIMING);
		expect(backOff()).toEqual([5, 10, 20, 40, 80, 80]);
		expect(nextPollDelayMs(undefined, 10_000, timing().firstPollDelayMs)).toBe(100);
		expect(POLICIES.lookup.decide({ kind: 'notListed' }, 0)).toEqual({ retry: true, delayMs: 100 });
		const previous = setTiming(DEFAULT_TIMING);
		try {
			expect(backOff()).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
			expect(nextPollDelayMs(undefined, 10_000, timing().firstPollDelayMs)).toBe(1000);
			expect(POLICIES.lookup.decide({ kind: 'notListed' }, 0)).toEqual({
				retry: true,
				delayMs: 2000,
			});
		} finally {
			setTiming(previous);
		}
		expect(timing()).toEqual(FAST_TIMING);
	});

	test("a host's own Retry-After is not the node's timing: it is waited as asked", () => {
		expect(retryDelayMs(0, timing(), 1500)).toBe(1500);
	});
});
