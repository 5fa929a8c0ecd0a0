import type { INodeProperties } from 'n8n-workflow';

import { forVideo, requestOptions, retryOnFailNotice } from '../shared.fields';
import type { Operation } from '../../runner/types';
import { create } from './create.operation';
import { deleteVideo } from './delete.operation';
import { download } from './download.operation';
import { edit } from './edit.operation';
import { extend } from './extend.operation';
import { get } from './get.operation';
import { list } from './list.operation';
import { remix } from './remix.operation';

export const videoOperations: Record<string, Operation> = {
	create,
	remix,
	edit,
	extend,
	get,
	download,
	list,
	delete: deleteVideo,
};

/** The operations that start a paid job. */
const PAID_OPERATIONS = ['create', 'remix', 'edit', 'extend'];

export const videoDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a video',
				description: 'Generate a video from a prompt and optionally a first-frame image',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a video',
				description: 'Delete a completed or failed video',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a video',
				description: 'Download the MP4, thumbnail or spritesheet of a video',
			},
			{
				name: 'Edit',
				value: 'edit',
				action: 'Edit a video',
				description: 'Generate an edited version of a video',
			},
			{
				name: 'Extend',
				value: 'extend',
				action: 'Extend a video',
				description: 'Add seconds to the end of a video',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a video',
				description: 'Get a video’s status, optionally waiting until it is done',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List videos',
				description: 'List the videos of the account',
			},
			{
				name: 'Remix',
				value: 'remix',
				action: 'Remix a video',
				description: 'Generate a variation of a completed video',
			},
		],
	},
	retryOnFailNotice(PAID_OPERATIONS),
	...Object.values(videoOperations).flatMap((operation) => operation.description),
	// Operations without Options of their own get one holding Max Requests per Minute.
	requestOptions(
		forVideo(
			Object.keys(videoOperations).filter(
				(name) => !videoOperations[name].description.some((p) => p.name === 'options'),
			),
		),
	),
];
