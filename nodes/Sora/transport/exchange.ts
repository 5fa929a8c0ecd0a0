import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INode,
	Logger,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../base/credential';
import type { Clock } from '../../base/clock';
import { throwIfCancelled } from '../../base/pause';
import { inspectedStream, type NodeReadable } from '../../base/streams';
import { refusalOfHostNamedUrl } from './addressCheck';
import { readCapped, type BodyLimits } from './bodies';
import { networkFailure } from './networkError';
import { redactSecrets } from './redact';
import type { Failure } from './retryPolicy';
import { RequestWatch } from './requestWatch';

/** The parts of n8n's node contexts (execute, webhook, load options) that the transport uses. */
export interface RequestContext {
	getNode(): INode;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string): Promise<T>;
	getExecutionCancelSignal?(): AbortSignal | undefined;
	logger: Logger;
	helpers: {
		httpRequestWithAuthentication(
			this: unknown,
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
		): Promise<unknown>;
		/** Only for a URL outside Base URL's origin (a result file on a CDN): the key never goes there. */
		httpRequest(requestOptions: IHttpRequestOptions): Promise<unknown>;
	};
}

export interface SoraResponse<T = unknown> {
	status: number;
	headers: Record<string, unknown>;
	body: T;
	/** Where the answer came from, after any redirects followed. */
	url?: string;
}

export type Attempt = { response: SoraResponse } | { failure: Failure };

/** One request as it leaves: an absolute URL, the body already encoded. */
export interface Outgoing {
	method: 'GET' | 'POST' | 'DELETE';
	url: string;
	headers: Record<string, string>;
	body?: Buffer | NodeReadable | string;
	/** Answer a successful body as a stream (downloads) instead of parsed JSON. */
	stream: boolean;
	limits: BodyLimits;
	/** Ended in flight at this time (the wait's Timeout); Infinity: no end but the idle one. */
	endBy: number;
	/** Set when reading an upload from n8n's binary store failed while it was sent. */
	uploadFailed?: () => unknown;
}

/** What one exchange needs to know of its client: who may get the key, the clock, the secrets. */
export interface Network {
	ctx: RequestContext;
	base: URL;
	clock: Clock;
	idleTimeoutMs: number;
	signal: AbortSignal | undefined;
	secrets: readonly string[];
}

/** A few hops are normal (a CDN's signed URL); more is a loop, or a host playing games. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

function isJsonContent(headers: Record<string, unknown>): boolean {
	return String(headers['content-type'] ?? '').includes('json');
}

/**
 * One attempt of one request, and its redirects, followed by hand: the key and the credential's
 * custom headers go only to Base URL's own origin (n8n's helpers would carry them across origins);
 * a URL off that origin (a result file, a redirect hop) is checked before it is connected to; a
 * POST or DELETE is never redirected (its 3xx is the answer). Every read has a deadline and a
 * size bound. Network failures come back as a Failure, HTTP answers (errors too) as a response.
 */
export async function exchange(network: Network, outgoing: Outgoing): Promise<Attempt> {
	let url: URL;
	try {
		url = new URL(outgoing.url);
	} catch {
		return { failure: { kind: 'refused', url: outgoing.url, reason: 'it is not a valid URL' } };
	}
	for (let hop = 0; ; hop++) {
		const own = url.origin === network.base.origin;
		const refusal = own ? undefined : refusalOfHostNamedUrl(url, network.base);
		if (refusal) return { failure: { kind: 'refused', url: url.href, reason: refusal } };
		const result = await sendOnce(network, outgoing, url, own);
		if ('failure' in result) return result;
		const { raw, watch } = result;
		const location = raw.headers.location;
		const redirected = REDIRECT_STATUSES.includes(raw.statusCode) && typeof location === 'string';
		if (!redirected || outgoing.method !== 'GET')
			return await readAnswer(network, outgoing, raw, watch, url);
		(raw.body as NodeReadable | undefined)?.destroy?.();
		watch.finish();
		if (hop + 1 > MAX_REDIRECTS)
			return {
				failure: { kind: 'refused', url: url.href, reason: `more than ${MAX_REDIRECTS} redirects` },
			};
		try {
			url = new URL(location, url);
		} catch {
			return { failure: { kind: 'refused', url: location, reason: 'it is not a valid URL' } };
		}
		network.ctx.logger.debug(`Sora: ${outgoing.method} redirected to ${url.origin}${url.pathname}`);
	}
}

