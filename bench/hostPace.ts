import { performance } from 'node:perf_hooks';

import { runNode } from '../test/harness/runNode';
import { createParams } from '../test/node/setup';
import { startReferenceServer } from '../test/server';

export interface HostPaceResult {
	label: string;
	items: number;
	generationMs: number;
	refreshMs: number;
	hostType: string;
	wallMs: number;
	statusPollsPerVideo: number[];
	targetPolls: number;
	okItems: number;
}

/**
 * A new-api gateway whose task table refreshes every 15 s: with Poll Interval left unset the node
 * polls at the host's pace (target ≤ T / 15 s + 2 status checks per video), Host Type Auto
 * (recognised from the first answer) and Host Type new-api alike.
 */
export async function runHostPaceCase(
	hostType: 'auto' | 'newApi',
	items = 4,
	generationMs = 60_000,
	refreshMs = 15_000,
): Promise<HostPaceResult> {
	const server = await startReferenceServer({ mode: 'newapi', generationMs, refreshMs });
	try {
		const started = performance.now();
		const { items: output } = await runNode({
			credentials: { apiKey: 'sk-test', baseUrl: server.url, hostType },
			parameters: createParams({ waitOptions: { timeoutMinutes: 5 } }),
			items: Array.from({ length: items }, (_, index) => ({ json: { index } })),
			continueOnFail: true,
		});
		const wallMs = performance.now() - started;
		const polls = new Map<string, number>();
		for (const request of server.requests) {
			const match = request.method === 'GET' && /^\/videos\/(task_\w+)$/.exec(request.path);
			if (match) polls.set(match[1], (polls.get(match[1]) ?? 0) + 1);
		}
		return {
			label: `new-api, refresh ${refreshMs / 1000} s, Host Type ${hostType}`,
			items,
			generationMs,
			refreshMs,
			hostType,
			wallMs,
			statusPollsPerVideo: [...polls.values()],
			targetPolls: generationMs / refreshMs + 2,
			okItems: output.filter((item) => item.json.status === 'completed' && item.binary).length,
		};
	} finally {
		await server.close();
	}
}
