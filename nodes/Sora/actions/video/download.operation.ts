import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CONTENT_VARIANTS, type ContentVariant } from '../../domain/contract';
import { downloadContent } from '../../engine/downloadContent';
import type { SoraClient } from '../../transport/client';
import { optionsParam, requiredString, stringParam } from '../../runner/inputs';
import {
	binaryPropertyField,
	forVideo,
	maxRequestsPerMinuteOption,
	videoIdField,
} from '../shared.fields';
import type { ItemOperation } from '../../runner/types';
import { maxDownloadBytesOf, maxDownloadSizeField } from '../../../shared/downloadLimit';

const OPERATION = ['download'];

const properties: INodeProperties[] = [
	videoIdField(OPERATION, 'ID of a completed video'),
	{
		displayName: 'Variant',
		name: 'variant',
		type: 'options',
		default: 'video',
		options: [
			{ name: 'Video (MP4)', value: 'video' },
			{ name: 'Thumbnail (WebP)', value: 'thumbnail' },
			{ name: 'Spritesheet (JPEG)', value: 'spritesheet' },
		],
		displayOptions: forVideo(OPERATION),
	},
	binaryPropertyField(
		OPERATION,
		'Put Output File in Field',
		'Binary property that receives the file',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: forVideo(OPERATION),
		options: [maxDownloadSizeField, maxRequestsPerMinuteOption],
	},
];

export const download: ItemOperation = {
	kind: 'item',
	description: properties,
	async execute(this: IExecuteFunctions, client: SoraClient, itemIndex: number) {
		const videoId = requiredString(this, 'videoId', 'Video ID', itemIndex);
		const variant = (stringParam(this, 'variant', itemIndex, 'video') || 'video') as ContentVariant;
		const property = stringParam(this, 'binaryPropertyName', itemIndex, 'data') || 'data';
		const scope = { itemIndex, videoId };
		const limits = {
			maxBytes: maxDownloadBytesOf(optionsParam(this, 'options', itemIndex)),
		};
		const { binary, measured } = await downloadContent(
			client,
			this.helpers,
			videoId,
			CONTENT_VARIANTS[variant] ? variant : 'video',
			scope,
			undefined,
			limits,
		);
		return [
			{
				json: {
					id: videoId,
					variant,
					fileName: binary.fileName,
					mimeType: binary.mimeType,
					...(measured ? { measured: { ...measured } } : {}),
				},
				binary: { [property]: binary },
			},
		];
	},
};
