import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { differencesFrom } from '../domain/asAsked';
import type { MeasuredVideo } from '../domain/media';
import type { ModelFamilyId } from '../models/registry';
import { scopeSuffix } from '../../base/errorScope';
import { optionsParam } from './inputs';
import type { PreparedJob } from './types';

/**
 * What an item says about its video: what the delivered MP4 measures and, when the job knows what
 * was asked (Create, Remix, Extend), whether it is as asked and how it differs. A difference is a
 * warning by default (the item passes with asAsked false), or the item's failure (On Difference
 * From Request, shared.fields.ts `onDifferenceOption`).
 */
export interface VideoCheck {
	measured?: MeasuredVideo;
	asAsked?: boolean;
	differences?: string[];
	modelFamily?: ModelFamilyId;
}

/** The check of one job's video: `measured` when the MP4 was downloaded and read, the comparison when `asked` is known. */
export function checkVideo(measured: MeasuredVideo | undefined, prepared: PreparedJob): VideoCheck {
	const check: VideoCheck = {};
	if (measured) check.measured = measured;
	if (measured && prepared.asked) {
		check.differences = differencesFrom(measured, prepared.asked);
		check.asAsked = check.differences.length === 0;
	}
	if (prepared.family) check.modelFamily = prepared.family;
	return check;
}

/** The check as output fields (`measured`, `asAsked`, `differences`, `modelFamily`). */
export function checkFields(check: VideoCheck): IDataObject {
	const fields: IDataObject = {};
	if (check.measured) fields.measured = { ...check.measured };
	if (check.asAsked !== undefined) fields.asAsked = check.asAsked;
	if (check.differences) fields.differences = [...check.differences];
	if (check.modelFamily) fields.modelFamily = check.modelFamily;
	return fields;
}

/**
 * Applies On Difference: undefined when the item passes (a difference then logged as a warning),
 * else the item's error, naming each difference and the video id.
 */
export function differenceError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	videoId: string | undefined,
	check: VideoCheck,
): NodeOperationError | undefined {
	const differences = check.differences ?? [];
	if (!differences.length) return undefined;
	const scope = scopeSuffix({ itemIndex, videoId });
	const family =
		check.modelFamily && check.modelFamily !== 'unknown'
			? ` (model family ${check.modelFamily})`
			: '';
	if (optionsParam(ctx, 'options', itemIndex).onDifference !== 'error') {
		ctx.logger.warn(`Sora: the video is not as asked${family}: ${differences.join('; ')}${scope}`);
		return undefined;
	}
	return new NodeOperationError(
		ctx.getNode(),
		`The video is not as asked: ${differences.join('; ')}${scope}`,
		{
			itemIndex,
			description:
				`The delivered MP4${videoId ? ` of ${videoId}` : ''} was measured as it downloaded${family}, and it differs from the request: ${differences.join('; ')}. ` +
				'The host or its model did not apply every field (a gateway may drop a key its model does not read). The video was paid for: with Continue On Fail the error item keeps it, ' +
				'or set On Difference From Request to Warn to output it.',
		},
	);
}
