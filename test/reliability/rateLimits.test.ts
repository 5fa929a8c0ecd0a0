/**
 * Rate limits and request caps against the wait. Found with the soak (at 4190598 a 429 halved the
 * execution's rate and the soak with every fault kind at 10% crawled: 18 of 200 videos in 10 min,
 * the run 400 s past its timeout; db0390e removed the adaptive cap).
 */
import { performance } from 'node:perf_hooks';

import { RequestBudget } from '../../nodes/Sora/transport/requestBudget';
import { startNode } from '../harness/runNode';
import { createParams, useReferenceServer } from '../node/setup';

const api = useReferenceServer({ generationMs: 500 });

/** Runs until done or `limitMs`; cancels after it. Answers the wall time and whether it ended. */
async function timed(parameters: ReturnType<typeof createParams>, items: number, limitMs: number) {
	const started = performance.now();
	const running = startNode({
		credentials: api.credentials,
		parameters,
		items: Array.from({ length: items }, () => ({ json: {} })),
		continueOnFail: true,
	});
	let timer: NodeJS.Timeout | undefined;
	const outcome = await Promise.race([
		running.result,
		new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), limitMs))),
	]);
	clearTimeout(timer);
	if (!outcome) {
		running.cancel();
		await running.result.catch(() => undefined);
	}
	return { ended: outcome !== null, ms: performance.now() - started, result: outcome };
}

describe('rate limits and the wait', () => {
	test('baseline: 16 items at Max Concurrent Jobs 16, no fault, all complete', async () => {
		const run = await timed(
			createParams({ waitOptions: { maxConcurrentJobs: 16, pollIntervalSeconds: 1 } }),
			16,
			20_000,
		);
		expect(run.ended).toBe(true);
		expect(run.result?.items.every((item) => item.json.status === 'completed' && item.binary)).toBe(
			true,
		);
	}, 30_000);

	// Was a bug: creates held back by the request budget at the deadline went out after the
	// timeout. Now a create the budget cannot send before the deadline fails "Not started" at once.
	test('at the Timeout, creates still held back by the request budget are not sent and the run ends', async () => {
		const run = await timed(
			createParams({
				prompt: 'slow [gen=60000]',
				options: { maxRequestsPerMinute: 2 },
				waitOptions: { maxConcurrentJobs: 5, pollIntervalSeconds: 1, timeoutMinutes: 0.02 },
			}),
			5,
			20_000,
		);
		const creates = api.requests({ method: 'POST', path: /^\/videos$/ }).length;
		expect({ ended: run.ended, creates }).toEqual({ ended: true, creates: 2 });
		expect(
			run.result?.items.filter((item) => /Not started/.test(String(item.json.error))),
		).toHaveLength(3);
	}, 40_000);
});

describe('the request budget under a burst of 429s', () => {
	// Found by the soak with rate-limit faults (at 4190598 every 429 halved the execution's rate:
	// 13 requests a minute, 18 of 200 videos in 10 min, the run 400 s past its timeout). Since
	// db0390e the answers to one burst are one episode. A guard that it stays so.
	test('five 429s (retry-after 1 s) answering one burst of 40 requests slow polling once and hold nothing back', async () => {
		let now = 1_000_000;
		const budget = new RequestBudget(undefined, { now: () => now, pause: async () => undefined });
		for (let i = 0; i < 40; i++) {
			await budget.beforeRequest(undefined);
			now += 10;
		}
		for (let i = 0; i < 5; i++) budget.afterResponse(429, 1000);
		expect(budget.pollSlowdown).toBe(2);
		expect(budget.msUntilAllowed()).toBe(0);
	});
});
