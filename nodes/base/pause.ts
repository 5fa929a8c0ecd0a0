import { sleep } from 'n8n-workflow';

/** Longest timer Node keeps (2^31 − 1 ms); longer waits are taken in turns. */
const LONGEST_TIMER_MS = 2_147_483_647;

export class ExecutionCancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'ExecutionCancelledError';
	}
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new ExecutionCancelledError();
}

function whenAborted(signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal.aborted) resolve();
		else signal.addEventListener('abort', () => resolve(), { once: true });
	});
}

/**
 * Waits `ms` (Infinity: no timer at all), or less when `wakeUp` settles first, and rejects as
 * soon as the execution is cancelled. n8n-workflow's `sleep` takes an abort signal only from
 * 2.34 on, so the signal is raced here too for older versions; a local signal ends the
 * timer early where `sleep` supports it, so nothing keeps running after the wait.
 */
export async function pause(
	ms: number,
	signal: AbortSignal | undefined,
	wakeUp?: Promise<unknown>,
): Promise<void> {
	throwIfCancelled(signal);
	if (ms <= 0) return;
	const local = new AbortController();
	const stop = () => local.abort();
	signal?.addEventListener('abort', stop, { once: true });
	wakeUp?.then(stop, stop);
	try {
		const timer = Number.isFinite(ms)
			? [sleep(Math.min(ms, LONGEST_TIMER_MS), local.signal).catch(() => undefined)]
			: [];
		await Promise.race([...timer, whenAborted(local.signal)]);
	} finally {
		signal?.removeEventListener('abort', stop);
		local.abort();
	}
	throwIfCancelled(signal);
}
