import type { INodeProperties } from 'n8n-workflow';

import { exampleModelIds, familyNames } from '../models';
import { platformOptions } from './platform.fields';
import { maxDownloadSizeField } from '../../shared/downloadLimit';

/** Shows a property only for the given video operations. */
export function forVideo(operation: string[], extra: INodeProperties['displayOptions'] = {}) {
	return { show: { resource: ['video'], operation, ...(extra.show ?? {}) } };
}

export function videoIdField(
	operations: string[],
	description = 'ID of the video (video_…)',
): INodeProperties {
	return {
		displayName: 'Video ID',
		name: 'videoId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5',
		description,
		displayOptions: forVideo(operations),
	};
}

export function promptField(operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description,
		displayOptions: forVideo(operations),
	};
}

export function modelField(operations: string[]): INodeProperties {
	return {
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The model of your host: From List reads the host's own list; By ID takes any name. Models of the families the node knows (${familyNames('and')}; e.g. ${exampleModelIds().slice(0, 4).join(', ')}) are checked before anything is paid.`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchModels', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'sora-2-pro' },
		],
		displayOptions: forVideo(operations),
	};
}

export const NOT_SENT = '';
export const CUSTOM = 'custom';

export function binaryPropertyField(
	operations: string[],
	displayName: string,
	description: string,
	extraShow: Record<string, Array<string | boolean>> = {},
): INodeProperties {
	return {
		displayName,
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description,
		displayOptions: forVideo(operations, { show: extraShow }),
	};
}

export interface WaitFieldDefaults {
	/** Default of Wait for Completion (and of Download Video): on for the creating operations, off for Get. */
	wait: boolean;
	/** Whether Route by Status is offered while waiting too (Get), or only without waiting (creates). */
	routeWhileWaiting: boolean;
}

/**
 * Fields of every operation that can wait for a video: Wait for Completion, Download Video,
 * Route by Status, Wait Options.
 */
export function waitFields(
	operations: string[],
	defaults: WaitFieldDefaults = { wait: true, routeWhileWaiting: false },
): INodeProperties[] {
	const waitDefault = (field: INodeProperties): INodeProperties => ({
		...field,
		default: defaults.wait,
	});
	return [
		waitDefault({
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: true,
			description:
				"Whether to wait until the video is completed or failed before the node outputs it. Waiting holds an n8n worker for the whole render: for long videos, leave it off and loop through n8n's Wait node (see Route by Status).",
			displayOptions: forVideo(operations),
		}),
		waitDefault({
			displayName: 'Download Video',
			name: 'downloadVideo',
			type: 'boolean',
			default: true,
			description: 'Whether to put the finished MP4 on the output item as binary data',
			displayOptions: forVideo(operations, { show: { waitForCompletion: [true] } }),
		}),
		binaryPropertyField(
			operations,
			'Put Output File in Field',
			'Binary property that receives the MP4',
			{
				waitForCompletion: [true],
				downloadVideo: [true],
			},
		),
		{
			displayName: 'Route by Status',
			name: 'routeByStatus',
			type: 'boolean',
			default: false,
			description:
				'Whether to give the node two outputs: Completed, and Still Generating (queued or in progress), to loop through a Wait node back to a Get. A failed video is an error (error output, or an error item with Continue).',
			displayOptions: forVideo(
				operations,
				defaults.routeWhileWaiting ? {} : { show: { waitForCompletion: [false] } },
			),
		},
		{
			displayName: 'Wait Options',
			name: 'waitOptions',
			type: 'collection',
			placeholder: 'Add Wait Option',
			default: {},
			description:
				'Settings of the node: every item must give the same value (except Max Download Size, read per item)',
			displayOptions: forVideo(operations, { show: { waitForCompletion: [true] } }),
			options: [
				{
					displayName: 'Max Concurrent Jobs',
					name: 'maxConcurrentJobs',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 256 },
					default: 8,
					description:
						'How many videos of this node may be generating at the same time; the other items wait for a free slot',
				},
				maxDownloadSizeField,
				{
					displayName: 'On Timeout',
					name: 'onTimeout',
					type: 'options',
					default: 'error',
					options: [
						{ name: 'Error', value: 'error', description: 'Fail the item, naming the video ID' },
						{
							name: 'Output Current State',
							value: 'outputState',
							description:
								'Output the video object with its status and progress, timedOut: true and elapsedSeconds; a later Get resumes it',
						},
					],
				},
				{
					displayName: 'Poll Interval (Seconds)',
					name: 'pollIntervalSeconds',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 10,
					description:
						'Longest pause between status checks. Checks start at about 1 s and grow toward this, unless the host sends a polling hint.',
				},
				{
					displayName: 'Timeout (Minutes)',
					name: 'timeoutMinutes',
					type: 'number',
					typeOptions: { minValue: 0.1 },
					default: 15,
					description:
						'Longest time to wait for all videos of this node. Items not yet sent by then fail as "Not started", without being charged.',
				},
			],
		},
	];
}

