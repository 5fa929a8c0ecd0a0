import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ExecutionCancelledError } from '../helpers/sleep';

export type NodeError = NodeApiError | NodeOperationError;

export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof ExecutionCancelledError) return new NodeOperationError(ctx.getNode(), error.message);
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), `${message} [item ${itemIndex}]`, { itemIndex });
}

/** The Continue On Fail item: the error's message and description, plus the video id when one exists. */
export function errorItem(error: NodeError, itemIndex: number, extra: IDataObject = {}): INodeExecutionData {
	const json: IDataObject = { error: error.message, ...extra };
	if (error.description) json.errorDescription = error.description;
	if ('httpCode' in error && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}
