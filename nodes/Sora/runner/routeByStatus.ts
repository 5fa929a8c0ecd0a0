import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** The node parameters that decide whether it has one output or two (Completed, Still Generating). */
export interface RoutingParameters {
	resource?: unknown;
	operation?: unknown;
	waitForCompletion?: unknown;
	routeByStatus?: unknown;
}

/**
 * The node's outputs for its parameters. n8n evaluates this function as the `outputs` expression
 * of the description (in the editor and in the engine), so it must stay self-contained: no
 * imports, no helpers, plain expressions (no ?? or globals, for n8n's expression sandbox). Missing parameters mean their defaults.
 */
export function outputsFor(parameters: RoutingParameters) {
	const operation = parameters.operation === undefined ? 'create' : parameters.operation;
	const creates =
		operation === 'create' ||
		operation === 'remix' ||
		operation === 'edit' ||
		operation === 'extend';
	const routed =
		parameters.routeByStatus === true &&
		(parameters.resource === undefined || parameters.resource === 'video') &&
		(operation === 'get' || (creates && parameters.waitForCompletion === false));
	return routed
		? [
				{ type: 'main', displayName: 'Completed' },
				{ type: 'main', displayName: 'Still Generating' },
			]
		: ['main'];
}

/** Whether this run sends its items to two outputs (never when the node runs as an agent's tool: one answer). */
export function routesByStatus(ctx: IExecuteFunctions, asTool: boolean): boolean {
	if (asTool) return false;
	// A hidden parameter (Route by Status while waiting on a create) reads as its fallback.
	const parameter = (name: string, fallback: string | boolean) =>
		ctx.getNodeParameter(name, 0, fallback) as unknown;
	const parameters: RoutingParameters = {
		resource: parameter('resource', 'video'),
		operation: parameter('operation', 'create'),
		waitForCompletion: parameter('waitForCompletion', true),
		routeByStatus: parameter('routeByStatus', false),
	};
	return outputsFor(parameters).length === 2;
}

/**
 * Completed videos (and error items under Continue, so they never loop back) go to the first
 * output, every other status to Still Generating. Failed videos never arrive here as videos:
 * runJobs turns them into errors when routing.
 */
export function splitByStatus(items: INodeExecutionData[]): INodeExecutionData[][] {
	const completed: INodeExecutionData[] = [];
	const stillGenerating: INodeExecutionData[] = [];
	for (const item of items) {
		const generating = !item.json.error && item.json.status !== 'completed';
		(generating ? stillGenerating : completed).push(item);
	}
	return [completed, stillGenerating];
}
