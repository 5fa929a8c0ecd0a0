import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ExecutionCancelledError } from '../Sora/helpers/sleep';
import { scopeSuffix } from '../Sora/transport/apiError';

export type NodeError = NodeApiError | NodeOperationError;

/** Any failure of an item as n8n's error, naming the item (a cancelled execution names none). */
export function asNodeError(ctx: Pick<IExecuteFunctions, 'getNode'>, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof ExecutionCancelledError) return new NodeOperationError(ctx.getNode(), error.message);
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), `${message}${scopeSuffix({ itemIndex })}`, { itemIndex });
}

/** The Continue On Fail item: the error's message and description, plus the video id when one exists. */
export function errorItem(error: NodeError, itemIndex: number, extra: IDataObject = {}): INodeExecutionData {
	const json: IDataObject = { error: error.message, ...extra };
	if (error.description) json.errorDescription = error.description;
	if ('httpCode' in error && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The one per-item loop: runs `one` for each item in turn; a failing item stops the run, or
 * under Continue On Fail becomes an error item (with `extraOnError`'s fields) and the next item runs.
 */
export async function forEachItem<T>(
	ctx: Pick<IExecuteFunctions, 'getNode' | 'continueOnFail'>,
	items: readonly T[],
	one: (item: T, itemIndex: number) => Promise<INodeExecutionData | INodeExecutionData[]>,
	extraOnError: (item: T, itemIndex: number) => IDataObject = () => ({}),
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await one(items[itemIndex], itemIndex);
			output.push(...(Array.isArray(result) ? result : [result]));
		} catch (error) {
			const nodeError = asNodeError(ctx, error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			output.push(errorItem(nodeError, itemIndex, extraOnError(items[itemIndex], itemIndex)));
		}
	}
	return output;
}
