import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Problem } from '../../domain/problem';
import { checkCreate } from '../../hosts';
import type { CanonicalCreate, HostDialect, ModelChoice } from '../../hosts/types';
import type { SoraClient } from '../../transport/client';
import { optionsParam } from '../inputs';

/** Create's options for fields some host families take (OpenRouter, LaoZhang); checked against the host before sending. */
export const hostFieldOptions: INodeProperties[] = [
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		default: '16:9',
		description: 'OpenRouter and LaoZhang: the aspect ratio (on OpenRouter it is otherwise taken from Size)',
		options: ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9', '9:21'].map((value) => ({ name: value, value })),
	},
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…',
		description: "OpenRouter: where it posts the job's end (paste the Sora Trigger's production URL)",
	},
	{
		displayName: 'Generate Audio',
		name: 'generateAudio',
		type: 'boolean',
		default: true,
		description: 'Whether the video gets a sound track (OpenRouter; models that support it)',
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		default: '720p',
		description: 'OpenRouter: the output resolution (otherwise taken from Size)',
		options: ['480p', '720p', '768p', '1080p', '1K', '2K', '4K'].map((value) => ({ name: value, value })),
	},
	{
		displayName: 'Seed',
		name: 'seed',
		type: 'number',
		default: 0,
		description: 'OpenRouter: a seed for reproducible results (models that support it)',
	},
];

/** The host-family fields the user added to Options (an option not added is not sent). */
export function readHostFields(ctx: IExecuteFunctions, itemIndex: number): Partial<CanonicalCreate> {
	const options = optionsParam(ctx, 'options', itemIndex);
	const fields: Partial<CanonicalCreate> = {};
	if (typeof options.resolution === 'string' && options.resolution) fields.resolution = options.resolution;
	if (typeof options.aspectRatio === 'string' && options.aspectRatio) fields.aspectRatio = options.aspectRatio;
	if (typeof options.generateAudio === 'boolean') fields.generateAudio = options.generateAudio;
	if (options.seed !== undefined && options.seed !== '') fields.seed = Number(options.seed);
	if (typeof options.callbackUrl === 'string' && options.callbackUrl.trim()) fields.callbackUrl = options.callbackUrl.trim();
	return fields;
}

/**
 * A field the host's channel for the model family does not read (the gateway would drop it without
 * an error) or a value it cannot carry is refused before anything is sent, naming the host's
 * channel ("new-api's Gemini/Vertex (Veo) channel takes no Last Frame"). The tables are in hosts/.
 */
export function checkHostFields(host: HostDialect, request: CanonicalCreate): Problem | undefined {
	return checkCreate(host, request);
}

const modelLists = new WeakMap<SoraClient, Promise<ModelChoice[]>>();

/** The host's model list, read once per execution (a free request). */
export async function listedModels(client: SoraClient): Promise<ModelChoice[]> {
	let list = modelLists.get(client);
	if (!list) {
		list = client
			.call({ method: 'GET', path: client.host.modelListPath }, 'safe', {})
			.then((response) => client.host.readModels(response.body));
		modelLists.set(client, list);
	}
	return await list;
}

/** Seconds, resolution and aspect ratio checked against what the host lists for the model, before the paid call. */
export async function checkAgainstListedModel(
	client: SoraClient,
	request: CanonicalCreate,
	itemIndex: number,
): Promise<Problem | undefined> {
	const check = client.host.checkAgainstModel;
	if (!check || !request.model) return undefined;
	let models: ModelChoice[];
	try {
		models = await listedModels(client);
	} catch (error) {
		client.logger.debug(`Sora: the model list could not be read, so item ${itemIndex} is not checked against it: ${(error as Error).message}`);
		return undefined;
	}
	const model = models.find((m) => m.id === request.model);
	return model ? check(request, model) : undefined;
}
