import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ExecutionCancelledError } from '../base/pause';
import { scopeSuffix } from '../base/errorScope';

export type NodeError = NodeApiError | NodeOperationError;

/** Any failure of an item as n8n's error, naming the item (a cancelled execution names none). */
export function asNodeError(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	error: unknown,
	itemIndex: number,
): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof ExecutionCancelledError)
		return new NodeOperationError(ctx.getNode(), error.message);
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), `${message}${scopeSuffix({ itemIndex })}`, {
		itemIndex,
	});
}

/**
 * The Continue On Fail item: the error's message and description, plus the video id when one exists.
 * n8n (1.85 to 2.x) sends an item to the error output ("Continue (using error output)") only when its
 * json holds nothing but `error` and `message`, and n8n replaces the json of an item carrying
 * `item.error` with `{ error: message }` (losing the video id); so under that setting the item is
 * `{ message, error: { message, description, httpCode, videoId, ... } }`, elsewhere it stays flat.
 */
export function errorItem(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	error: NodeError,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const details: IDataObject = {};
	if (error.description) details.errorDescription = error.description;
	if ('httpCode' in error && error.httpCode) details.httpCode = error.httpCode;
	if (ctx.getNode().onError === 'continueErrorOutput') {
		const { errorDescription, ...rest } = details;
		const described = errorDescription === undefined ? {} : { description: errorDescription };
		return {
			json: {
				message: error.message,
				error: { ...extra, message: error.message, ...described, ...rest },
			},
			pairedItem: { item: itemIndex },
		};
	}
	return { json: { error: error.message, ...extra, ...details }, pairedItem: { item: itemIndex } };
}

/**
 * The one per-item loop: runs `one` for each item in turn; a failing item stops the run, or under
 * Continue On Fail becomes its NodeError in the result and the next item runs.
 */
export async function tryEachItem<T, R>(
	ctx: Pick<IExecuteFunctions, 'getNode' | 'continueOnFail'>,
	items: readonly T[],
	one: (item: T, itemIndex: number) => Promise<R>,
): Promise<Array<R | NodeError>> {
	const results: Array<R | NodeError> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			results.push(await one(items[itemIndex], itemIndex));
		} catch (error) {
			const nodeError = asNodeError(ctx, error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			results.push(nodeError);
		}
	}
	return results;
}

function isNodeError(value: unknown): value is NodeError {
	return value instanceof NodeApiError || value instanceof NodeOperationError;
}

/** The item loop for operations that answer items at once: a failed item becomes an error item (with `extraOnError`'s fields). */
export async function forEachItem<T>(
	ctx: Pick<IExecuteFunctions, 'getNode' | 'continueOnFail'>,
	items: readonly T[],
	one: (item: T, itemIndex: number) => Promise<INodeExecutionData | INodeExecutionData[]>,
	extraOnError: (item: T, itemIndex: number) => IDataObject = () => ({}),
): Promise<INodeExecutionData[]> {
	const results = await tryEachItem(ctx, items, one);
	return results.flatMap((result, itemIndex) =>
		isNodeError(result)
			? [errorItem(ctx, result, itemIndex, extraOnError(items[itemIndex], itemIndex))]
			: Array.isArray(result)
				? result
				: [result],
	);
}
