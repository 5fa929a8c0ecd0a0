import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { timeSourceOf, type TimeSource } from '../base/timing';
import { characterDescription } from './actions/character';
import { outputsFor } from './runner/routeByStatus';
import { route } from './actions/router';
import { videoDescription } from './actions/video';
import { aspectRatioChoices, durationChoices, resolutionChoices } from './methods/modelChoices';
import { searchModels } from './methods/searchModels';
import { familyNames } from './models';
import { soraCodex } from './actions/codex';

export class Sora implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora (Videos API)',
		name: 'sora',
		icon: { light: 'file:sora.svg', dark: 'file:sora.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: `Generate videos from text or a first frame with ${familyNames()} through the Videos API (new-api, OpenRouter, LiteLLM and other gateways); remix, extend and download them`,
		codex: soraCodex(),
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

	methods = {
		listSearch: { searchModels },
		loadOptions: { durationChoices, aspectRatioChoices, resolutionChoices },
	};

	/** n8n calls it with the execution as `this`: the time source is taken in here, not from the node. */
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	/** n8n makes the node with no argument (the system's clock); the test harness hands in its own. */
	constructor(time: Partial<TimeSource> = {}) {
		const source = timeSourceOf(time);
		this.execute = async function (this: IExecuteFunctions) {
			return await route.call(this, source);
		};
	}
}
