import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SoraClient } from '../../transport/client';
import { requiredString } from '../../runner/inputs';
import { videoIdField } from '../shared.fields';
import type { ItemOperation } from '../../runner/types';

const properties: INodeProperties[] = [
	videoIdField(['delete'], 'ID of a completed or failed video to delete'),
];

export const deleteVideo: ItemOperation = {
	kind: 'item',
	description: properties,
	async execute(this: IExecuteFunctions, client: SoraClient, itemIndex: number) {
		const videoId = requiredString(this, 'videoId', 'Video ID', itemIndex);
		const response = await client.call<IDataObject>(
			{ method: 'DELETE', route: { operation: 'Delete', videoId } },
			'unsafe',
			{ itemIndex, videoId },
		);
		return [response.body];
	},
};
