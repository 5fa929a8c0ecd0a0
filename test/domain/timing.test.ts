/**
 * nodes/base/timing.ts: the node's own waits come from one timing object, handed in. n8n runs with
 * DEFAULT_TIMING; the harness makes its node instances with FAST_TIMING (test/harness/fastTiming.ts).
 */
import { nextPollDelayMs, retryDelayMs } from '../../nodes/Sora/domain/schedule';
import { DEFAULT_TIMING, SYSTEM_TIME, timeSourceOf } from '../../nodes/base/timing';
import { POLICIES } from '../../nodes/Sora/transport/retryPolicy';
import { FAST_TIMING } from '../harness/fastTiming';
import { harnessTime } from '../harness/harnessTime';

const backOff = (timing: typeof DEFAULT_TIMING) =>
	Array.from({ length: 6 }, (_, attempt) => retryDelayMs(attempt, timing));

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
		expect(timeSourceOf()).toEqual(SYSTEM_TIME);
	});

	test('every wait of the node follows the timing it is handed; the harness hands the fast one', () => {
		expect(harnessTime().timing).toEqual(FAST_TIMING);
		expect(backOff(FAST_TIMING)).toEqual([5, 10, 20, 40, 80, 80]);
		expect(nextPollDelayMs(undefined, 10_000, FAST_TIMING.firstPollDelayMs)).toBe(100);
		expect(POLICIES.lookup.decide({ kind: 'notListed' }, 0, FAST_TIMING)).toEqual({
			retry: true,
			delayMs: 100,
		});
		expect(backOff(DEFAULT_TIMING)).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
		expect(nextPollDelayMs(undefined, 10_000, DEFAULT_TIMING.firstPollDelayMs)).toBe(1000);
		expect(POLICIES.lookup.decide({ kind: 'notListed' }, 0, DEFAULT_TIMING)).toEqual({
			retry: true,
			delayMs: 2000,
		});
	});

	test("a host's own Retry-After is not the node's timing: it is waited as asked", () => {
		expect(retryDelayMs(0, FAST_TIMING, 1500)).toBe(1500);
	});
});
