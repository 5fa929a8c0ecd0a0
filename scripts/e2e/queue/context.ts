/** What the queue-mode cases share, and reading the workers' logs ("Worker started execution N"). */
import { readFileSync, statSync } from 'node:fs';
import type { ReferenceServer } from '../../../test/server';
import type { N8nRuntime } from '../provision';
import type { QueueCluster } from './cluster';

export interface QueueContext {
	cluster: QueueCluster;
	runtime: N8nRuntime;
	/** The reference server, in this process (its request log counts creates and downloads). */
	server: ReferenceServer;
	apiKey: string;
	secret: string;
	/** main's auth cookie. */
	cookie: string;
	/** Creates a video straight on the reference server; resolves with its id once it is completed. */
	createVideo(prompt: string): Promise<string>;
	/** Figures for the summary and the README. */
	figures: Record<string, unknown>;
}

/** Where each worker's log ends now. */
export function workerLogMarks(cluster: QueueCluster): number[] {
	return cluster.workers.map((w) => sizeOf(w.inst.logFile));
}

/** The execution ids each worker logged as started since `marks`. */
export function startedExecutions(cluster: QueueCluster, marks: number[]): string[][] {
	return cluster.workers.map((w, i) => {
		const text = readFileSync(w.inst.logFile).subarray(marks[i]).toString('utf8');
		return [...text.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
	});
}

function sizeOf(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}
