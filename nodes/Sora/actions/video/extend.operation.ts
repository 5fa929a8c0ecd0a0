import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { soraFamilyOf } from '../../domain/contract';
import { estimateCost } from '../../domain/pricing';
import { userPricePerSecond } from '../budgetCap';
import { checkPrompt, checkSeconds } from '../../domain/validation';
import type { SoraClient } from '../../transport/client';
import { additionalBodyFields, choiceParam, inputError, throwIfProblem, waitChoice } from '../inputs';
import { postRequest } from '../requests';
import { paidJobOptions, promptField, secondsFields, waitFields } from '../shared.fields';
import type { JobOperation } from '../types';
import { readSourceVideo, sourceVideoFields } from './uploadSource';

const OPERATION = ['extend'];
const MAX_TOTAL_SECONDS = 120;

const properties: INodeProperties[] = [
	...sourceVideoFields('extend'),
	promptField(OPERATION, 'What happens in the added segment'),
	...secondsFields(OPERATION, '8'),
	...waitFields(OPERATION),
	paidJobOptions(OPERATION),
];

export const extend: JobOperation = {
	kind: 'job',
	description: properties,
	async prepare(this: IExecuteFunctions, client: SoraClient, itemIndex: number) {
		client.requireOffered('Extend', { itemIndex });
		const prompt = this.getNodeParameter('prompt', itemIndex, '') as string;
		throwIfProblem(this, itemIndex, checkPrompt(prompt));
		const seconds = choiceParam(this, 'seconds', 'customSeconds', itemIndex);
		const extra = additionalBodyFields(this, itemIndex, { prompt, seconds: seconds || undefined, video: {} });
		const source = await readSourceVideo(this, client, itemIndex, 'Extend');
		const model = source.kind === 'id' ? (source.video.model ?? '') : '';
		throwIfProblem(this, itemIndex, checkSeconds(model || 'sora-2', seconds));
		if (source.kind === 'id' && soraFamilyOf(model)) {
			const total = Number(source.video.seconds ?? 0) + Number(seconds || 0);
			if (total > MAX_TOTAL_SECONDS) {
				throw inputError(this, itemIndex, {
					field: 'Seconds',
					message: `Extending ${source.video.id} (${source.video.seconds} s) by ${seconds} s would make ${total} s; a video can be at most ${MAX_TOTAL_SECONDS} s`,
				});
			}
		}
		const fields = { prompt, seconds: seconds || undefined, ...(source.kind === 'id' ? { video: { id: source.video.id } } : {}) };
		return {
			request: postRequest('/videos/extensions', { ...extra, ...fields }, source.kind === 'file' ? [source.file] : []),
			model: model || undefined,
			estimate: source.kind === 'id' ? estimateCost(model, source.video.size, seconds, userPricePerSecond(this, itemIndex)) : null,
			...waitChoice(this, itemIndex),
		};
	},
};
