import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { optionsParam } from './inputs';
import type { PreparedJob } from './types';

/** Max Estimated Cost per Execution: the whole batch is refused before anything is sent. */
export function checkBudget(ctx: IExecuteFunctions, prepared: Array<PreparedJob | Error>): NodeOperationError | undefined {
	const cap = Number(optionsParam(ctx, 'options', 0).maxEstimatedCostUsd ?? 0);
	if (!cap || cap <= 0) return undefined;
	const jobs = prepared.filter((job): job is PreparedJob => !(job instanceof Error) && job.request !== undefined);
	const priced = jobs.filter((job) => job.estimate);
	const totalCents = priced.reduce((sum, job) => sum + Math.round(job.estimate!.usd * 100), 0);
	if (totalCents <= Math.round(cap * 100)) return undefined;
	const unpriced = jobs.length - priced.length;
	return new NodeOperationError(
		ctx.getNode(),
		`Estimated cost $${(totalCents / 100).toFixed(2)} for ${jobs.length} videos is above Max Estimated Cost per Execution ($${cap.toFixed(2)}): nothing was sent`,
		{
			description:
				`The estimate adds up list prices per second of every item (${priced.length} priced${unpriced ? `, ${unpriced} of unknown price not counted` : ''}). ` +
				'Raise the cap, or send fewer, shorter or smaller videos.',
		},
	);
}
