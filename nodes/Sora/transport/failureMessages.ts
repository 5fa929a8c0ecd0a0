import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { readErrorBody, type HostOperation } from '../hosts';
import { apiErrorFromFailure, markAmbiguousCreate } from './apiError';
import { scopeSuffix, type ErrorScope } from '../../base/errorScope';
import { describeFailure, type Failure, type RequestSafety } from './retryPolicy';
import type { InvalidIdError, RouteOperation } from './routes';

/**
 * The client's words for a request that failed or was refused before sending: kept here, apart
 * from the sending, so that each message is written once.
 */
/** A request in words: its method, where it went (path under Base URL, or a URL) and its route's operation. */
export interface RequestInWords {
	method: string;
	target: string;
	operation: RouteOperation;
}

export interface HostInWords {
	node: INode;
	baseUrl: string;
	/** The host family's name, e.g. "OpenRouter". */
	label: string;
	/** Whether the host offers List (where to look for a create whose fate is unknown). */
	offersList: boolean;
}

/** The message of a read that got no usable answer: written once, for the client and the poll loop. */
export function unreachableMessage(failure: Failure): string {
	if (failure.kind === 'tooLarge')
		return `The host's answer was refused: ${describeFailure(failure)}`;
	return `The host could not be reached: ${describeFailure(failure)}`;
}

/** The error of a request that failed for good (after `attempts` tries). */
export function requestFailedError(
	host: HostInWords,
	request: RequestInWords,
	failure: Failure,
	safety: RequestSafety,
	scope: ErrorScope,
	response?: { status: number; body: unknown },
	attempts = 1,
) {
	const what = `${request.method} ${request.target}`;
	const detail =
		failure.kind === 'network'
			? ` (${failure.code}${failure.cause ? `: ${failure.cause}` : ''})`
			: '';
	const answered = response
		? ` The host said: "${readErrorBody(response.body).message ?? 'nothing'}".`
		: '';
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	if (failure.kind === 'store') {
		return apiErrorFromFailure(
			host.node,
			scope,
			"The file to upload could not be read from n8n's binary data store: nothing was sent",
			`Reading it failed with "${failure.cause}", so ${what} was not sent (or was cut before its body was complete) and nothing was created or charged. Check the input item's binary data.`,
		);
	}
	if (failure.kind === 'refused') {
		return apiErrorFromFailure(
			host.node,
			scope,
			`The node refused to fetch ${failure.url}: ${failure.reason}`,
			`${what} at ${host.baseUrl} led to ${failure.url}, which the node does not connect to (${failure.reason}). Nothing was sent there. A result file must be on a public https host (or, for a self-hosted gateway, in the same network as Base URL); see the README's Security section.`,
		);
	}
	if (failure.kind === 'network' && !failure.sent) {
		return apiErrorFromFailure(
			host.node,
			scope,
			failure.permanent
				? `The request could not be sent: ${describeFailure(failure)}`
				: unreachableMessage(failure),
			`${what} at ${host.baseUrl} could not be sent${tries}${detail}. Nothing reached the host, so nothing was created or charged.`,
		);
	}
	// A POST creates (a video or a character): after sending, its fate is unknown, even one the
	// host deduplicates by key once the re-sends with that key ran out.
	if (request.method === 'POST') {
		const character = request.operation === 'Character Create';
		const thing = character ? 'a character' : 'a video that is now being generated (and charged)';
		const next = character
			? 'It was not sent again. Check the host for the character before you run this item again.'
			: `${safety === 'safe' ? `It was sent ${attempts} times with the same Idempotency-Key without an answer.` : 'It was not sent again, so that you are not charged twice.'} ${host.offersList ? 'Use the List operation (Order: Descending) to find the job' : `${host.label} offers no List: look for the job in its dashboard or usage log`} before you run this item again.`;
		return markAmbiguousCreate(
			apiErrorFromFailure(
				host.node,
				scope,
				`The request may have created ${thing}: ${describeFailure(failure)} after it was sent`,
				`${what} got ${describeFailure(failure)}${detail} after its body was sent, so the node cannot know whether the host did it.${answered} ${next}`,
				response?.status,
			),
		);
	}
	return apiErrorFromFailure(
		host.node,
		scope,
		unreachableMessage(failure),
		`${what} at ${host.baseUrl} failed ${failure.kind === 'status' ? `with HTTP ${failure.status}` : `without an answer${detail}`}${tries}.`,
	);
}

/** The host's family does not offer this operation: refused before anything is sent. */
export function notOfferedError(
	host: HostInWords,
	operation: HostOperation,
	scope: ErrorScope,
	request: string,
) {
	return new NodeOperationError(
		host.node,
		`${host.label} does not offer ${operation}${scopeSuffix(scope)}`,
		{
			itemIndex: scope.itemIndex,
			description: `The host at ${host.baseUrl} serves only part of the Videos API, and ${operation} (${request}) is not in it. Nothing was sent. See the README's Hosts table for what each host offers, or set Host Type in the credential if this host is not a ${host.label}.`,
		},
	);
}

/** The channel (provider) that made this video does not serve this operation on it. */
export function channelLacksError(
	host: HostInWords,
	channel: string,
	operation: HostOperation,
	videoId: string,
	scope: ErrorScope,
	request: string,
) {
	return new NodeOperationError(
		host.node,
		`${channel} does not offer ${operation}${scopeSuffix({ ...scope, videoId: scope.videoId ?? videoId })}`,
		{
			itemIndex: scope.itemIndex,
			description: `Video ${videoId} was made by ${channel}, which does not serve ${operation} (${request}). Nothing was sent.`,
		},
	);
}

/** A POST or DELETE answered with a redirect: never followed (a paid request goes to Base URL only). */
export function redirectedWriteError(
	host: HostInWords,
	request: RequestInWords,
	response: { status: number; headers: Record<string, unknown> },
	scope: ErrorScope,
) {
	const what = `${request.method} ${request.target}`;
	const location = String(response.headers.location ?? 'no Location');
	const asksResend = response.status === 307 || response.status === 308;
	const error = apiErrorFromFailure(
		host.node,
		scope,
		`The host answered ${what} with a redirect (HTTP ${response.status} to ${location}), which the node does not follow`,
		`${host.baseUrl} redirected ${what} to ${location}. The node never sends a ${request.method === 'POST' ? 'paid ' : ''}request again to another URL, and it was not sent again. ` +
			(asksResend
				? `HTTP ${response.status} asks for the request to be repeated there, so the host should not have acted on it; if that URL is your gateway, set Base URL to it. `
				: `HTTP ${response.status} can follow a request the host did act on: `) +
			(request.method === 'POST' && !asksResend
				? `${host.offersList ? 'use the List operation (Order: Descending) to look for the job' : `look for the job in ${host.label}'s dashboard`} before you run this item again.`
				: ''),
		response.status,
	);
	// A 301/302/303 after a POST may follow a job the host made: its fate is unknown.
	return request.method === 'POST' && !asksResend ? markAmbiguousCreate(error) : error;
}

/** An id that would change the request's path: refused before anything is sent. */
export function invalidIdError(node: INode, error: InvalidIdError, scope: ErrorScope) {
	return new NodeOperationError(node, `${error.message}${scopeSuffix(scope)}`, {
		itemIndex: scope.itemIndex,
		description: `${error.field} must be the id the host gave (e.g. video_123 or task_abc). "." and ".." (also URL-encoded) would send the request to another path, so nothing was sent.`,
	});
}
