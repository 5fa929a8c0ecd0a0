import type { IDataObject } from 'n8n-workflow';

import { parseRetryAfterMs } from '../domain/schedule';
import { storeFailure, type Attempt, type SoraResponse } from './exchange';
import { encodeMultipart, type EncodedMultipart, type MultipartField } from './multipart';
import type { Failure } from './retryPolicy';
import type { Route } from './routes';

export interface SoraRequest {
	method: 'GET' | 'POST' | 'DELETE';
	/** What the request is for, with its ids: the route builder makes its path (or names the host's URL). */
	route: Route;
	qs?: IDataObject;
	json?: IDataObject;
	multipart?: MultipartField[];
	headers?: Record<string, string>;
	/** Answer the body as a stream (downloads); otherwise as parsed JSON. */
	stream?: boolean;
	/** Time (ms since epoch) after which the request is not sent at all: HeldPastDeadlineError. */
	notAfter?: number;
	/** Time after which a request still in flight is ended (the wait's Timeout). */
	endBy?: number;
	/** Called each time the request actually leaves (after any hold by the request budget). */
	onSend?: () => void;
}

/** What a use of an answer says: keep it, treat it as a failure (retried by the policy), or send again now. */
export type Use<T> = { kept: T } | { failure: Failure } | { again: true };

export interface SendHandlers<T> {
	/** Each answer under 400: keep it, call it a failure, or send again now. Default: keep it. */
	use?: (response: SoraResponse) => Promise<Use<T>>;
	/** Told of every failed attempt (to log or name it), before the policy decides. */
	onFailure?: (failure: Failure) => void;
}

/** How one request ended: kept, refused by the host (an HTTP error not retried), or failed for good. */
export type Sent<T> =
	| { kept: T }
	| { refused: SoraResponse }
	| { failed: Failure; attempts: number; response?: SoraResponse };

/** What went wrong in one attempt, read one way: no answer, or an HTTP error (with its Retry-After). */
export function failureOf(result: Attempt, nowMs: number): Failure | undefined {
	if ('failure' in result) return result.failure;
	const { status, headers } = result.response;
	if (status < 400) return undefined;
	return {
		kind: 'status',
		status,
		retryAfterMs: parseRetryAfterMs(headers as Record<string, string>, nowMs),
	};
}

/** A request's body and headers as they leave, encoded once per attempt. */
export async function encodeBody(request: SoraRequest): Promise<
	| {
			headers: Record<string, string>;
			body: EncodedMultipart['body'] | string | undefined;
			upload?: EncodedMultipart;
	  }
	| { failure: Failure }
> {
	const headers: Record<string, string> = { ...request.headers };
	if (!request.stream) headers.Accept ??= 'application/json';
	if (request.multipart) {
		// A streamed upload is opened here, for each attempt: read while sent, never kept.
		const upload = await encodeMultipart(request.multipart).catch((error: unknown) => ({ error }));
		if ('error' in upload) return { failure: storeFailure(upload.error) };
		headers['Content-Type'] = upload.contentType;
		headers['Content-Length'] = String(upload.length);
		return { headers, body: upload.body, upload };
	}
	if (request.json) {
		headers['Content-Type'] = 'application/json';
		return { headers, body: JSON.stringify(request.json) };
	}
	return { headers, body: undefined };
}
