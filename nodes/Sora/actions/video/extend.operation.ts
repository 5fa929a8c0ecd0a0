import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { soraFamilyOf } from '../../domain/contract';
import { estimateCost } from '../../models/pricing';
import { checkPrompt } from '../../domain/validation';
import type { Video } from '../../domain/video';
import { familyOf } from '../../models/index';
import { planCreate } from '../../models/plan';
import type { SoraClient } from '../../transport/client';
import { userPricePerSecond } from '../../runner/budgetCap';
import { refuseAskedForPlatform } from '../../runner/platform';
import { additionalBodyFields, inputError, throwIfProblem, waitChoice } from '../../runner/inputs';
import { postRequest } from '../requests';
import { forVideo, paidJobOptions, promptField, waitFields } from '../shared.fields';
import type { JobOperation } from '../../runner/types';
import { askedLike } from './sourceVideo';
import { readSourceVideo, sourceVideoFields } from './uploadSource';

const OPERATION = ['extend'];

/** The extended video: the source's size, and its length plus the added seconds (unknown when not sent). */
function extendedAsked(video: Video, added: number | undefined) {
	const { durationSeconds, ...shape } = askedLike(video);
	return durationSeconds !== undefined && added !== undefined
		? { ...shape, durationSeconds: durationSeconds + added }
		: shape;
}
const MAX_TOTAL_SECONDS = 120;

const properties: INodeProperties[] = [
	...sourceVideoFields('extend'),
	promptField(OPERATION, 'What happens in the added segment'),
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'options',
		default: 8,
		description: 'Length of the added segment (Sora 2 adds 4, 8, 12, 16 or 20 seconds)',
		options: [
			{ name: "Model's Default (Not Sent)", value: 0 },
			{ name: '4 Seconds', value: 4 },
			{ name: '8 Seconds', value: 8 },
			{ name: '12 Seconds', value: 12 },
			{ name: '16 Seconds', value: 16 },
			{ name: '20 Seconds', value: 20 },
		],
		displayOptions: forVideo(OPERATION),
	},
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
		const raw = Number(this.getNodeParameter('duration', itemIndex, 8) ?? 0);
		const duration = Number.isFinite(raw) && raw > 0 ? raw : undefined;
		const seconds = duration === undefined ? undefined : String(duration);
		const extra = additionalBodyFields(this, itemIndex, { prompt, seconds, video: {} });
		const source = await readSourceVideo(this, client, itemIndex, 'Extend');
		const model = source.kind === 'id' ? (source.video.model ?? '') : '';
		const planned = planCreate(model || 'sora-2', {
			durationSeconds: duration,
			firstFrame: false,
			lastFrame: false,
		});
		throwIfProblem(this, itemIndex, planned.problem);
		if (source.kind === 'id' && soraFamilyOf(model)) {
			const total = Number(source.video.seconds ?? 0) + (duration ?? 0);
			if (total > MAX_TOTAL_SECONDS) {
				throw inputError(this, itemIndex, {
					field: 'Duration',
					message: `Extending ${source.video.id} (${source.video.seconds} s) by ${duration} s would make ${total} s; a video can be at most ${MAX_TOTAL_SECONDS} s`,
				});
			}
		}
		const asked = source.kind === 'id' ? extendedAsked(source.video, duration) : undefined;
		refuseAskedForPlatform(this, itemIndex, asked);
		const fields = {
			prompt,
			seconds,
			...(source.kind === 'id' ? { video: { id: source.video.id } } : {}),
		};
		return {
			request: postRequest(
				{ operation: 'Extend' },
				{ ...extra, ...fields },
				source.kind === 'file' ? [source.file] : [],
			),
			model: model || undefined,
			estimate:
				source.kind === 'id'
					? estimateCost(model, seconds, userPricePerSecond(this, itemIndex), {
							size: source.video.size,
						})
					: null,
			family: familyOf(model || 'sora-2'),
			...(asked ? { asked } : {}),
			...waitChoice(this, itemIndex),
		};
	},
};