/** Max Requests per Minute: in the Options of every operation, since it caps every request the node sends. */
export const maxRequestsPerMinuteOption: INodeProperties = {
	displayName: 'Max Requests per Minute',
	name: 'maxRequestsPerMinute',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		'Cap on the requests this node sends per minute: creates, status checks, lists, deletes and downloads (0 = no cap). Rate-limit answers slow all polling down anyway.',
};

/** Idle Timeout: in the Options of every operation, since every request the node sends has it. */
export const idleTimeoutOption: INodeProperties = {
	displayName: 'Idle Timeout (Seconds)',
	name: 'idleTimeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 60,
	description:
		'End a request when the host sends no byte for this long (its answer, or a download that stalls). The request is retried where that is safe; a create is never sent again.',
};

/** What a paid operation does when the measured MP4 is not what was asked (runner/asAskedOutput.ts). */
export const onDifferenceOption: INodeProperties = {
	displayName: 'On Difference From Request',
	name: 'onDifference',
	type: 'options',
	default: 'warn',
	options: [
		{
			name: 'Warn',
			value: 'warn',
			description: 'Output the item with asAsked false and its differences, and log a warning',
		},
		{
			name: 'Fail the Item',
			value: 'error',
			description:
				'Fail the item, naming each difference (with Continue On Fail: an error item that keeps the video)',
		},
	],
	description:
		'What to do when the delivered MP4 is not what was asked: its duration off by more than 0.5 s, another aspect ratio, resolution or size, or no audio when audio was asked. The MP4 is measured as it downloads (Download Video on).',
};

/** The Options of operations whose only option is the request cap. */
export function requestOptions(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [maxRequestsPerMinuteOption, idleTimeoutOption],
	};
}

/** Shown on every operation that starts a paid job: n8n's Retry On Fail re-runs the whole node. */
export function retryOnFailNotice(operations: string[]): INodeProperties {
	return {
		displayName:
			"Keep n8n's Retry On Fail (node Settings) off: each retry runs the node again and pays for new videos. The node already retries what is safe to retry, and never re-sends a create whose fate is unknown.",
		name: 'retryOnFailNotice',
		type: 'notice',
		default: '',
		displayOptions: forVideo(operations),
	};
}

/** Options of every operation that starts a paid job. */
export function paidJobOptions(
	operations: string[],
	extra: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: forVideo(operations),
		options: [
			{
				displayName: 'Additional Body Fields',
				name: 'additionalBodyFields',
				type: 'json',
				default: '{}',
				description:
					'JSON object of provider-specific fields added to the request body as written (e.g. {"metadata": {"cfg_scale": 0.7}}). A key that a field above also sends is refused: set that field to "Model\'s Default (Not Sent)" to send your own value.',
			},
			...extra,
			{
				displayName: 'Host Honours Idempotency-Key',
				name: 'hostHonoursIdempotencyKey',
				type: 'boolean',
				default: false,
				description:
					'Whether the host deduplicates creates by their Idempotency-Key header (same key, same job). Then a create whose answer was lost (5xx, reset, timeout) is sent again with the same key instead of failing. Leave off unless your host documents it: otherwise a re-send may start and charge a second video.',
			},
			{
				displayName: 'Max Estimated Cost per Execution (USD)',
				name: 'maxEstimatedCostUsd',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description:
					'Refuse the whole batch before anything is sent when the estimated cost of all items is above this, or when an item has no known price (set Price per Second). A setting of the node: every item must give the same value. 0 = no cap.',
			},
			onDifferenceOption,
			{
				displayName: 'Price per Second (USD)',
				name: 'pricePerSecondUsd',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 4 },
				default: 0,
				description:
					"Your host's price per second of video: used by the estimate and the cap, and wins over any list price (the vendor's, e.g. Google's for Veo, or the host's own from its model list). 0 = use the list price where the node knows one.",
			},
			...platformOptions,
			{
				displayName: 'Refuse Unpriced Items',
				name: 'refuseUnpricedItems',
				type: 'boolean',
				default: false,
				description:
					'Whether to fail an item whose cost is unknown (no list price and no Price per Second) instead of sending it',
			},
			maxRequestsPerMinuteOption,
			idleTimeoutOption,
		],
	};
}
