import { RequestBudget } from '../../nodes/Sora/transport/requestBudget';

function clock(start = 1_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function send(budget: RequestBudget, time: ReturnType<typeof clock>, count: number, spacingMs = 0) {
	for (let i = 0; i < count; i++) {
		await budget.beforeRequest(undefined);
		time.advance(spacingMs);
	}
}

describe('the request budget shared by an execution', () => {
	test('Max Requests per Minute holds requests back until the window (a minute plus a margin) allows them', async () => {
		const time = clock();
		const budget = new RequestBudget(3, time.now);
		for (let i = 0; i < 3; i++) {
			expect(budget.msUntilAllowed()).toBe(0);
			await send(budget, time, 1, 1000);
		}
		expect(budget.msUntilAllowed()).toBe(58_000);
		time.advance(58_000);
		expect(budget.msUntilAllowed()).toBe(0);
	});

	test('no cap and no rate limit: requests are never held back', async () => {
		const time = clock();
		const budget = new RequestBudget(undefined, time.now);
		await send(budget, time, 1000, 10);
		expect(budget.msUntilAllowed()).toBe(0);
		expect(budget.requestsSent).toBe(1000);
		expect(budget.currentLimitPerMinute).toBeUndefined();
	});

	test('a 429 pauses every request, halves the rate of the last minute and slows all polling', async () => {
		const time = clock();
		const budget = new RequestBudget(undefined, time.now);
		await send(budget, time, 40, 500);
		budget.afterResponse(429, 3000);
		expect(budget.currentLimitPerMinute).toBe(20);
		// 40 sent over the last 20 s: the 21st oldest must leave the window first.
		expect(budget.msUntilAllowed()).toBe(51_000);
		expect(budget.pollSlowdown).toBe(2);
		budget.afterResponse(429, undefined);
		expect(budget.currentLimitPerMinute).toBe(10);
		expect(budget.pollSlowdown).toBe(4);
		expect(budget.msUntilAllowed()).toBe(56_000);
	});

	test('successes raise the rate again gently until the limit is lifted', async () => {
		const time = clock();
		const budget = new RequestBudget(undefined, time.now);
		await send(budget, time, 40, 500);
		budget.afterResponse(429, 1000);
		budget.afterResponse(200, undefined);
		expect(budget.currentLimitPerMinute).toBeCloseTo(22);
		for (let i = 0; i < 30 && budget.currentLimitPerMinute !== undefined; i++) budget.afterResponse(200, undefined);
		expect(budget.currentLimitPerMinute).toBeUndefined();
		expect(budget.pollSlowdown).toBeLessThan(2);
	});

	test('the adaptive rate never falls below 6 a minute, the cap of the user stays in force', async () => {
		const time = clock();
		const budget = new RequestBudget(4, time.now);
		await send(budget, time, 2, 1000);
		for (let i = 0; i < 10; i++) budget.afterResponse(429, 600_000);
		expect((budget as unknown as { adaptivePerMinute: number }).adaptivePerMinute).toBe(6);
		expect(budget.pollSlowdown).toBe(8);
		expect(budget.msUntilAllowed()).toBe(60_000);
		expect(budget.currentLimitPerMinute).toBe(4);
	});
});
