import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { RequestBudget } from '../transport/requestBudget';
import { SoraClient } from '../transport/client';
import { characterOperations } from './character';
import { optionsParam } from './inputs';
import { runItems } from './runItems';
import { runJobs } from './runJobs';
import { videoOperations } from './video';

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = (resource === 'character' ? characterOperations : videoOperations)[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const maxRequestsPerMinute = Number(optionsParam(this, 'waitOptions', 0).maxRequestsPerMinute ?? 0) || undefined;
	const client = await SoraClient.connect(this, new RequestBudget(maxRequestsPerMinute));
	const output =
		operation.kind === 'job'
			? await runJobs.call(this, client, operation)
			: await runItems.call(this, client, operation);
	return [output];
}
