/**
 * Runs one fuzz case in n8n-core's engine with a time limit and judges its outcome: a clear
 * error (message, error item) or a normal result passes; a hang, a rejected run, an error
 * that is a raw JavaScript failure, an empty message or a timer overflow does not.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { startNode, type RunOptions, type RunResult } from '../harness/runNode';

/** Messages that are a JavaScript failure leaking out, not an explanation for the user. */
export const RAW_JS_ERROR =
	/Cannot read propert|Cannot set propert|Cannot convert|is not a function|is not iterable|is not a constructor|Maximum call stack|Invalid (array|string) length|argument must be of type|Unexpected token|ERR_[A-Z_]{4,}/;
/** A value of the wrong type shown as JavaScript prints it: understandable only to a developer. */
export const OBJECT_IN_MESSAGE = /\[object Object\]/;

export interface CaseOutcome {
	/** `ok-object-in-message`: a clear error that shows a wrong-typed value as "[object Object]" (reported, not failed). */
	verdict: 'ok' | 'ok-object-in-message' | 'hang' | 'rejected' | 'unclear-error' | 'timer-overflow';
	detail: string;
	ms: number;
}

/** Timers asked for more than 2^31-1 ms: Node fires them after 1 ms (with a TimeoutOverflowWarning). */
let overflowWarnings = 0;
const MAX_TIMER_MS = 2 ** 31 - 1;
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((
	handler: (...args: unknown[]) => void,
	delay?: number,
	...args: unknown[]
) => {
	if (typeof delay === 'number' && delay > MAX_TIMER_MS) overflowWarnings++;
	return realSetTimeout(handler, delay, ...args);
}) as typeof setTimeout;

function messageProblem(message: unknown): string | undefined {
	if (typeof message !== 'string' || message.trim() === '')
		return `empty message (${JSON.stringify(message)})`;
	if (RAW_JS_ERROR.test(message)) return `raw JavaScript error: ${message.slice(0, 300)}`;
	return undefined;
}

/** The messages of a run: the run error and the error items (video objects carry `error: null` and are not error items). */
function messagesOf(result: RunResult): { messages: string[]; problems: string[] } {
	const messages: string[] = [];
	const problems: string[] = [];
	if (result.error) {
		messages.push(String(result.error.message));
		const problem = messageProblem(result.error.message);
		if (problem) problems.push(`run error: ${problem}`);
	}
	for (const item of result.items as INodeExecutionData[]) {
		if (!item || typeof item.json !== 'object') {
			problems.push('an output item without json');
			continue;
		}
		const error = item.json.error;
		if (error === undefined || error === null) continue;
		if (typeof error === 'string') messages.push(error);
		const problem = messageProblem(error);
		if (problem) problems.push(`error item: ${problem}`);
	}
	return { messages, problems };
}

export async function runCase(
	options: RunOptions,
	limitMs: number,
): Promise<CaseOutcome & { result?: RunResult }> {
	const started = Date.now();
	const warningsBefore = overflowWarnings;
	const running = startNode(options);
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<'late'>(
		(resolve) => (timer = setTimeout(() => resolve('late'), limitMs)),
	);
	let result: RunResult | 'late';
	try {
		result = await Promise.race([running.result, late]);
	} catch (error) {
		clearTimeout(timer);
		// n8n itself refuses to start a workflow whose required parameters are empty: a clear error, not the node's.
		if (
			(error as Error)?.name === 'WorkflowHasIssuesError' ||
			/node has issues/.test(String((error as Error)?.message))
		) {
			return {
				verdict: 'ok',
				detail: `n8n refused: ${(error as Error).message.slice(0, 120)}`,
				ms: Date.now() - started,
			};
		}
		return {
			verdict: 'rejected',
			detail: String((error as Error)?.stack ?? error).slice(0, 500),
			ms: Date.now() - started,
		};
	}
	clearTimeout(timer);
	const ms = Date.now() - started;
	if (result === 'late') {
		running.cancel();
		await running.result.catch(() => undefined);
		return { verdict: 'hang', detail: `no result after ${limitMs} ms`, ms };
	}
	if (overflowWarnings > warningsBefore) {
		return {
			verdict: 'timer-overflow',
			detail: `${overflowWarnings - warningsBefore} TimeoutOverflowWarnings (a timer above 2^31-1 ms fired after 1 ms)`,
			ms,
			result,
		};
	}
	const { messages, problems } = messagesOf(result);
	if (problems.length)
		return { verdict: 'unclear-error', detail: problems.join('; ').slice(0, 600), ms, result };
	const objectShown = messages.find((message) => OBJECT_IN_MESSAGE.test(message));
	if (objectShown)
		return { verdict: 'ok-object-in-message', detail: objectShown.slice(0, 200), ms, result };
	return {
		verdict: 'ok',
		detail: result.error
			? `error: ${result.error.message.slice(0, 120)}`
			: `${result.items.length} items`,
		ms,
		result,
	};
}
