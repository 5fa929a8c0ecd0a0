import { pause } from './pause';

/**
 * The one source of time for the node's own code: what time it is, and a pause that ends early
 * when `signal` is aborted or `wakeUp` settles. n8n runs on the system clock; tests hand in
 * another (a fake one advances at once instead of waiting).
 */
export interface Clock {
	now(): number;
	pause(ms: number, signal?: AbortSignal, wakeUp?: Promise<unknown>): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	pause: async (ms, signal, wakeUp) => await pause(ms, signal, wakeUp),
};
