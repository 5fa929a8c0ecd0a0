import {
	DEFAULT_POLL_INTERVAL_MS,
	nextPollDelayMs,
	parsePollAfterMs,
	parseRetryAfterMs,
	retryDelayMs,
} from '../../nodes/Sora/domain/schedule';
import { DEFAULT_TIMING } from '../../nodes/base/timing';

// The schedule is pure: n8n's own timing figures are passed in.

describe('nextPollDelayMs', () => {
	it('defaults to a 10 s interval', () => {
		expect(DEFAULT_POLL_INTERVAL_MS).toBe(10_000);
	});

	it('starts at 1 s and grows ×1.5 up to the cap', () => {
		const delays: number[] = [];
		let delay: number | undefined;
		for (let i = 0; i < 9; i++) {
			delay = nextPollDelayMs(delay, 10_000, 1000);
			delays.push(delay);
		}
		expect(delays).toEqual([1000, 1500, 2250, 3375, 5063, 7595, 10000, 10000, 10000]);
	});

	it('grows ×3 when the host reports progress (completion is predicted from it)', () => {
		const delays: number[] = [];
		let delay: number | undefined;
		for (let i = 0; i < 4; i++) {
			delay = nextPollDelayMs(delay, 10_000, 1000, undefined, true);
			delays.push(delay);
		}
		expect(delays).toEqual([1000, 3000, 9000, 10000]);
	});

	it('starts at the cap when the cap is below 1 s', () => {
		expect(nextPollDelayMs(undefined, 500, 1000)).toBe(500);
		expect(nextPollDelayMs(500, 500, 1000)).toBe(500);
	});

	it('never exceeds the cap, even after the cap is lowered', () => {
		expect(nextPollDelayMs(9000, 10_000, 1000)).toBe(10_000);
		expect(nextPollDelayMs(30_000, 5000, 1000)).toBe(5000);
	});

	it('falls back to the default cap when the cap is unusable', () => {
		expect(nextPollDelayMs(undefined, 0, 1000)).toBe(1000);
		expect(nextPollDelayMs(9000, Number.NaN, 1000)).toBe(10_000);
		expect(nextPollDelayMs(9000, -5, 1000)).toBe(10_000);
	});

	it('treats an unusable previous delay as the first poll', () => {
		expect(nextPollDelayMs(0, 10_000, 1000)).toBe(1000);
		expect(nextPollDelayMs(Number.NaN, 10_000, 1000)).toBe(1000);
		expect(nextPollDelayMs(-100, 10_000, 1000)).toBe(1000);
	});

	it('honours the server hint, clamped to 200 ms … 60 s, regardless of the cap', () => {
		expect(nextPollDelayMs(undefined, 10_000, 1000, 2500)).toBe(2500);
		expect(nextPollDelayMs(5000, 1000, 1000, 20_000)).toBe(20_000);
		expect(nextPollDelayMs(undefined, 10_000, 1000, 0)).toBe(200);
		expect(nextPollDelayMs(undefined, 10_000, 1000, 50)).toBe(200);
		expect(nextPollDelayMs(undefined, 10_000, 1000, 600_000)).toBe(60_000);
	});

	it('ignores an unusable server hint', () => {
		expect(nextPollDelayMs(undefined, 10_000, 1000, Number.NaN)).toBe(1000);
		expect(nextPollDelayMs(1000, 10_000, 1000, -1)).toBe(1500);
	});
});

describe('retryDelayMs', () => {
	it('backs off 500 ms × 2^attempt, capped at 8 s', () => {
		expect(
			[0, 1, 2, 3, 4, 5, 10, 100].map((attempt) => retryDelayMs(attempt, DEFAULT_TIMING)),
		).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
	});

	it('treats a negative or fractional attempt sensibly', () => {
		expect(retryDelayMs(-1, DEFAULT_TIMING)).toBe(500);
		expect(retryDelayMs(1.7, DEFAULT_TIMING)).toBe(1000);
		expect(retryDelayMs(Number.NaN, DEFAULT_TIMING)).toBe(500);
	});

	it('honours Retry-After up to 60 s', () => {
		expect(retryDelayMs(0, DEFAULT_TIMING, 20_000)).toBe(20_000);
		expect(retryDelayMs(5, DEFAULT_TIMING, 1500)).toBe(1500);
		expect(retryDelayMs(0, DEFAULT_TIMING, 0)).toBe(0);
		expect(retryDelayMs(0, DEFAULT_TIMING, 3_600_000)).toBe(60_000);
	});

	it('ignores an unusable Retry-After', () => {
		expect(retryDelayMs(2, DEFAULT_TIMING, Number.NaN)).toBe(2000);
		expect(retryDelayMs(2, DEFAULT_TIMING, -5)).toBe(2000);
	});
});

