import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { RequestBudget } from '../transport/requestBudget';
import { SoraClient } from '../transport/client';
import { characterOperations } from './character';
import { optionsParam } from '../runner/inputs';
import { runItems } from '../runner/runItems';
import { routesByStatus, splitByStatus } from '../runner/routeByStatus';
import { runJobs } from '../runner/runJobs';
import { isToolRun } from '../runner/toolRun';
import { videoOperations } from './video';

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = (resource === 'character' ? characterOperations : videoOperations)[
		operationName
	];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
		);
	}
	const client = await SoraClient.connect(this, new RequestBudget(maxRequestsPerMinute(this)));
	if (operation.kind === 'item') return [await runItems.call(this, client, operation)];
	const asTool = isToolRun(this);
	const routed = routesByStatus(this, asTool);
	const items = await runJobs.call(this, client, operation, { asTool, routed });
	return routed ? splitByStatus(items) : [items];
}

/** Options → Max Requests per Minute, on every operation. */
function maxRequestsPerMinute(ctx: IExecuteFunctions): number | undefined {
	return Number(optionsParam(ctx, 'options', 0).maxRequestsPerMinute ?? 0) || undefined;
}
