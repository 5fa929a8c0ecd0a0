import { performance } from 'node:perf_hooks';

import { runNode } from '../test/harness/runNode';
import { createParams } from '../test/node/setup';
import type { ReferenceServer } from '../test/server';
import { firstCompletedAnswer, forgetCompletedAnswers, observeCompletedAnswers } from './observe';

export interface BatchCase {
	n: number;
	generationMs: number;
	maxConcurrentJobs: number;
	/** Wait Options → Poll Interval (Seconds); 10 is the node's default. */
	pollIntervalSeconds: number;
	/** Host hint `openai-poll-after-ms` on every status answer, when set. */
	pollAfterMs?: number;
}

export interface Stat {
	mean: number;
	median: number;
	max: number;
}

export interface BatchResult extends BatchCase {
	wallMs: number;
	/** wall / T */
	wallOverT: number;
	/** ⌈N/c⌉·T: the best a batch can do when generation is the only cost. */
	idealMs: number;
	wallOverIdeal: number;
	/** GET /videos/{id} per video (create answers not counted). */
	statusPollsPerVideo: Stat;
	/** Per video: first "completed" status answer − the moment the job completed on the server. */
	detectionLatencyMs: Stat;
	/** Node returned − the last job's completion (detection + download + n8n's bookkeeping). */
	tailMs: number;
	creates: number;
	downloads: number;
	okItems: number;
	contractViolations: number;
}

function stat(values: number[]): Stat {
	if (values.length === 0) return { mean: 0, median: 0, max: 0 };
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return {
		mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
		median,
		max: sorted[sorted.length - 1],
	};
}

const STATUS_PATH = /^\/videos\/(video_[^/]+)$/;

/** Runs one batch through the node (Create, Wait for Completion, Download Video) and measures it. */
export async function runBatch(server: ReferenceServer, spec: BatchCase): Promise<BatchResult> {
	observeCompletedAnswers();
	server.reset();
	forgetCompletedAnswers();
	server.setOptions({ generationMs: spec.generationMs, pollAfterMs: spec.pollAfterMs });

	const parameters = createParams({
		prompt: 'A paper boat on a rainy street',
		waitForCompletion: true,
		downloadVideo: true,
		waitOptions: {
			maxConcurrentJobs: spec.maxConcurrentJobs,
			pollIntervalSeconds: spec.pollIntervalSeconds,
		},
	});
	const items = Array.from({ length: spec.n }, (_, index) => ({ json: { index } }));

	const started = performance.now();
	const { items: output, error } = await runNode({
		parameters,
		items,
		credentials: { apiKey: 'sk-test', baseUrl: server.url },
	});
	const wallMs = performance.now() - started;
	const returnedAt = Date.now();
	if (error) throw new Error(`batch N=${spec.n} c=${spec.maxConcurrentJobs}: ${error.message}`);

	const videos = [...server.videos.values()];
	const polls = new Map<string, number>(videos.map((video) => [video.id, 0]));
	let downloads = 0;
	for (const request of server.requests) {
		if (request.method !== 'GET') continue;
		const id = STATUS_PATH.exec(request.path)?.[1];
		if (id) polls.set(id, (polls.get(id) ?? 0) + 1);
		if (request.path.endsWith('/content')) downloads++;
	}
	const latencies = videos.map((video) => {
		const seen = firstCompletedAnswer(video.id);
		if (seen === undefined) throw new Error(`video ${video.id} was never answered as completed`);
		return seen - video.finishMs;
	});
	const lastFinish = Math.max(...videos.map((video) => video.finishMs));
	const idealMs = Math.ceil(spec.n / spec.maxConcurrentJobs) * spec.generationMs;

	return {
		...spec,
		wallMs,
		wallOverT: wallMs / spec.generationMs,
		idealMs,
		wallOverIdeal: wallMs / idealMs,
		statusPollsPerVideo: stat([...polls.values()]),
		detectionLatencyMs: stat(latencies),
		tailMs: returnedAt - lastFinish,
		creates: server.createCount,
		downloads,
		okItems: output.filter((item) => item.json.status === 'completed' && item.binary?.data).length,
		contractViolations: server.contractViolations.length,
	};
}
