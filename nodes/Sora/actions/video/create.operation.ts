import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDataUrlImageHeader, readImageHeader, sniffMimeType } from '../../domain/image';
import { estimateCost } from '../../models/pricing';
import type { Problem } from '../../domain/problem';
import {
	checkCharacterIds,
	checkCharacterNamesInPrompt,
	checkImageUrl,
	checkPrompt,
	checkReferenceImage,
} from '../../domain/validation';
import { checkCreate } from '../../hosts';
import type { CanonicalCreate, FrameImage } from '../../hosts/types';
import { planCreate, type CreatePlan } from '../../models/plan';
import type { SoraClient } from '../../transport/client';
import { userPricePerSecond } from '../../runner/budgetCap';
import {
	additionalBodyFields,
	modelParam,
	optionsParam,
	requiredString,
	stringParam,
	throwIfProblem,
	waitChoice,
} from '../../runner/inputs';
import { choiceForPlatform } from '../../runner/platform';
import { postRequest, readInputFile } from '../requests';
import { modelField, paidJobOptions, promptField, waitFields } from '../shared.fields';
import type { JobOperation } from '../../runner/types';
import { checkAgainstListedModel } from './hostFields';
import { readVideoChoice, videoShapeFields, videoShapeOptions } from './videoShape.fields';

const OPERATION = ['create'];

const properties: INodeProperties[] = [
	promptField(OPERATION, 'Text that describes the video to generate'),
	modelField(OPERATION),
	...videoShapeFields,
	...waitFields(OPERATION),
	paidJobOptions(OPERATION, [
		{
			displayName: 'Character IDs',
			name: 'characterIds',
			type: 'string',
			default: '',
			placeholder: 'char_123, char_456',
			description:
				'Up to two characters (from Character → Create) to appear in the video; the prompt must name each one',
		},
		...videoShapeOptions,
	]),
];

async function characterNames(
	client: SoraClient,
	ids: string[],
	itemIndex: number,
): Promise<string[]> {
	const names: string[] = [];
	for (const id of ids) {
		const response = await client.call<{ name?: string | null }>(
			{ method: 'GET', route: { operation: 'Character Get', characterId: id } },
			'safe',
			{ itemIndex, characterId: id },
		);
		if (response.body?.name) names.push(response.body.name);
	}
	return names;
}

type FrameParam = 'referenceImage' | 'lastFrame';

/** A frame as the user gave it: the input item's file, or a URL (http or data:). */
type FrameSource =
	| { bytes: Buffer; fileName: string; mimeType: string; url?: undefined }
	| { url: string; bytes?: undefined };

/** Reads a frame image from the input item or the URL field, before anything is checked. */
async function frameSource(
	ctx: IExecuteFunctions,
	itemIndex: number,
	param: FrameParam,
): Promise<FrameSource | undefined> {
	const source = stringParam(ctx, param, itemIndex, 'none');
	const last = param === 'lastFrame';
	if (source === 'binary') {
		const property = stringParam(ctx, `${param}BinaryProperty`, itemIndex, 'data') || 'data';
		return await readInputFile(ctx, itemIndex, property, last ? 'Last Frame' : 'Reference Image');
	}
	if (source === 'url') {
		const label = last ? 'Last Frame Image URL' : 'Image URL';
		return { url: requiredString(ctx, `${param}Url`, label, itemIndex) };
	}
	return undefined;
}

/** A frame's pixel size, when the node can read it: a file's header, or a data URL's (an http URL is not fetched). */
function frameSize(source: FrameSource | undefined) {
	const header = source?.bytes
		? readImageHeader(source.bytes)
		: source?.url
			? readDataUrlImageHeader(source.url)
			: undefined;
	return header ? { width: header.width, height: header.height } : undefined;
}

/** A frame image checked; the first frame must match an exact size where the model or host says so. */
function frame(
	ctx: IExecuteFunctions,
	itemIndex: number,
	param: FrameParam,
	source: FrameSource | undefined,
	sizeToMatch: string,
	model: string,
): FrameImage | undefined {
	const last = param === 'lastFrame';
	const asLastFrame = (problem: Problem | undefined): Problem | undefined =>
		problem && last
			? {
					...problem,
					field: 'Last Frame',
					message: problem.message.replace(/^Reference image|^Image URL/, 'Last Frame image'),
				}
			: problem;
	if (source?.bytes) {
		throwIfProblem(
			ctx,
			itemIndex,
			asLastFrame(checkReferenceImage(source.bytes, last ? '' : sizeToMatch, last ? '' : model)),
		);
		const mimeType = sniffMimeType(source.bytes) ?? source.mimeType;
		const name = last ? 'last_frame' : 'input_reference';
		return { file: { name, data: source.bytes, fileName: source.fileName, mimeType } };
	}
	if (source?.url !== undefined) {
		throwIfProblem(ctx, itemIndex, asLastFrame(checkImageUrl(source.url)));
		return { url: source.url };
	}
	return undefined;
}

