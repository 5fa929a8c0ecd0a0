import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SoraClient } from '../../transport/client';
import { requiredString } from '../../runner/inputs';

const properties: INodeProperties[] = [
	{
		displayName: 'Character ID',
		name: 'characterId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'char_123',
		displayOptions: { show: { resource: ['character'], operation: ['get'] } },
	},
];

export const getCharacter = {
	kind: 'item' as const,
	description: properties,
	async execute(this: IExecuteFunctions, client: SoraClient, itemIndex: number) {
		const characterId = requiredString(this, 'characterId', 'Character ID', itemIndex);
		const response = await client.call<IDataObject>(
			{ method: 'GET', route: { operation: 'Character Get', characterId } },
			'safe',
			{ itemIndex, characterId },
		);
		return [response.body];
	},
};
