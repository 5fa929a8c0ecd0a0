import type { INodeProperties } from 'n8n-workflow';

import { requestOptions } from '../shared.fields';
import type { Operation } from '../../runner/types';
import { createCharacter } from './create.operation';
import { getCharacter } from './get.operation';

export const characterOperations: Record<string, Operation> = {
	create: createCharacter,
	get: getCharacter,
};

export const characterDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['character'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a character',
				description: 'Create a reusable character from a video of it',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a character',
				description: 'Get a character by ID',
			},
		],
	},
	...createCharacter.description,
	...getCharacter.description,
	requestOptions({ show: { resource: ['character'] } }),
];
