import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { soraFamilyOf } from '../../domain/contract';
import { sniffMimeType } from '../../domain/image';
import { estimateCost } from '../../domain/pricing';
import { userPricePerSecond } from '../budgetCap';
import {
	checkCharacterIds,
	checkCharacterNamesInPrompt,
	checkImageUrl,
	checkPrompt,
	checkReferenceImage,
	checkSeconds,
	checkSize,
} from '../../domain/validation';
import type { CanonicalCreate, FirstFrame } from '../../hosts/types';
import type { SoraClient } from '../../transport/client';
import {
	additionalBodyFields,
	choiceParam,
	modelParam,
	optionsParam,
	requiredString,
	stringParam,
	throwIfProblem,
	waitChoice,
} from '../inputs';
import { postRequest, readInputFile } from '../requests';
import { checkHostFields, checkAgainstListedModel, hostFieldOptions, readHostFields } from './hostFields';
import {
	forVideo,
	modelField,
	paidJobOptions,
	promptField,
	secondsFields,
	videoSizeFields,
	waitFields,
} from '../shared.fields';
import type { JobOperation } from '../types';

const OPERATION = ['create'];

const properties: INodeProperties[] = [
	promptField(OPERATION, 'Text that describes the video to generate'),
	modelField(OPERATION),
	...secondsFields(OPERATION),
	...videoSizeFields,
	{
		displayName: 'Reference Image',
		name: 'referenceImage',
		type: 'options',
		default: 'none',
		description: 'An image used as the first frame. It must have exactly the video size.',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'From Input Binary Field', value: 'binary' },
			{ name: 'From URL or Data URL', value: 'url' },
		],
		displayOptions: forVideo(OPERATION),
	},
	{
		displayName: 'Input Binary Field',
		name: 'referenceImageBinaryProperty',
		type: 'string',
		default: 'data',
		description: 'Binary property of the input item holding a JPEG, PNG or WebP image',
		displayOptions: forVideo(OPERATION, { show: { referenceImage: ['binary'] } }),
	},
	{
		displayName: 'Image URL',
		name: 'referenceImageUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/first-frame.png',
		description: 'An https URL or a data:image/…;base64 URL of a JPEG, PNG or WebP image',
		displayOptions: forVideo(OPERATION, { show: { referenceImage: ['url'] } }),
	},
	...waitFields(OPERATION),
	paidJobOptions(OPERATION, [
		{
			displayName: 'Character IDs',
			name: 'characterIds',
			type: 'string',
			default: '',
			placeholder: 'char_123, char_456',
			description: 'Up to two characters (from Character → Create) to appear in the video; the prompt must name each one',
		},
		...hostFieldOptions,
	]),
];

async function characterNames(client: SoraClient, ids: string[], itemIndex: number): Promise<string[]> {
	const names: string[] = [];
	for (const id of ids) {
		const response = await client.call<{ name?: string | null }>(
			{ method: 'GET', path: `/videos/characters/${encodeURIComponent(id)}` },
			'safe',
			{ itemIndex, characterId: id },
		);
		if (response.body?.name) names.push(response.body.name);
	}
	return names;
}

async function firstFrame(
	ctx: IExecuteFunctions,
	itemIndex: number,
	model: string,
	sizeToMatch: string,
): Promise<FirstFrame | undefined> {
	const source = stringParam(ctx, 'referenceImage', itemIndex, 'none');
	if (source === 'binary') {
		const property = stringParam(ctx, 'referenceImageBinaryProperty', itemIndex, 'data') || 'data';
		const input = await readInputFile(ctx, itemIndex, property, 'Reference Image');
		throwIfProblem(ctx, itemIndex, checkReferenceImage(input.bytes, sizeToMatch, model));
		const mimeType = sniffMimeType(input.bytes) ?? input.mimeType;
		return { file: { name: 'input_reference', data: input.bytes, fileName: input.fileName, mimeType } };
	}
	if (source === 'url') {
		const url = requiredString(ctx, 'referenceImageUrl', 'Image URL', itemIndex);
		throwIfProblem(ctx, itemIndex, checkImageUrl(url));
		return { url };
	}
	return undefined;
}

export const create: JobOperation = {
	kind: 'job',
	description: properties,
	async prepare(this: IExecuteFunctions, client: SoraClient, itemIndex: number) {
		const prompt = this.getNodeParameter('prompt', itemIndex, '') as string;
		throwIfProblem(this, itemIndex, checkPrompt(prompt));
		const model = modelParam(this, itemIndex);
		const seconds = choiceParam(this, 'seconds', 'customSeconds', itemIndex);
		throwIfProblem(this, itemIndex, checkSeconds(model, seconds));
		const size = choiceParam(this, 'size', 'customSize', itemIndex);
		throwIfProblem(this, itemIndex, checkSize(model, size));

		const characterIds = String(optionsParam(this, 'options', itemIndex).characterIds ?? '')
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		throwIfProblem(this, itemIndex, checkCharacterIds(characterIds));
		const hostFields = readHostFields(this, itemIndex);
		const canonical: CanonicalCreate = {
			prompt,
			model: model || undefined,
			family: 'unknown',
			durationSeconds: seconds ? Number(seconds) : undefined,
			size: size || undefined,
			characterIds: characterIds.length ? characterIds : undefined,
			...hostFields,
			extra: {},
		};
		const sizeToMatch = client.host.firstFrameMustMatchSize || soraFamilyOf(model) ? size : '';
		canonical.firstFrame = await firstFrame(this, itemIndex, model, sizeToMatch);
		// Auto: a family whose keys differ per host is spelled only once the host's family is known.
		if (canonical.family !== 'sora' && canonical.family !== 'unknown') await client.identifyHost(canonical.model);
		throwIfProblem(this, itemIndex, checkHostFields(client.host, canonical));
		const body = client.host.createBody(canonical);
		canonical.extra = additionalBodyFields(this, itemIndex, body.fields);
		throwIfProblem(this, itemIndex, await checkAgainstListedModel(client, canonical, itemIndex));
		if (characterIds.length) {
			const names = await characterNames(client, characterIds, itemIndex);
			throwIfProblem(this, itemIndex, checkCharacterNamesInPrompt(prompt, names));
		}
		const { fields, files } = client.host.createBody(canonical);
		return {
			request: postRequest('/videos', fields, files),
			model,
			estimate: estimateCost(model || 'sora-2', size, seconds, userPricePerSecond(this, itemIndex)),
			...waitChoice(this, itemIndex),
		};
	},
};