/** The host's catalogue entry of the model (OpenRouter's /videos/models), whose values win over the family's table. */
async function catalogueEntry(client: SoraClient, model: string, itemIndex: number) {
	if (!client.host.checkAgainstModel || !model) return undefined;
	try {
		return (await client.listModels()).find((entry) => entry.id === model);
	} catch (error) {
		client.logger.debug(
			`Sora: no model list, so item ${itemIndex} is checked against the model family only: ${(error as Error).message}`,
		);
		return undefined;
	}
}

/** The size a first frame must have: the video's exact size, for Sora models and hosts that need it. */
function sizeToMatch(client: SoraClient, plan: CreatePlan): string {
	if (!client.host.firstFrameMustMatchSize && plan.family !== 'sora') return '';
	if (plan.size) return plan.size;
	return plan.family === 'sora' && plan.asked.width
		? `${plan.asked.width}x${plan.asked.height}`
		: '';
}

export const create: JobOperation = {
	kind: 'job',
	description: properties,
	async prepare(this: IExecuteFunctions, client: SoraClient, itemIndex: number) {
		const prompt = this.getNodeParameter('prompt', itemIndex, '') as string;
		throwIfProblem(this, itemIndex, checkPrompt(prompt));
		const model = modelParam(this, itemIndex);
		const frames = {
			firstFrame: stringParam(this, 'referenceImage', itemIndex, 'none') !== 'none',
			lastFrame: stringParam(this, 'lastFrame', itemIndex, 'none') !== 'none',
		};
		const read = readVideoChoice(this, itemIndex, frames);
		if ('problem' in read) throwIfProblem(this, itemIndex, read.problem);
		const { choice: asked, callbackUrl } = read as Exclude<typeof read, { problem: Problem }>;
		const firstFrame = await frameSource(this, itemIndex, 'referenceImage');
		const choice = { ...asked, firstFrameSize: frameSize(firstFrame) };
		const catalogue = await catalogueEntry(client, model, itemIndex);
		const planned = planCreate(
			model,
			choiceForPlatform(this, itemIndex, model, choice, catalogue, client.host.label),
			catalogue,
			client.host.label,
		);
		throwIfProblem(this, itemIndex, planned.problem);
		const plan = planned.plan!;

		const characterIds = String(optionsParam(this, 'options', itemIndex).characterIds ?? '')
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		throwIfProblem(this, itemIndex, checkCharacterIds(characterIds));
		const canonical: CanonicalCreate = {
			prompt,
			model: model || undefined,
			family: plan.family,
			durationSeconds: plan.durationSeconds,
			aspectRatio: plan.aspectRatio,
			resolution: plan.resolution,
			size: plan.size,
			generateAudio: choice.generateAudio,
			seed: choice.seed,
			negativePrompt: choice.negativePrompt,
			characterIds: characterIds.length ? characterIds : undefined,
			callbackUrl,
			extra: {},
		};
		// Auto: a family whose keys differ per host is spelled only once the host's family is known (a free model list).
		if (plan.family !== 'sora' && plan.family !== 'unknown')
			await client.identifyHost(canonical.model);
		canonical.firstFrame = frame(
			this,
			itemIndex,
			'referenceImage',
			firstFrame,
			sizeToMatch(client, plan),
			model,
		);
		const lastFrame = await frameSource(this, itemIndex, 'lastFrame');
		canonical.lastFrame = frame(this, itemIndex, 'lastFrame', lastFrame, '', model);
		canonical.extra = additionalBodyFields(
			this,
			itemIndex,
			client.host.createBody(canonical).fields,
		);
		// A field the host's channel would drop in silence is refused before anything is sent; after
		// Additional Body Fields, since a channel also refuses a key of them it would misread (Hailuo's metadata.model).
		throwIfProblem(this, itemIndex, checkCreate(client.host, canonical));
		throwIfProblem(this, itemIndex, await checkAgainstListedModel(client, canonical, itemIndex));
		if (characterIds.length) {
			const names = await characterNames(client, characterIds, itemIndex);
			throwIfProblem(this, itemIndex, checkCharacterNamesInPrompt(prompt, names));
		}
		const { fields, files } = client.host.createBody(canonical);
		return {
			request: postRequest({ operation: 'Create' }, fields, files),
			model,
			estimate: estimateCost(
				model || 'sora-2',
				plan.asked.durationSeconds,
				userPricePerSecond(this, itemIndex),
				{
					size: plan.size,
					resolution: plan.asked.resolution,
					generateAudio: plan.asked.generateAudio,
					hostPrices: catalogue?.prices,
					host: client.host.label,
				},
			),
			asked: plan.asked,
			family: plan.family,
			...waitChoice(this, itemIndex),
		};
	},
};
