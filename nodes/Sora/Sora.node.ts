import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { characterDescription } from './actions/character';
import { outputsFor } from './actions/routeByStatus';
import { route } from './actions/router';
import { videoDescription } from './actions/video';
import { searchModels } from './methods/searchModels';

export class Sora implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora (Videos API)',
		name: 'sora',
		icon: { light: 'file:sora.svg', dark: 'file:sora.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Generate, remix, edit, extend and download videos with the Videos API (Sora 2 API contract)',
		defaults: { name: 'Sora' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// One output, or Completed and Still Generating with Route by Status (evaluated by n8n, like its Switch node).
		outputs: `={{(${outputsFor})($parameter)}}`,
		credentials: [{ name: 'soraApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Video', value: 'video' },
					{ name: 'Character', value: 'character' },
				],
				default: 'video',
			},
			...videoDescription,
			...characterDescription,
		],
	};

	methods = { listSearch: { searchModels } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
