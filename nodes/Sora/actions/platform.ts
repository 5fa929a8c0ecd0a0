/**
 * The Platform option of the operations that make videos: before any paid request it fills the aspect
 * ratio and duration the user left unset and refuses an ask the platform would reject; after the
 * download it checks the measured MP4 against the platform's limits (On Platform Limit: fail the item,
 * naming the limit, so the posting node never gets it; or flag it).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MeasuredVideo } from '../domain/media';
import {
	checkMeasuredVideo,
	isPlatformId,
	planForPlatform,
	PLATFORMS,
	type ModelChoices,
	type PlatformAsk,
	type PlatformId,
	type PlatformPlan,
} from '../domain/platforms';
import { optionsParam, throwIfProblem } from './inputs';

/** The Platform chosen for an item, if any. */
export function platformOf(ctx: IExecuteFunctions, itemIndex: number): PlatformId | undefined {
	const value = optionsParam(ctx, 'options', itemIndex).platform;
	return isPlatformId(value) ? value : undefined;
}

/**
 * Before any paid request: what the platform makes of the ask (unset aspect ratio and duration filled
 * within what the model takes). Throws the first ask the platform would reject, naming its limit.
 */
export function planPlatform(ctx: IExecuteFunctions, itemIndex: number, ask: PlatformAsk, model: ModelChoices): PlatformPlan | undefined {
	const platform = platformOf(ctx, itemIndex);
	if (!platform) return undefined;
	const plan = planForPlatform(platform, ask, model);
	const [problem] = plan.problems;
	if (problem) throwIfProblem(ctx, itemIndex, { ...problem, message: `Platform ${PLATFORMS[platform].name}: ${problem.message}` });
	return plan;
}

/**
 * After the download: the measured MP4 against the platform's limits. With On Platform Limit 'error' a
 * broken limit throws (the item fails, naming each limit and the video id); with 'flag' the output gets
 * `fitsPlatform` and `platformProblems`.
 */
export function checkDelivered(ctx: IExecuteFunctions, itemIndex: number, json: IDataObject): IDataObject {
	const platform = platformOf(ctx, itemIndex);
	const measured = json.measured as unknown as MeasuredVideo | undefined;
	if (!platform || !measured) return json;
	const problems = checkMeasuredVideo(platform, measured);
	const name = PLATFORMS[platform].name;
	if (problems.length && optionsParam(ctx, 'options', itemIndex).onPlatformLimit !== 'flag') {
		throw new NodeOperationError(ctx.getNode(), `The video ${String(json.id ?? '')} does not fit ${name}: ${problems.join('; ')} [item ${itemIndex}]`, {
			itemIndex,
			description: `Nothing was posted. The video was generated (and paid for): fix the limit (another duration, ratio or model) or set Options → On Platform Limit to Flag to pass it on with fitsPlatform: false.`,
		});
	}
	return { ...json, platform, fitsPlatform: problems.length === 0, platformProblems: problems };
}
