/**
 * The reference server's host modes the e2e runs in real n8n (issue 13), and for each what its host
 * family looks like to a user: the credential's Host Type, a model and duration it serves, its ids,
 * what it answers for an unknown id, what it lacks, which models Model "From List" shows, and
 * whether it sends webhooks (only OpenRouter does; new-api and LaoZhang have none).
 * The `openai` mode is covered by the rest of the e2e.
 */
import type { HostMode } from '../../test/server/types';

export interface LackedOperation {
	/** The menu name the node's message uses ("new-api gateway does not offer List"). */
	operation: string;
	parameters: Record<string, unknown>;
	/** Matches `<METHOD> <path>` of a request this operation would send (its own route, or its id in a path). */
	request: RegExp;
}

export interface HostModeSpec {
	mode: HostMode;
	/** The credential's Host Type. */
	hostType: 'newApi' | 'openRouter' | 'laoZhang';
	/** How the node names the family in its messages. */
	label: string;
	model: string;
	seconds: string;
	size: string;
	idPattern: RegExp;
	unknownId: string;
	/** The host's own message for an unknown id, as the node's error message shows it. */
	unknownMessage: RegExp;
	lacks: LackedOperation[];
	/** Model values Model "From List" must show, and ones it must not (chat models). */
	listed: string[];
	notListed: string[];
	webhooks: boolean;
	/** The finished video names a result URL on another origin (the server's CDN listener), fetched without the key. */
	resultOnCdn: boolean;
}

/** An id no video has: a lacked operation that sent anything would name it in a request path. */
const lacksId = (prefix: string, operation: string) =>
	`${prefix}e2e_lacks_${operation.toLowerCase().replace(/ /g, '_')}`;

/** The operations a family may lack, with parameters, and the requests each would send if it did not refuse. */
function lacked(operation: string, idPrefix: string): LackedOperation {
	const id = lacksId(operation.startsWith('Character') ? 'char_' : idPrefix, operation);
	const all: Record<string, Omit<LackedOperation, 'operation'>> = {
		List: {
			parameters: { resource: 'video', operation: 'list', returnAll: true },
			request: /^GET \/videos\/?$/,
		},
		Delete: {
			parameters: { resource: 'video', operation: 'delete', videoId: id },
			request: /^DELETE /,
		},
		Remix: {
			parameters: {
				resource: 'video',
				operation: 'remix',
				videoId: id,
				prompt: 'e2e: the same, at night',
			},
			request: /\/remix$/,
		},
		Edit: {
			parameters: {
				resource: 'video',
				operation: 'edit',
				videoSource: 'id',
				videoId: id,
				prompt: 'e2e: make it rain',
			},
			request: /\/videos\/edits/,
		},
		Extend: {
			parameters: {
				resource: 'video',
				operation: 'extend',
				videoSource: 'id',
				videoId: id,
				prompt: 'e2e: the boat sails on',
				duration: 4,
			},
			request: /\/videos\/extensions/,
		},
		'Character Create': {
			parameters: {
				resource: 'character',
				operation: 'create',
				name: 'e2e hero',
				videoBinaryProperty: 'data',
			},
			request: /^POST \/videos\/characters/,
		},
		'Character Get': {
			parameters: { resource: 'character', operation: 'get', characterId: id },
			request: /^GET \/videos\/characters\//,
		},
	};
	const { parameters, request } = all[operation];
	return { operation, parameters, request: new RegExp(`${request.source}|${id}`) };
}

export const NEW_API: HostModeSpec = {
	mode: 'newapi',
	hostType: 'newApi',
	label: 'new-api gateway',
	model: 'sora-2',
	seconds: '4',
	size: '720x1280',
	idPattern: /^task_\w+$/,
	unknownId: 'task_e2e_missing',
	unknownMessage: /^task_not_exist \[item 0, video task_e2e_missing\]$/,
	lacks: ['List', 'Delete', 'Edit', 'Extend', 'Character Create', 'Character Get'].map((op) =>
		lacked(op, 'task_'),
	),
	listed: ['sora-2', 'kling-v2-master', 'veo-3.1'],
	notListed: ['gpt-4o-mini'],
	webhooks: false,
	// sora-2 is new-api's OpenAI channel: /content; its task channels (kling…) name metadata.url
	resultOnCdn: false,
};

export const OPEN_ROUTER: HostModeSpec = {
	mode: 'openrouter',
	hostType: 'openRouter',
	label: 'OpenRouter',
	model: 'google/veo-3.1',
	seconds: '4',
	size: '1280x720',
	idPattern: /^job-[\w-]+$/,
	unknownId: 'job-e2e-missing',
	unknownMessage: /job-e2e-missing not found/i,
	lacks: ['List', 'Delete', 'Remix', 'Edit', 'Extend', 'Character Create', 'Character Get'].map(
		(op) => lacked(op, 'job-'),
	),
	listed: ['google/veo-3.1', 'bytedance/seedance-1-pro'],
	notListed: ['openai/gpt-4o-mini'],
	webhooks: true,
	resultOnCdn: false,
};

export const LAO_ZHANG: HostModeSpec = {
	...NEW_API,
	mode: 'laozhang',
	hostType: 'laoZhang',
	label: 'LaoZhang API',
	model: 'muse-video',
	seconds: '5',
	size: '1280x720',
	listed: ['muse-video', 'muse-video-20s', 'muse-video-60s'],
	notListed: ['gpt-4o-mini', 'claude-sonnet-4-5'],
	resultOnCdn: true,
};

export const HOST_MODE_SPECS: HostModeSpec[] = [NEW_API, OPEN_ROUTER, LAO_ZHANG];
