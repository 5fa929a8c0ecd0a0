import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { SoraClient } from '../transport/client';
import { forEachItem } from '../../shared/itemErrors';
import type { ItemOperation } from './types';

function toItem(result: object, itemIndex: number): INodeExecutionData {
	const item =
		'json' in result
			? (result as INodeExecutionData)
			: { json: result as INodeExecutionData['json'] };
	return { ...item, pairedItem: { item: itemIndex } };
}

/** Runs a one-request-per-item operation over all items; a failing item never stops the others under Continue On Fail. */
export async function runItems(
	this: IExecuteFunctions,
	client: SoraClient,
	operation: ItemOperation,
): Promise<INodeExecutionData[]> {
	return await forEachItem(this, this.getInputData(), async (_item, itemIndex) => {
		const results = await operation.execute.call(this, client, itemIndex);
		return results.map((result) => toItem(result, itemIndex));
	});
}
