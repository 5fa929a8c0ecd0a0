import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_POLL_INTERVAL_MS } from '../domain/schedule';
import type { WaitOptions } from '../engine/waitForVideos';
import { nodeLevelOption } from './budgetCap';

const NODE_LEVEL_WAIT_OPTIONS: Record<string, string> = {
	maxConcurrentJobs: 'Max Concurrent Jobs',
	onTimeout: 'On Timeout',
	pollIntervalSeconds: 'Poll Interval',
	timeoutMinutes: 'Timeout',
};

/** Wait Options (but Max Download Size, read per item) are settings of the node: the same for every item. */
export function readWaitOptions(ctx: IExecuteFunctions, itemCount = 1): WaitOptions {
	const options = Object.fromEntries(
		Object.entries(NODE_LEVEL_WAIT_OPTIONS).map(([name, displayName]) => [
			name,
			nodeLevelOption(ctx, 'waitOptions', name, displayName, itemCount),
		]),
	) as IDataObject;
	const positive = (value: unknown, fallback: number) =>
		Number(value) > 0 ? Number(value) : fallback;
	return {
		maxConcurrentJobs: Math.floor(positive(options.maxConcurrentJobs, 8)) || 1,
		pollIntervalMs: positive(options.pollIntervalSeconds, DEFAULT_POLL_INTERVAL_MS / 1000) * 1000,
		followHostPace: !(Number(options.pollIntervalSeconds) > 0),
		timeoutMs: positive(options.timeoutMinutes, 15) * 60_000,
		onTimeout: options.onTimeout === 'outputState' ? 'outputState' : 'error',
	};
}
