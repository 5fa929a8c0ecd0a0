/**
 * Retry budgets at the edges: a host that cannot be reached at all, and a host that keeps
 * answering transient errors to a request that is safe to repeat. Found by the soak run
 * (bench/soak.ts) and the secrets test.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startNode } from '../harness/runNode';
import { createParams, useReferenceServer } from '../node/setup';

async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** Runs the node, cancelling the execution after `limitMs`; answers null when it had not ended by then. */
async function runWithin(options: Parameters<typeof startNode>[0], limitMs: number) {
	const running = startNode(options);
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), limitMs)));
	const result = await Promise.race([running.result, late]);
	clearTimeout(timer);
	if (result === null) {
		running.cancel();
		await running.result.catch(() => undefined);
	}
	return result;
}

describe('a host that refuses every connection', () => {
	test('Download fails after its retries with "could not be reached", naming the video', async () => {
		const port = await closedPort();
		const result = await runWithin(
			{
				parameters: { resource: 'video', operation: 'download', videoId: 'video_x' },
				credentials: { apiKey: 'k', baseUrl: `http://127.0.0.1:${port}/v1` },
			},
			90_000,
		);
		expect(result?.error?.message).toBe(
			'The host could not be reached: connection refused [item 0, video video_x]',
		);
	}, 100_000);

	// Get with Wait for Completion off is a read like any other: it fails after the transport's
	// retries, not after polling until the wait timeout (default 15 min).
	test('Get (Wait for Completion off) fails within the transport retries instead of polling until the wait timeout', async () => {
		const port = await closedPort();
		const result = await runWithin(
			{
				parameters: {
					resource: 'video',
					operation: 'get',
					videoId: 'video_x',
					waitForCompletion: false,
				},
				credentials: { apiKey: 'k', baseUrl: `http://127.0.0.1:${port}/v1` },
			},
			20_000,
		);
		expect(result).not.toBeNull();
		expect(result?.error?.message).toMatch(/could not be reached/);
	}, 30_000);
});

describe('a host that keeps answering transient errors', () => {
	const api = useReferenceServer({ generationMs: 300 });

	// A completed video is paid for: its download has the download policy's 12 attempts, not a read's 6
	// (found by the soak: 2 of 200 items at 10% faults).
	test('the download of a completed video outlasts 6 transient errors in a row while the wait has time left', async () => {
		api.server.injectFault({
			kind: 'server-error-503',
			method: 'GET',
			path: '/videos/{id}/content',
			count: 6,
		});
		const { items } = await api.run(
			createParams({ waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 2 } }),
			{ continueOnFail: true },
		);
		expect(items[0].json).toMatchObject({ status: 'completed', error: null });
		expect(items[0].binary?.data).toBeDefined();
	}, 40_000);

	test('...and when it does give up, the error names the video (its id is never lost)', async () => {
		api.server.injectFault({
			kind: 'server-error-503',
			method: 'GET',
			path: '/videos/{id}/content',
			count: 20,
		});
		const { items } = await api.run(createParams(), { continueOnFail: true });
		expect(items[0].json.videoId).toMatch(/^video_/);
		expect(String(items[0].json.error)).toContain(String(items[0].json.videoId));
	}, 120_000);

	// A 429 proves the job was not created, so a create is re-sent through a run of them
	// (found by the soak, 40 items).
	test('a create answered 429 six times in a row is re-sent until the host takes it (nothing was charged)', async () => {
		api.server.injectFault({ kind: 'rate-limit', method: 'POST', path: '/videos', count: 6 });
		const { items } = await api.run(
			createParams({ waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 2 } }),
			{ continueOnFail: true },
		);
		expect(items[0].json).toMatchObject({ status: 'completed', error: null });
		expect(api.server.createCount).toBe(1);
	}, 40_000);
});
