import { performance } from 'node:perf_hooks';

import { runNode } from '../test/harness/runNode';
import { createParams } from '../test/node/setup';
import { startReferenceServer } from '../test/server';

export interface RpmResult {
	label: string;
	items: number;
	generationMs: number;
	nodeCapPerMinute: number | null;
	hostLimitPerMinute: number | null;
	wallMs: number;
	/** Status checks + downloads (creates not counted: the cap is on polling and downloads). */
	pollAndDownloadRequests: number;
	/** Most poll and download requests that fell within any 60 s window of the run. */
	maxPerMinute: number;
	rateLimited429: number;
	okItems: number;
}

const WINDOW_MS = 60_000;

function maxInWindow(times: number[]): number {
	let best = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= WINDOW_MS) start++;
		best = Math.max(best, end - start + 1);
	}
	return best;
}

/**
 * Rate-limit-aware polling: N gateway videos polled every ~1 s, once under the node's own
 * Max Requests per Minute, once against a host that answers 429 above its requests-per-minute limit.
 */
export async function runRpmCase(spec: {
	label: string;
	items: number;
	generationMs: number;
	nodeCap?: number;
	hostLimit?: number;
}): Promise<RpmResult> {
	const server = await startReferenceServer({
		mode: 'gateway',
		generationMs: spec.generationMs,
		rpmLimit: spec.hostLimit,
	});
	const sentAt: number[] = [];
	const record = server.requests.push.bind(server.requests);
	server.requests.push = (...requests) => {
		for (const request of requests) if (request.method === 'GET') sentAt.push(performance.now());
		return record(...requests);
	};
	try {
		const started = performance.now();
		const { items } = await runNode({
			credentials: { apiKey: 'sk-test', baseUrl: server.url },
			continueOnFail: true,
			items: Array.from({ length: spec.items }, () => ({ json: {} })),
			parameters: createParams({
				model: { __rl: true, mode: 'id', value: 'gw-video-1' },
				duration: 5,
				size: '',
				options: { maxRequestsPerMinute: spec.nodeCap ?? 0 },
				waitOptions: { pollIntervalSeconds: 1, maxConcurrentJobs: 64, timeoutMinutes: 10 },
			}),
		});
		return {
			label: spec.label,
			items: spec.items,
			generationMs: spec.generationMs,
			nodeCapPerMinute: spec.nodeCap ?? null,
			hostLimitPerMinute: spec.hostLimit ?? null,
			wallMs: performance.now() - started,
			pollAndDownloadRequests: sentAt.length,
			maxPerMinute: maxInWindow(sentAt),
			rateLimited429: server.requests.filter((r) => r.status === 429).length,
			okItems: items.filter((item) => item.json.status === 'completed' && item.binary).length,
		};
	} finally {
		await server.close();
	}
}
