import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { estimateCost } from '../../models/pricing';
import { userPricePerSecond } from '../../runner/budgetCap';
import { refuseAskedForPlatform } from '../../runner/platform';
import { checkPrompt } from '../../domain/validation';
import { familyOf } from '../../models/index';
import type { SoraClient } from '../../transport/client';
import {
	additionalBodyFields,
	requiredString,
	throwIfProblem,
	waitChoice,
} from '../../runner/inputs';
import { postRequest } from '../requests';
import { paidJobOptions, promptField, videoIdField, waitFields } from '../shared.fields';
import type { JobOperation } from '../../runner/types';
import { askedLike, completedSourceVideo } from './sourceVideo';

const OPERATION = ['remix'];

const properties: INodeProperties[] = [
	videoIdField(OPERATION, 'ID of the completed video to remix'),
	promptField(OPERATION, 'What to change in the video'),
	...waitFields(OPERATION),
	paidJobOptions(OPERATION),
];

export const remix: JobOperation = {
	kind: 'job',
	description: properties,
	async prepare(this: IExecuteFunctions, client: SoraClient, itemIndex: number) {
		client.requireOffered('Remix', { itemIndex });
		const videoId = requiredString(this, 'videoId', 'Video ID', itemIndex);
		const prompt = this.getNodeParameter('prompt', itemIndex, '') as string;
		throwIfProblem(this, itemIndex, checkPrompt(prompt));
		const fields = { prompt };
		const extra = additionalBodyFields(this, itemIndex, fields);
		const source = await completedSourceVideo(this, client, videoId, itemIndex, 'Remix');
		const asked = askedLike(source);
		refuseAskedForPlatform(this, itemIndex, asked);
		return {
			request: postRequest({ operation: 'Remix', videoId }, { ...extra, ...fields }),
			model: source.model,
			asked,
			family: familyOf(source.model ?? ''),
			estimate: estimateCost(
				source.model ?? '',
				source.seconds,
				userPricePerSecond(this, itemIndex),
				{
					size: source.size,
				},
			),
			...waitChoice(this, itemIndex),
		};
	},
};
