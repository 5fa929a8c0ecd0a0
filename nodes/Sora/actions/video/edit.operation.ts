import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { estimateCost } from '../../models/pricing';
import { userPricePerSecond } from '../../runner/budgetCap';
import { checkPrompt } from '../../domain/validation';
import type { SoraClient } from '../../transport/client';
import { additionalBodyFields, throwIfProblem, waitChoice } from '../../runner/inputs';
import { postRequest } from '../requests';
import { paidJobOptions, promptField, waitFields } from '../shared.fields';
import type { JobOperation } from '../../runner/types';
import { readSourceVideo, sourceVideoFields } from './uploadSource';

const OPERATION = ['edit'];

const properties: INodeProperties[] = [
	...sourceVideoFields('edit'),
	promptField(OPERATION, 'How to edit the source video'),
	...waitFields(OPERATION),
	paidJobOptions(OPERATION),
];

export const edit: JobOperation = {
	kind: 'job',
	description: properties,
	async prepare(this: IExecuteFunctions, client: SoraClient, itemIndex: number) {
		client.requireOffered('Edit', { itemIndex });
		const prompt = this.getNodeParameter('prompt', itemIndex, '') as string;
		throwIfProblem(this, itemIndex, checkPrompt(prompt));
		const extra = additionalBodyFields(this, itemIndex, { prompt, video: {} });
		const source = await readSourceVideo(this, client, itemIndex, 'Edit');
		const fields = { prompt, ...(source.kind === 'id' ? { video: { id: source.video.id } } : {}) };
		return {
			request: postRequest(
				{ operation: 'Edit' },
				{ ...extra, ...fields },
				source.kind === 'file' ? [source.file] : [],
			),
			model: source.kind === 'id' ? source.video.model : undefined,
			estimate:
				source.kind === 'id'
					? estimateCost(
							source.video.model ?? '',
							source.video.seconds,
							userPricePerSecond(this, itemIndex),
							{ size: source.video.size },
						)
					: null,
			...waitChoice(this, itemIndex),
		};
	},
};
