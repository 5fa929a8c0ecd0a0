import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Video } from '../../domain/video';
import type { SoraClient } from '../../transport/client';
import { requiredString, stringParam } from '../../runner/inputs';
import { uploadInputFile, type UploadFile } from '../requests';
import { forVideo } from '../shared.fields';
import { completedSourceVideo } from './sourceVideo';

/** Edit and Extend take their source video by id or as an uploaded file. */
export function sourceVideoFields(operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Source Video',
			name: 'videoSource',
			type: 'options',
			default: 'id',
			options: [
				{ name: 'By Video ID', value: 'id' },
				{ name: 'Upload From Input Binary Field', value: 'binary' },
			],
			displayOptions: forVideo([operation]),
		},
		{
			displayName: 'Video ID',
			name: 'videoId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'video_123',
			description: 'ID of a completed video',
			displayOptions: forVideo([operation], { show: { videoSource: ['id'] } }),
		},
		{
			displayName: 'Input Binary Field',
			name: 'videoBinaryProperty',
			type: 'string',
			default: 'data',
			description: 'Binary property of the input item holding the video file',
			displayOptions: forVideo([operation], { show: { videoSource: ['binary'] } }),
		},
	];
}

export type SourceVideo = { kind: 'id'; video: Video } | { kind: 'file'; file: UploadFile };

export async function readSourceVideo(
	ctx: IExecuteFunctions,
	client: SoraClient,
	itemIndex: number,
	operation: string,
): Promise<SourceVideo> {
	if (stringParam(ctx, 'videoSource', itemIndex, 'id') === 'binary') {
		const property = stringParam(ctx, 'videoBinaryProperty', itemIndex, 'data') || 'data';
		return {
			kind: 'file',
			file: await uploadInputFile(ctx, itemIndex, property, 'Input Binary Field', 'video'),
		};
	}
	const videoId = requiredString(ctx, 'videoId', 'Video ID', itemIndex);
	return {
		kind: 'id',
		video: await completedSourceVideo(ctx, client, videoId, itemIndex, operation),
	};
}
