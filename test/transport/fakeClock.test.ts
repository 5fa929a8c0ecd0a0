/**
 * The node's own waits at n8n's real timing, in no time: a fake clock handed to the client (the
 * same TimeSource n8n's node gets from its constructor) advances at each pause instead of waiting.
 * n8n's helpers are replaced by a recorder, so nothing goes to the network either.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import type { Clock } from '../../nodes/base/clock';
import { DEFAULT_TIMING } from '../../nodes/base/timing';
import { SoraClient } from '../../nodes/Sora/transport/client';
import { POLICIES } from '../../nodes/Sora/transport/retryPolicy';

class FakeClock implements Clock {
	constructor(public time = Date.parse('2026-12-07T10:00:00Z')) {}

	now(): number {
		return this.time;
	}

	async pause(ms: number, signal?: AbortSignal): Promise<void> {
		// A pause without end (the request watch with no idle timeout) waits for its signal only.
		if (!Number.isFinite(ms)) {
			await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()));
			return;
		}
		this.time += Math.max(0, ms);
	}
}

function recordingContext(clock: FakeClock, status: number, headers: Record<string, string> = {}) {
	const sentAt: number[] = [];
	const answer = async (_type: string, _options: IHttpRequestOptions) => {
		sentAt.push(clock.now());
		return { statusCode: status, headers, body: '{"error":{"message":"busy"}}' };
	};
	const ctx = {
		getNode: () => ({ name: 'Sora', type: 'n8n-nodes-sora.sora', typeVersion: 1 }) as never,
		getCredentials: async () =>
			({ baseUrl: 'https://gateway.example.com/v1', apiKey: 'sk-1' }) as never,
		logger: { debug: () => undefined, warn: () => undefined, info: () => undefined } as never,
		helpers: {
			httpRequestWithAuthentication: answer,
			httpRequest: async (options: IHttpRequestOptions) => await answer('', options),
		},
	};
	return { ctx, sentAt };
}

test("a status check that keeps answering 503 is tried 6 times on n8n's back-off: 0.5, 1, 2, 4, 8 s", async () => {
	const clock = new FakeClock();
	const { ctx, sentAt } = recordingContext(clock, 503);
	const client = await SoraClient.connect(ctx, {
		time: { clock, timing: DEFAULT_TIMING },
		idleTimeoutMs: Infinity,
	});
	const started = Date.now();
	const sent = await client.send(
		{ method: 'GET', route: { operation: 'Get', videoId: 'video_1' } },
		POLICIES.read,
		{},
	);
	expect(sent).toHaveProperty('refused');
	expect(sentAt.slice(1).map((at, index) => at - sentAt[index])).toEqual([
		500, 1000, 2000, 4000, 8000,
	]);
	expect(Date.now() - started).toBeLessThan(5_000);
});

test("a 429's Retry-After is waited as the host asks, up to the rate-limit policy's 12 tries", async () => {
	const clock = new FakeClock();
	const { ctx, sentAt } = recordingContext(clock, 429, { 'retry-after': '3' });
	const client = await SoraClient.connect(ctx, {
		time: { clock, timing: DEFAULT_TIMING },
		idleTimeoutMs: Infinity,
	});
	await client.send({ method: 'GET', route: { operation: 'List' } }, POLICIES.read, {});
	expect(sentAt).toHaveLength(12);
	// The budget pauses every request for a Retry-After of 2 s or more: each gap is at least 3 s.
	expect(sentAt.slice(1).every((at, index) => at - sentAt[index] >= 3000)).toBe(true);
});
