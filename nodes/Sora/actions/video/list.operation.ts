import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SoraClient } from '../../transport/client';
import { forVideo } from '../shared.fields';
import type { ItemOperation } from '../../runner/types';

const OPERATION = ['list'];
const PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: forVideo(OPERATION),
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: forVideo(OPERATION, { show: { returnAll: [false] } }),
	},
	{
		displayName: 'Order',
		name: 'order',
		type: 'options',
		default: 'desc',
		options: [
			{ name: 'Newest First', value: 'desc' },
			{ name: 'Oldest First', value: 'asc' },
		],
		displayOptions: forVideo(OPERATION),
	},
];

interface VideoPage {
	data?: IDataObject[];
	has_more?: boolean;
	last_id?: string | null;
}

export const list: ItemOperation = {
	kind: 'item',
	description: properties,
	async execute(this: IExecuteFunctions, client: SoraClient, itemIndex: number) {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const order = this.getNodeParameter('order', itemIndex, 'desc') as string;
		const videos: IDataObject[] = [];
		let after: string | undefined;
		while (videos.length < limit) {
			const qs: IDataObject = { limit: Math.min(PAGE_SIZE, limit - videos.length), order };
			if (after) qs.after = after;
			const { body } = await client.call<VideoPage>(
				{ method: 'GET', route: { operation: 'List' }, qs },
				'safe',
				{ itemIndex },
			);
			const page = Array.isArray(body?.data) ? body.data : [];
			videos.push(
				...page.map((entry) => (client.host.readVideo(entry) as IDataObject | undefined) ?? entry),
			);
			const lastId = body?.last_id ?? (page.length ? String(page[page.length - 1].id) : undefined);
			if (!body?.has_more || !page.length || !lastId || lastId === after) break;
			after = lastId;
		}
		return videos.slice(0, limit);
	},
};
