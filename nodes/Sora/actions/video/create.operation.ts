import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { soraFamilyOf } from '../../domain/contract';
import { sniffMimeType } from '../../domain/image';
import { estimateCost } from '../../domain/pricing';
import {
	checkCharacterIds,
	checkCharacterNamesInPrompt,
	checkImageUrl,
	checkPrompt,
	checkReferenceImage,
	checkSeconds,
	checkSize,
} from '../../domain/validation';
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
import { postRequest, readInputFile, type UploadFile } from '../requests';
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

async function referenceImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	model: string,
	size: string,
): Promise<{ file?: UploadFile; field?: IDataObject }> {
	const source = stringParam(ctx, 'referenceImage', itemIndex, 'none');
	if (source === 'binary') {
		const property = stringParam(ctx, 'referenceImageBinaryProperty', itemIndex, 'data') || 'data';
		const input = await readInputFile(ctx, itemIndex, property, 'Reference Image');
		throwIfProblem(ctx, itemIndex, checkReferenceImage(input.bytes, size, model));
		const mimeType = sniffMimeType(input.bytes) ?? input.mimeType;
		return { file: { ...input, name: 'input_reference', mimeType } };
	}
	if (source === 'url') {
		const url = requiredString(ctx, 'referenceImageUrl', 'Image URL', itemIndex);
		throwIfProblem(ctx, itemIndex, checkImageUrl(url));
		return { field: { image_url: url } };
	}
	return {};
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
		const image = await referenceImage(this, itemIndex, model, size);

		const fields: IDataObject = {
			prompt,
			model: model || undefined,
			seconds: seconds || undefined,
			size: size || undefined,
			input_reference: image.field,
			characters: characterIds.length ? characterIds.map((id) => ({ id })) : undefined,
		};
		const extra = additionalBodyFields(this, itemIndex, fields);
		if (characterIds.length) {
			const names = await characterNames(client, characterIds, itemIndex);
			throwIfProblem(this, itemIndex, checkCharacterNamesInPrompt(prompt, names));
		}
		return {
			request: postRequest('/videos', { ...extra, ...fields }, image.file ? [image.file] : []),
			model,
			estimate: soraFamilyOf(model) || model === '' ? estimateCost(model || 'sora-2', size, seconds) : null,
			...waitChoice(this, itemIndex),
		};
	},
};
