import type { IDataObject } from 'n8n-workflow';

import type { CanonicalCreate } from '../types';

/**
 * new-api's unified create request (relay/common TaskSubmitReq): the keys every task channel's
 * adaptor (QuantumNous/new-api, relay/channel/task/) starts from. Top-level keys outside it are
 * dropped by new-api; provider keys go in `metadata`, decoded onto the upstream request.
 */

/** `duration` (JSON int) for the adaptors that read it, `seconds` (a string) for billing and the others. */
export function durationKeys(request: CanonicalCreate): IDataObject {
	const seconds = request.durationSeconds;
	return seconds === undefined ? {} : { duration: seconds, seconds: String(seconds) };
}

export function base(request: CanonicalCreate): IDataObject {
	return { prompt: request.prompt, model: request.model, ...durationKeys(request) };
}
