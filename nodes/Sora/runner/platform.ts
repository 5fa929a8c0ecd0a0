/**
 * The Platform option of the operations that make videos: before any paid request it fills the aspect
 * ratio and duration the user left unset and refuses an ask the platform would reject; after the
 * download it checks the measured MP4 against the platform's limits (On Platform Limit: fail the item,
 * naming the limit, so the posting node never gets it; or flag it).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { AskedVideo, MeasuredVideo } from '../domain/media';
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
import type { ModelChoice } from '../hosts/types';
import { knownModel } from '../models';
import { withCatalogue, type CreateChoice } from '../models/plan';
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
export function planPlatform(
	ctx: IExecuteFunctions,
	itemIndex: number,
	ask: PlatformAsk,
	model: ModelChoices,
): PlatformPlan | undefined {
	const platform = platformOf(ctx, itemIndex);
	if (!platform) return undefined;
	const plan = planForPlatform(platform, ask, model);
	const [problem] = plan.problems;
	if (problem)
		throwIfProblem(ctx, itemIndex, {
			...problem,
			message: `Platform ${PLATFORMS[platform].name}: ${problem.message}`,
		});
	return plan;
}

/**
 * Create's choice as the platform makes it, before any paid request: an Aspect Ratio and Duration left
 * unset are filled within what the model takes (its family's table, or the host's catalogue entry); an
 * ask the platform would reject throws, naming the limit. A model that takes the first frame's ratio
 * gets no ratio while a first frame is set (the delivered file is still checked).
 */
export function choiceForPlatform(
	ctx: IExecuteFunctions,
	itemIndex: number,
	model: string,
	choice: CreateChoice,
	catalogue?: ModelChoice,
	host?: string,
): CreateChoice {
	if (!platformOf(ctx, itemIndex)) return choice;
	const known = knownModel(model)?.rules;
	const rules = catalogue ? withCatalogue(known, catalogue, host) : known;
	const ratioFromFrame = rules?.ratioFollowsFirstFrame && choice.firstFrame;
	const plan = planPlatform(
		ctx,
		itemIndex,
		{ durationSeconds: choice.durationSeconds, aspectRatio: choice.aspectRatio, size: choice.size },
		{
			durations: [...(rules?.durations ?? [])],
			aspectRatios: ratioFromFrame ? [] : [...(rules?.aspectRatios ?? [])],
			defaultDuration: rules?.defaultDuration,
			defaultAspectRatio: rules?.defaultAspectRatio,
		},
	);
	return {
		...choice,
		durationSeconds: choice.durationSeconds ?? plan?.durationSeconds,
		aspectRatio: choice.aspectRatio ?? (choice.size === undefined ? plan?.aspectRatio : undefined),
	};
}

/**
 * Remix and Extend, before any paid request: what they will make (their source's shape, the stitched
 * length) against the platform's limits. Nothing is filled: the source decides the shape.
 */
export function refuseAskedForPlatform(
	ctx: IExecuteFunctions,
	itemIndex: number,
	asked: AskedVideo | undefined,
): void {
	if (!asked) return;
	const size = asked.width && asked.height ? `${asked.width}x${asked.height}` : undefined;
	const ask = {
		durationSeconds: asked.durationSeconds,
		aspectRatio: size ? undefined : asked.aspectRatio,
		size,
	};
	planPlatform(ctx, itemIndex, ask, { durations: [], aspectRatios: [] });
}

/**
 * After the download: the measured MP4 (`json.measured`) against the platform's limits. A broken limit
 * is an error naming each limit and the video id (On Platform Limit 'error', the default: the item fails
 * and the posting node never gets it); with 'flag' the item passes with `fitsPlatform: false` and
 * `platformProblems`. Items without a measured video pass unchanged.
 */
export function checkForPlatform(
	ctx: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
): INodeExecutionData | NodeOperationError {
	const platform = platformOf(ctx, itemIndex);
	const measured = item.json.measured as unknown as MeasuredVideo | undefined;
	if (!platform || !measured || typeof measured !== 'object') return item;
	const problems = checkMeasuredVideo(platform, measured);
	if (problems.length && optionsParam(ctx, 'options', itemIndex).onPlatformLimit !== 'flag') {
		const videoId = String(item.json.id ?? '');
		return new NodeOperationError(
			ctx.getNode(),
			`The video ${videoId} does not fit ${PLATFORMS[platform].name}: ${problems.join('; ')} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Nothing was posted. The video was generated (and paid for): download it again with the Download operation, or choose another duration, ratio or model. Options → On Platform Limit → Flag passes such a video on with fitsPlatform: false.',
			},
		);
	}
	return {
		...item,
		json: {
			...item.json,
			platform,
			fitsPlatform: problems.length === 0,
			platformProblems: problems,
		},
	};
}
