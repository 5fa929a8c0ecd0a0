import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { soraFamilyOf } from '../domain/contract';

/** What a request was for, so that every error names the item and, where known, the video. */
export interface ErrorScope {
	itemIndex?: number;
	videoId?: string;
	characterId?: string;
	model?: string;
}

export interface ErrorBody {
	message?: string;
	type?: string;
	param?: string | null;
	code?: string | null;
}

export const RETIRED_HOST_MESSAGE =
	"This host does not serve the Videos API: OpenAI's hosted Sora API was retired on 2026-09-24";

export function scopeSuffix(scope: ErrorScope): string {
	const parts: string[] = [];
	if (scope.itemIndex !== undefined) parts.push(`item ${scope.itemIndex}`);
	if (scope.videoId) parts.push(`video ${scope.videoId}`);
	if (scope.characterId) parts.push(`character ${scope.characterId}`);
	return parts.length ? ` [${parts.join(', ')}]` : '';
}

export function readErrorBody(body: unknown): ErrorBody {
	if (body && typeof body === 'object' && 'error' in body) {
		const error = (body as { error: unknown }).error;
		if (error && typeof error === 'object') return error as ErrorBody;
		if (typeof error === 'string') return { message: error };
	}
	if (typeof body === 'string' && body.trim()) return { message: body.trim().slice(0, 500) };
	return {};
}

const COLLECTION_PATHS = ['/videos', '/videos/edits', '/videos/extensions', '/videos/characters'];

export function looksLikeRetiredHost(status: number, path: string, error: ErrorBody, model?: string): boolean {
	if (status !== 404) return false;
	if (error.code === 'model_not_found') return model !== undefined && soraFamilyOf(model) !== undefined;
	if (typeof error.message === 'string' && error.message.startsWith('Invalid URL')) return true;
	return COLLECTION_PATHS.includes(path);
}

export interface FailedResponse {
	status: number;
	headers: Record<string, unknown>;
	body: unknown;
	method: string;
	path: string;
	baseUrl: string;
}

export function apiErrorFromResponse(node: INode, scope: ErrorScope, response: FailedResponse): NodeApiError {
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
	if (looksLikeRetiredHost(response.status, response.path, error, scope.model)) {
		message = RETIRED_HOST_MESSAGE;
		description =
			`Base URL ${response.baseUrl} answered "${error.message ?? 'not found'}" (${facts.join('; ')}). ` +
			'Set Base URL in the Sora API credential to a gateway or server that serves the same /videos API, ' +
			'and set Model to a model it offers.';
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
