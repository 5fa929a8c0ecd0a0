import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { maxDownloadSizeField } from '../shared/downloadLimit';
import { timeSourceOf, type TimeSource } from '../base/timing';
import { completeEvents } from './completeEvents';
import { receiveDelivery } from './receiveDelivery';
import { assertSigningSecret } from './signingSecret';

export class SoraTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora (Videos API) Trigger',
		name: 'soraTrigger',
		icon: { light: 'file:soraTrigger.svg', dark: 'file:soraTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			"Starts the workflow when a video is completed or has failed, from the provider's signed webhooks",
		defaults: { name: 'Sora Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'soraApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"Add this node's Production URL as a webhook endpoint in your provider's settings (events video.completed and video.failed), or on OpenRouter as Create's Callback URL option, and copy the provider's signing secret (whsec_… or OpenRouter's) into the Sora API credential. Deliveries without a valid signature are refused.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['video.completed', 'video.failed'],
				description:
					'The events that start the workflow; other events are acknowledged and ignored',
				options: [
					{
						name: 'Video Completed',
						value: 'video.completed',
						description: 'A video finished generating',
					},
					{
						name: 'Video Failed',
						value: 'video.failed',
						description: 'A video could not be generated',
					},
				],
			},
			{
				displayName: 'Fetch Video',
				name: 'fetchVideo',
				type: 'boolean',
				default: true,
				description:
					'Whether to get the video object (status, prompt, size, seconds …) onto the item. For video.failed events it is always fetched, so that the item carries the video’s error.',
			},
			{
				displayName: 'Download Video',
				name: 'downloadVideo',
				type: 'boolean',
				default: false,
				description: 'Whether to put the MP4 of a completed video on the item as binary data',
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				description: 'Binary property that receives the MP4',
				displayOptions: { show: { downloadVideo: [true] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					maxDownloadSizeField,
					{
						displayName: 'Signing Secret',
						name: 'signingSecret',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						description:
							"The provider's webhook signing secret (whsec_…) for this trigger; overrides the credential's Webhook Signing Secret",
					},
				],
			},
		],
	};

	/**
	 * The provider's webhook endpoint is set in its dashboard, not through an API: there is
	 * nothing to register. Listening is refused without a signing secret, so that an endpoint
	 * that would refuse every delivery is never switched on unnoticed.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await assertSigningSecret(this);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await assertSigningSecret(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	webhook: (this: IWebhookFunctions) => Promise<IWebhookResponseData>;

	/** Runs in the engine on the webhook's items: Fetch Video and Download Video, after the answer was sent. */
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	/** n8n makes the node with no argument (the system's clock); the test harness hands in its own. */
	constructor(time: Partial<TimeSource> = {}) {
		const source = timeSourceOf(time);
		this.webhook = async function (this: IWebhookFunctions) {
			return await receiveDelivery.call(this, source.clock);
		};
		this.execute = async function (this: IExecuteFunctions) {
			return [await completeEvents.call(this, source)];
		};
	}
}
