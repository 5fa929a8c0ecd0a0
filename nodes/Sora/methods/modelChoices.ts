import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { ModelChoice } from '../hosts/types';
import { secondsList, type CheckedRules } from '../models/checks';
import { knownModel } from '../models/index';
import { withCatalogue } from '../models/plan';
import { SoraClient } from '../transport/client';

const ANY_DURATIONS = [4, 5, 6, 8, 10, 12, 15, 16, 20];
const ANY_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'];
const ANY_RESOLUTIONS = ['480p', '720p', '1080p'];

/** The chosen model's rules: the host's catalogue entry (OpenRouter) over the family's table; undefined for an unknown model. */
async function rulesOfChosenModel(
	ctx: ILoadOptionsFunctions,
): Promise<{ model: string; rules?: CheckedRules }> {
	const model = String(ctx.getCurrentNodeParameter('model', { extractValue: true }) ?? '').trim();
	const known = knownModel(model)?.rules;
	let entry: ModelChoice | undefined;
	let host: string | undefined;
	try {
		const client = await SoraClient.connect(ctx);
		host = client.host.label;
		if (model && client.host.checkAgainstModel) {
			entry = (await client.listModels()).find((m) => m.id === model);
		}
	} catch (error) {
		ctx.logger.debug(
			`Sora: the model list could not be read for the choices of ${model}: ${(error as Error).message}`,
		);
	}
	return { model, rules: entry ? withCatalogue(known, entry, host) : known };
}

function modelDefault(value: string | number | undefined, unit = ''): INodePropertyOptions {
	const shown = value === undefined || value === '' ? '' : `: ${value}${unit}`;
	return {
		name: `Model's Default${shown} (Not Sent)`,
		value: '',
		description: 'The model decides; nothing is sent',
	};
}

/** Duration: the lengths the chosen model makes. */
export async function durationChoices(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const { model, rules } = await rulesOfChosenModel(this);
	const durations = rules?.durations?.length ? rules.durations : ANY_DURATIONS;
	const note = rules
		? `${model}: ${secondsList(durations)}`
		: 'A usual length (the model is not one the node knows)';
	return [
		modelDefault(rules?.defaultDuration, ' s'),
		...durations.map((seconds) => ({
			name: `${seconds} Seconds`,
			value: seconds,
			description: note,
		})),
	];
}

/** Aspect Ratio: the ratios the chosen model makes (none when its video follows the first frame). */
export async function aspectRatioChoices(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const { rules } = await rulesOfChosenModel(this);
	const ratios = rules ? (rules.aspectRatios ?? ANY_RATIOS) : ANY_RATIOS;
	const note = rules?.ratioFollowsFirstFrame
		? 'Without a first frame only (with one, the video takes its ratio)'
		: undefined;
	return [
		modelDefault(rules?.defaultAspectRatio),
		...ratios.map((ratio) => ({ name: ratio, value: ratio, description: note })),
	];
}

/** Resolution: the resolutions the chosen model makes. */
export async function resolutionChoices(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const { rules } = await rulesOfChosenModel(this);
	const resolutions = rules ? (rules.resolutions ?? ANY_RESOLUTIONS) : ANY_RESOLUTIONS;
	return [
		modelDefault(rules?.defaultResolution),
		...resolutions.map((resolution) => ({ name: resolution, value: resolution })),
	];
}
