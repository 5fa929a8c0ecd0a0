import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { soraFamilyOf } from '../domain/contract';
import { isRetiredHost, readErrorBody, type ErrorBody, type HostOperation } from '../hosts';
import { familyLabel, familyOf } from '../models';
import { scopeSuffix, type ErrorScope } from '../../base/errorScope';

export { readErrorBody, type ErrorBody };

export const RETIRED_HOST_MESSAGE =
	"This host does not serve the Videos API: OpenAI's hosted Sora API was retired on 2026-09-24";

/** Requests to a collection (no id in the path): a 404 there means the API itself is gone. */
const COLLECTION_OPERATIONS: readonly HostOperation[] = [
	'Create',
	'List',
	'Edit',
	'Extend',
	'Character Create',
];

/** Only OpenAI's and Azure's own hosts are retired: a gateway's 404 means something else. */
export function looksLikeRetiredHost(
	status: number,
	operation: HostOperation | undefined,
	error: ErrorBody,
	model?: string,
	baseUrl = '',
): boolean {
	if (status !== 404 || !isRetiredHost(baseUrl)) return false;
	if (error.code === 'model_not_found')
		return model !== undefined && soraFamilyOf(model) !== undefined;
	if (typeof error.message === 'string' && error.message.startsWith('Invalid URL')) return true;
	return operation !== undefined && COLLECTION_OPERATIONS.includes(operation);
}

export interface FailedResponse {
	status: number;
	headers: Record<string, unknown>;
	body: unknown;
	method: string;
	path: string;
	baseUrl: string;
	/** The menu entry the request belongs to. */
	operation?: HostOperation;
	/** The host family's name, when the credential or Base URL says which it is. */
	hostLabel?: string;
}

const isInvalidUrl = (error: ErrorBody) =>
	typeof error.message === 'string' && /^invalid url\b/i.test(error.message);

export function apiErrorFromResponse(
	node: INode,
	scope: ErrorScope,
	response: FailedResponse,
): NodeApiError {
	const error = readErrorBody(response.body);
	const requestId = response.headers['x-request-id'];
	const facts = [
		`HTTP ${response.status} from ${response.method} ${response.path}`,
		error.code ? `code ${error.code}` : '',
		error.param ? `parameter ${error.param}` : '',
		requestId ? `request id ${String(requestId)}` : '',
	].filter(Boolean);

	let message = error.message || `The API answered HTTP ${response.status}`;
	let description = `${facts.join('; ')}.`;
	const host = response.hostLabel ?? `The host at ${response.baseUrl}`;
	if (
		looksLikeRetiredHost(response.status, response.operation, error, scope.model, response.baseUrl)
	) {
		message = RETIRED_HOST_MESSAGE;
		description =
			`Base URL ${response.baseUrl} answered "${error.message ?? 'not found'}" (${facts.join('; ')}). ` +
			'Set Base URL in the Sora API credential to a gateway or server that serves the same /videos API, ' +
			'and set Model to a model it offers.';
	} else if (error.relayCode) {
		const family = scope.model ? familyOf(scope.model) : 'unknown';
		const model = scope.model
			? `${scope.model}${family !== 'unknown' ? ` (${familyLabel(family)})` : ''}`
			: 'the model';
		message = `The upstream of ${model} refused the request: ${error.message ?? 'no reason given'}${error.code ? ` (code ${error.code})` : ''}`;
		description = `${host} passed on its upstream's error as ${error.relayCode} (${facts.join('; ')}). The model's provider refused the request as sent, so the gateway started no task for it.`;
	} else if (error.code === 'invalid_seconds') {
		message = `${host} refused the request: ${error.message ?? 'the duration is out of range'} (code invalid_seconds)`;
		description = `${facts.join('; ')}. The gateway itself refuses seconds or duration outside 0-3600 (new-api since 2026-08) before any task starts: nothing was paid.`;
	} else if (response.status === 404 && isInvalidUrl(error) && response.operation) {
		message = `${host} does not offer ${response.operation}`;
		description = `It answered "${error.message}" (${facts.join('; ')}): the host serves the Videos API, but not this operation. See the README's Hosts table for what each host offers.`;
	} else if (
		error.code === 'model_not_found' ||
		/model.*(not found|does not exist|not exist)/i.test(error.message ?? '')
	) {
		message = `${host} has no model "${scope.model ?? 'of that name'}": ${error.message ?? 'model not found'}`;
		description = `${facts.join('; ')}. Pick one with Model → From List (the host's own list), or type a name your host lists with By ID.`;
	} else if (response.status === 401) {
		description += ' Check the API key and the Auth Header of the Sora API credential.';
	}

	const safeBody: JsonObject = {
		message,
		httpCode: String(response.status),
		...(error.code ? { code: error.code } : {}),
		...(error.param ? { param: error.param } : {}),
		...(error.type ? { type: error.type } : {}),
		...(requestId ? { requestId: String(requestId) } : {}),
		...(scope.videoId ? { videoId: scope.videoId } : {}),
	};
	return new NodeApiError(node, safeBody, {
		message: `${message}${scopeSuffix(scope)}`,
		description,
		httpCode: String(response.status),
		itemIndex: scope.itemIndex,
	});
}

/** An error for a request that got no usable answer; `httpCode` set when there was one. */
export function apiErrorFromFailure(
	node: INode,
	scope: ErrorScope,
	message: string,
	description: string,
	httpCode?: number,
): NodeApiError {
	const safeBody: JsonObject = {
		message,
		...(httpCode ? { httpCode: String(httpCode) } : {}),
		...(scope.videoId ? { videoId: scope.videoId } : {}),
	};
	return new NodeApiError(node, safeBody, {
		message: `${message}${scopeSuffix(scope)}`,
		description,
		httpCode: httpCode ? String(httpCode) : undefined,
		itemIndex: scope.itemIndex,
	});
}

/** A create whose fate is unknown: sent, but answered with a 5xx, a reset or nothing. */
export function markAmbiguousCreate(error: NodeApiError): NodeApiError {
	error.context.ambiguousCreate = true;
	return error;
}

export function isAmbiguousCreate(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && error.context.ambiguousCreate === true;
}