describe('parseRetryAfterMs', () => {
	const now = Date.parse('2026-03-01T12:00:00Z');

	it('reads retry-after-ms in milliseconds', () => {
		expect(parseRetryAfterMs({ 'retry-after-ms': '1500' }, now)).toBe(1500);
		expect(parseRetryAfterMs({ 'retry-after-ms': '250.4' }, now)).toBe(250);
	});

	it('prefers retry-after-ms over retry-after', () => {
		expect(parseRetryAfterMs({ 'retry-after': '30', 'retry-after-ms': '1200' }, now)).toBe(1200);
	});

	it('falls back to retry-after when retry-after-ms is unusable', () => {
		expect(parseRetryAfterMs({ 'retry-after': '3', 'retry-after-ms': 'soon' }, now)).toBe(3000);
	});

	it('reads retry-after in seconds', () => {
		expect(parseRetryAfterMs({ 'retry-after': '7' }, now)).toBe(7000);
		expect(parseRetryAfterMs({ 'retry-after': '0' }, now)).toBe(0);
		expect(parseRetryAfterMs({ 'retry-after': '1.5' }, now)).toBe(1500);
	});

	it('reads retry-after as an HTTP date relative to now', () => {
		expect(parseRetryAfterMs({ 'retry-after': 'Sun, 01 Mar 2026 12:00:45 GMT' }, now)).toBe(45_000);
		expect(parseRetryAfterMs({ 'retry-after': 'Sun, 01 Mar 2026 11:59:00 GMT' }, now)).toBe(0);
	});

	it('reads an HTTP date against the time it is handed', () => {
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		const delay = parseRetryAfterMs({ 'retry-after': inTenSeconds }, Date.now());
		expect(delay).toBeGreaterThan(8000);
		expect(delay).toBeLessThanOrEqual(10_000);
	});

	it('matches header names in any case and takes the first of repeated values', () => {
		expect(parseRetryAfterMs({ 'Retry-After-Ms': '900' }, now)).toBe(900);
		expect(parseRetryAfterMs({ 'RETRY-AFTER': ['4', '9'] }, now)).toBe(4000);
		expect(parseRetryAfterMs({ 'retry-after': ' 2 ' }, now)).toBe(2000);
	});

	it.each([
		{},
		{ 'retry-after': undefined },
		{ 'retry-after': '' },
		{ 'retry-after': [] as string[] },
		{ 'retry-after': 'later' },
		{ 'retry-after': '-5' },
		{ 'retry-after-ms': '-5' },
		{ 'x-request-id': 'req_1' },
	])('undefined for %p', (headers) => {
		expect(parseRetryAfterMs(headers, now)).toBeUndefined();
	});
});

describe('parsePollAfterMs', () => {
	it('reads openai-poll-after-ms in any case', () => {
		expect(parsePollAfterMs({ 'openai-poll-after-ms': '2000' })).toBe(2000);
		expect(parsePollAfterMs({ 'OpenAI-Poll-After-Ms': ['750'] })).toBe(750);
		expect(parsePollAfterMs({ 'openai-poll-after-ms': '0' })).toBe(0);
	});

	it.each([
		{},
		{ 'openai-poll-after-ms': 'soon' },
		{ 'openai-poll-after-ms': '' },
		{ 'poll-after-ms': '100' },
	])('undefined for %p', (headers) => {
		expect(parsePollAfterMs(headers)).toBeUndefined();
	});
});

describe('predictedCompletionDelayMs', () => {
	const { predictedCompletionDelayMs } = jest.requireActual(
		'../../nodes/Sora/domain/schedule',
	) as typeof import('../../nodes/Sora/domain/schedule');
	test('extrapolates the progress rate to 100% and adds a little slack', () => {
		expect(predictedCompletionDelayMs({ atMs: 0, progress: 0 }, { atMs: 1000, progress: 40 })).toBe(
			1650,
		);
		expect(
			predictedCompletionDelayMs({ atMs: 0, progress: 20 }, { atMs: 60_000, progress: 50 }),
		).toBe(100_150);
	});
	test('never proposes less than 250 ms', () => {
		expect(
			predictedCompletionDelayMs({ atMs: 0, progress: 0 }, { atMs: 1000, progress: 99.99 }),
		).toBe(250);
	});
	test('gives nothing without a rising progress', () => {
		expect(
			predictedCompletionDelayMs({ atMs: 0, progress: 0 }, { atMs: 1000, progress: 0 }),
		).toBeUndefined();
		expect(
			predictedCompletionDelayMs({ atMs: 0, progress: 30 }, { atMs: 0, progress: 30 }),
		).toBeUndefined();
		expect(
			predictedCompletionDelayMs({ atMs: 0, progress: 50 }, { atMs: 1000, progress: 40 }),
		).toBeUndefined();
		expect(
			predictedCompletionDelayMs({ atMs: 0, progress: 0 }, { atMs: 1000, progress: 100 }),
		).toBeUndefined();
	});
});

describe('progressRateBase', () => {
	const { progressRateBase } = jest.requireActual(
		'../../nodes/Sora/domain/schedule',
	) as typeof import('../../nodes/Sora/domain/schedule');
	test('measures from the last sample at 0 until a second sample with progress, then from the first with progress', () => {
		const history = {};
		const queued = { atMs: 0, progress: 0 };
		const stillQueued = { atMs: 30_000, progress: 0 };
		const started = { atMs: 40_000, progress: 10 };
		expect(progressRateBase(history, queued)).toBeUndefined();
		expect(progressRateBase(history, stillQueued)).toBeUndefined();
		expect(progressRateBase(history, started)).toBe(stillQueued);
		// a long queue no longer slows the predicted rate down once progress has been seen twice
		expect(progressRateBase(history, { atMs: 50_000, progress: 30 })).toBe(started);
	});
	test('a video first seen already running has no rate until its next sample', () => {
		const history = {};
		const running = { atMs: 0, progress: 40 };
		expect(progressRateBase(history, running)).toBeUndefined();
		expect(progressRateBase(history, { atMs: 1000, progress: 50 })).toBe(running);
	});
});
