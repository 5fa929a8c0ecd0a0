import { HeldPastDeadlineError, RequestBudget } from '../../nodes/Sora/transport/requestBudget';

function clock(start = 1_000_000) {
	let now = start;
	const advance = (ms: number) => (now += ms);
	return { now: () => now, advance, pause: async (ms: number) => void advance(ms) };
}

describe('the request budget shared by an execution', () => {
	test('Max Requests per Minute holds requests back until the window (a minute plus a margin) allows them', async () => {
		const time = clock();
		const budget = new RequestBudget(3, time);
		for (let i = 0; i < 3; i++) {
			expect(budget.msUntilAllowed()).toBe(0);
			await budget.beforeRequest(undefined);
			time.advance(1000);
		}
		expect(budget.msUntilAllowed()).toBe(58_000);
		time.advance(58_000);
		expect(budget.msUntilAllowed()).toBe(0);
	});

	test('a request the cap would hold past its deadline is refused at once and not counted', async () => {
		const time = clock();
		const budget = new RequestBudget(1, time);
		await budget.beforeRequest(undefined, time.now() + 1000);
		await expect(budget.beforeRequest(undefined, time.now() + 30_000)).rejects.toBeInstanceOf(
			HeldPastDeadlineError,
		);
		expect(budget.requestsSent).toBe(1);
	});

	test('no cap and no rate limit: requests are never held back and nothing is remembered', async () => {
		const budget = new RequestBudget(undefined);
		for (let i = 0; i < 1000; i++) await budget.beforeRequest(undefined);
		expect(budget.msUntilAllowed()).toBe(0);
		expect(budget.requestsSent).toBe(1000);
	});

	test('a rate-limit episode slows all polling once; successes speed it up again gently', () => {
		const time = clock();
		const budget = new RequestBudget(undefined, time);
		budget.afterResponse(429, undefined);
		expect(budget.pollSlowdown).toBe(2);
		time.advance(1000);
		budget.afterResponse(429, 1000);
		expect(budget.pollSlowdown).toBe(2);
		time.advance(5000);
		budget.afterResponse(429, undefined);
		expect(budget.pollSlowdown).toBe(4);
		for (let i = 0; i < 5; i++) budget.afterResponse(200, undefined);
		expect(budget.pollSlowdown).toBeCloseTo(4 * 0.9 ** 5);
		for (let i = 0; i < 50; i++) budget.afterResponse(200, undefined);
		expect(budget.pollSlowdown).toBe(1);
	});

	test('a retry-after of 2 s or more pauses every request; a shorter one only the refused request', () => {
		const time = clock();
		const budget = new RequestBudget(undefined, time);
		budget.afterResponse(429, 1000);
		expect(budget.msUntilAllowed()).toBe(0);
		budget.afterResponse(429, 3000);
		expect(budget.msUntilAllowed()).toBe(3000);
		budget.afterResponse(429, 600_000);
		expect(budget.msUntilAllowed()).toBe(60_000);
	});

	test('the slowdown is capped at 8×', () => {
		const time = clock();
		const budget = new RequestBudget(undefined, time);
		for (let i = 0; i < 10; i++) {
			budget.afterResponse(429, undefined);
			time.advance(5000);
		}
		expect(budget.pollSlowdown).toBe(8);
	});
});
