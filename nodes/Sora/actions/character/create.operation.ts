import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkCharacterName } from '../../domain/validation';
import type { SoraClient } from '../../transport/client';
import { stringParam, throwIfProblem } from '../../runner/inputs';
import { postRequest, uploadInputFile } from '../requests';

const show = { show: { resource: ['character'], operation: ['create'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description:
			'Display name of the character (1-80 characters); prompts must use it to place the character',
		displayOptions: show,
	},
	{
		displayName: 'Input Binary Field',
		name: 'videoBinaryProperty',
		type: 'string',
		default: 'data',
		description: 'Binary property of the input item holding a video of the character',
		displayOptions: show,
	},
];

export const createCharacter = {
	kind: 'item' as const,
	description: properties,
	async execute(this: IExecuteFunctions, client: SoraClient, itemIndex: number) {
		const name = stringParam(this, 'name', itemIndex);
		throwIfProblem(this, itemIndex, checkCharacterName(name));
		const property = stringParam(this, 'videoBinaryProperty', itemIndex, 'data') || 'data';
		const file = await uploadInputFile(this, itemIndex, property, 'Input Binary Field', 'video');
		const response = await client.call<IDataObject>(
			postRequest({ operation: 'Character Create' }, { name }, [file]),
			'unsafe',
			{ itemIndex },
		);
		return [response.body];
	},
};
