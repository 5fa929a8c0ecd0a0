import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SoraClient } from '../../transport/client';
import { requiredString, waitChoice } from '../../runner/inputs';
import { videoIdField, waitFields } from '../shared.fields';
import type { JobOperation } from '../../runner/types';

const OPERATION = ['get'];

const properties: INodeProperties[] = [
	videoIdField(
		OPERATION,
		'ID of the video to get; with Wait for Completion, a video still being generated is waited for',
	),
	...waitFields(OPERATION, { wait: false, routeWhileWaiting: true }),
];

export const get: JobOperation = {
	kind: 'job',
	description: properties,
	async prepare(this: IExecuteFunctions, _client: SoraClient, itemIndex: number) {
		return {
			videoId: requiredString(this, 'videoId', 'Video ID', itemIndex),
			...waitChoice(this, itemIndex),
		};
	},
};
