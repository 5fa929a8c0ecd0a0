import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { TimeSource } from '../../base/timing';
import { RequestBudget } from '../transport/requestBudget';
import { SoraClient } from '../transport/client';
import { characterOperations } from './character';
import { optionsParam } from '../runner/inputs';
import { runItems } from '../runner/runItems';
import { routesByStatus, splitByStatus } from '../runner/routeByStatus';
import { runJobs } from '../runner/runJobs';
import { isToolRun } from '../runner/toolRun';
import { videoOperations } from './video';

export async function route(
	this: IExecuteFunctions,
	time: TimeSource,
): Promise<INodeExecutionData[][]> {
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
	const options = optionsParam(this, 'options', 0);
	const client = await SoraClient.connect(this, {
		budget: new RequestBudget(Number(options.maxRequestsPerMinute ?? 0) || undefined, time.clock),
		idleTimeoutMs: idleTimeoutMs(options.idleTimeout),
		time,
	});
	if (operation.kind === 'item') return [await runItems.call(this, client, operation)];
	const asTool = isToolRun(this);
	const routed = routesByStatus(this, asTool);
	const items = await runJobs.call(this, client, operation, { asTool, routed });
	return routed ? splitByStatus(items) : [items];
}

/** Options → Idle Timeout (seconds), on every operation; unset or invalid: the default. */
function idleTimeoutMs(seconds: unknown): number | undefined {
	const value = Number(seconds);
	return Number.isFinite(value) && value > 0 ? value * 1000 : undefined;
}
