import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { scopeSuffix } from '../../base/errorScope';
import type { NodeError } from '../../shared/itemErrors';
import { optionsParam } from './inputs';
import type { PreparedJob } from './types';

/** Price per Second (USD): the user's own price, which wins over any list price; undefined when unset. */
export function userPricePerSecond(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const value = Number(optionsParam(ctx, 'options', itemIndex).pricePerSecondUsd ?? 0);
	return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * A setting of the node rather than of each item (a cap on the whole batch, the wait's slots and
 * timeout): read from the first item, and refused when an expression gives another item another
 * value, since it cannot be honoured per item.
 */
export function nodeLevelOption(
	ctx: IExecuteFunctions,
	collection: string,
	name: string,
	displayName: string,
	itemCount: number,
): unknown {
	const valueOf = (itemIndex: number) =>
		(optionsParam(ctx, collection, itemIndex) as IDataObject)[name];
	const first = valueOf(0);
	for (let itemIndex = 1; itemIndex < itemCount; itemIndex++) {
		const value = valueOf(itemIndex);
		if (JSON.stringify(value) !== JSON.stringify(first)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${displayName} is a setting of the node, but item ${itemIndex} gives it another value than item 0 (${String(value)} vs ${String(first)})`,
				{
					itemIndex,
					description: `${displayName} applies to all items of one run of the node together, so every item must give the same value. Use a fixed value, or an expression that is the same for all items; split the items (e.g. with Loop Over Items) to use different values.`,
				},
			);
		}
	}
	return first;
}

/** Refuse Unpriced Items: an item whose cost is unknown fails on its own before anything is sent. */
export function refuseUnpriced(
	ctx: IExecuteFunctions,
	prepared: Array<PreparedJob | NodeError>,
): Array<PreparedJob | NodeError> {
	return prepared.map((job, itemIndex) => {
		if (job instanceof Error || job.request === undefined || job.estimate !== null) return job;
		if (optionsParam(ctx, 'options', itemIndex).refuseUnpricedItems !== true) return job;
		return new NodeOperationError(
			ctx.getNode(),
			`The cost of this video is unknown, and Refuse Unpriced Items is on: it was not sent${scopeSuffix({ itemIndex })}`,
			{
				itemIndex,
				description: `${job.model ? `Model "${job.model}"` : 'This job'} has no list price the node knows (none was found for its family, resolution or sound) and the host names none, or its length is unknown (an uploaded source). Set Price per Second (USD) to your host's price, or turn Refuse Unpriced Items off.`,
			},
		);
	});
}

/** Max Estimated Cost per Execution: the whole batch is refused before anything is sent. */
export function checkBudget(
	ctx: IExecuteFunctions,
	prepared: Array<PreparedJob | Error>,
): NodeOperationError | undefined {
	const cap = Number(
		nodeLevelOption(
			ctx,
			'options',
			'maxEstimatedCostUsd',
			'Max Estimated Cost per Execution',
			prepared.length,
		) ?? 0,
	);
	if (!cap || cap <= 0) return undefined;
	const jobs = prepared.filter(
		(job): job is PreparedJob => !(job instanceof Error) && job.request !== undefined,
	);
	const priced = jobs.filter((job) => job.estimate);
	const unpriced = jobs.length - priced.length;
	const totalCents = priced.reduce((sum, job) => sum + Math.round(job.estimate!.usd * 100), 0);
	if (unpriced) {
		return new NodeOperationError(
			ctx.getNode(),
			`${unpriced} of ${jobs.length} videos have no known price, so Max Estimated Cost per Execution ($${cap.toFixed(2)}) cannot be checked: nothing was sent`,
			{
				description:
					`A cap that counted them as free would not protect you (priced items: $${(totalCents / 100).toFixed(2)}). ` +
					"Set Price per Second (USD) to your host's price for models without a known list price, or remove the cap.",
			},
		);
	}
	if (totalCents <= Math.round(cap * 100)) return undefined;
	return new NodeOperationError(
		ctx.getNode(),
		`Estimated cost $${(totalCents / 100).toFixed(2)} for ${jobs.length} videos is above Max Estimated Cost per Execution ($${cap.toFixed(2)}): nothing was sent`,
		{
			description: `The estimate adds up the price per second of every item (${priced.length} priced). Raise the cap, or send fewer, shorter or smaller videos.`,
		},
	);
}