async function sendOnce(
	network: Network,
	outgoing: Outgoing,
	url: URL,
	own: boolean,
): Promise<{ raw: RawResponse; watch: RequestWatch } | { failure: Failure }> {
	const watch = new RequestWatch(
		network.clock,
		network.idleTimeoutMs,
		outgoing.endBy,
		network.signal,
	);
	const options: IHttpRequestOptions = {
		method: outgoing.method,
		url: url.href,
		headers: { ...outgoing.headers },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		encoding: 'stream',
		timeout: Number.isFinite(network.idleTimeoutMs) ? network.idleTimeoutMs : undefined,
		abortSignal: watch.abort.signal,
	};
	if (outgoing.body !== undefined) options.body = outgoing.body;
	try {
		const raw = (
			own
				? await network.ctx.helpers.httpRequestWithAuthentication.call(
						network.ctx,
						CREDENTIAL_TYPE,
						options,
					)
				: await network.ctx.helpers.httpRequest(options)
		) as RawResponse;
		raw.headers ??= {};
		watch.touch();
		return { raw, watch };
	} catch (error) {
		watch.finish();
		throwIfCancelled(network.signal);
		const ended = endedFailure(watch, network);
		if (ended) return { failure: ended };
		const uploadFailed = outgoing.uploadFailed?.();
		if (uploadFailed !== undefined) return { failure: storeFailure(uploadFailed) };
		const failure = networkFailure(error);
		if (failure.cause) failure.cause = redactSecrets(failure.cause, network.secrets);
		return { failure };
	}
}

function endedFailure(watch: RequestWatch, network: Network): Failure | undefined {
	if (watch.endedBy === 'idle') return { kind: 'stalled', idleMs: network.idleTimeoutMs };
	if (watch.endedBy === 'deadline') return { kind: 'pastDeadline' };
	return undefined;
}

async function readAnswer(
	network: Network,
	outgoing: Outgoing,
	raw: RawResponse,
	watch: RequestWatch,
	url: URL,
): Promise<Attempt> {
	const { statusCode: status, headers } = raw;
	const source = raw.body as NodeReadable | undefined;
	if (outgoing.stream && status < 300 && source) {
		// The consumer reads it (into n8n's binary store): each chunk keeps the request alive.
		const state: { sourceFailed?: unknown } = {};
		const body = inspectedStream(source, () => watch.touch(), state, watch.ended);
		body.once('close', () => watch.finish());
		return { response: { status, headers, body, url: url.href } };
	}
	const cap = status >= 400 ? outgoing.limits.errorBytes : outgoing.limits.answerBytes;
	const read = await readCapped(source, cap, watch, status >= 400);
	watch.finish();
	throwIfCancelled(network.signal);
	if ('failed' in read) return { failure: endedFailure(watch, network) ?? { kind: 'truncated' } };
	if (read.tooLarge && status < 400) return { failure: { kind: 'tooLarge', capBytes: cap } };
	let body: unknown = read.text;
	try {
		body = read.text.trim() ? JSON.parse(read.text) : {};
	} catch {
		if (status < 300 && isJsonContent(headers)) return { failure: { kind: 'malformed' } };
	}
	// Secrets are masked in what becomes error text; answers that are data stay untouched.
	if (status >= 300) body = redactSecrets(body, network.secrets);
	return { response: { status, headers, body, url: url.href } };
}

/** Reading an upload from n8n's binary store failed: nothing complete was sent, and trying again will not help. */
export function storeFailure(error: unknown): Failure {
	return {
		kind: 'store',
		cause: (error instanceof Error ? error.message : String(error)).slice(0, 300),
	};
}
