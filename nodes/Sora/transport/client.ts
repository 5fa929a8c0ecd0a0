import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
	Logger,
} from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import { parseRetryAfterMs } from '../domain/schedule';
import { CREDENTIAL_TYPE } from '../../base/credential';
import { pause, throwIfCancelled } from '../../base/pause';
import {
	dialectFor,
	familyOfAnswer,
	familyOfModelId,
	familyOfModelList,
	DIALECTS,
	operationOf,
	type HostDialect,
	type HostOperation,
} from '../hosts';
import { apiErrorFromResponse } from './apiError';
import type { ErrorScope } from '../../base/errorScope';
import {
	channelLacksError,
	notOfferedError,
	requestFailedError,
	type HostInWords,
} from './failureMessages';
import { absoluteUrl } from './urls';
import { encodeMultipart, type EncodedMultipart, type MultipartField } from './multipart';
import { HeldPastDeadlineError, RequestBudget } from './requestBudget';
import { networkFailure } from './networkError';
import { redactSecrets, secretsOf } from './redact';
import {
	describeFailure,
	POLICIES,
	RetryPolicy,
	type Failure,
	type RequestSafety,
} from './retryPolicy';

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
		/** Only for a URL outside the host's origin (a result file on a CDN): the key never goes there. */
		httpRequest(requestOptions: IHttpRequestOptions): Promise<unknown>;
	};
}

export interface SoraRequest {
	method: 'GET' | 'POST' | 'DELETE';
	/** Under Base URL; ignored when `url` is set. */
	path: string;
	/** An absolute URL the host named (a result file); sent with the credential only on the host's own origin. */
	url?: string;
	qs?: IDataObject;
	json?: IDataObject;
	multipart?: MultipartField[];
	headers?: Record<string, string>;
	/** Answer the body as a stream (downloads); otherwise as parsed JSON. */
	stream?: boolean;
	/** Time (ms since epoch) after which the request is not sent at all: HeldPastDeadlineError. */
	notAfter?: number;
	/** Called each time the request actually leaves (after any hold by the request budget). */
	onSend?: () => void;
}

export interface SoraResponse<T = unknown> {
	status: number;
	headers: Record<string, unknown>;
	body: T;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export type Attempt = { response: SoraResponse } | { failure: Failure };

/** What went wrong in one attempt, read one way for every loop that retries: no answer, or an HTTP error (with its Retry-After). */
export function failureOf(result: Attempt): Failure | undefined {
	if ('failure' in result) return result.failure;
	const { status, headers } = result.response;
	if (status < 400) return undefined;
	return {
		kind: 'status',
		status,
		retryAfterMs: parseRetryAfterMs(headers as Record<string, string>),
	};
}

function isJsonContent(headers: Record<string, unknown>): boolean {
	return String(headers['content-type'] ?? '').includes('json');
}

async function readStream(stream: AsyncIterable<Buffer | string>): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream)
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * The only code that sends requests: URLs, JSON and multipart bodies, the retry policy, the
 * request budget, and error answers turned into NodeApiErrors that name the item and video.
 */
export class SoraClient {
	readonly signal: AbortSignal | undefined;

	private constructor(
		private readonly ctx: RequestContext,
		readonly baseUrl: string,
		/** The host family's dialect; under Auto, refined by the host's first telling answer. */
		private dialect: HostDialect,
		private readonly familyChosen: boolean,
		readonly budget: RequestBudget,
		private readonly secrets: readonly string[],
	) {
		this.signal = ctx.getExecutionCancelSignal?.();
	}

	static async connect(
		ctx: RequestContext,
		budget = new RequestBudget(undefined),
	): Promise<SoraClient> {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
		const baseUrl = String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
		if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Base URL in the Sora API credential is ${baseUrl ? `"${baseUrl}", not an http(s) URL` : 'empty'}`,
				{
					description:
						'Set it to the root of the host that serves /videos, e.g. https://openrouter.ai/api/v1 or https://your-gateway.example.com/v1.',
				},
			);
		}
		const secrets = secretsOf(credentials);
		const { dialect, chosen } = dialectFor(credentials.hostType, baseUrl);
		return new SoraClient(ctx, baseUrl, dialect, chosen, budget, secrets);
	}

	/** The dialect of the host behind Base URL. */
	get host(): HostDialect {
		return this.dialect;
	}

	private identification?: Promise<void>;

	/**
	 * Under Auto, with a Base URL of no known family and no telling answer yet: before a create of a
	 * model family whose keys differ per host is spelled, the free model list (or the model id's
	 * provider prefix) says which family serves it. At most one request per execution.
	 */
	async identifyHost(model?: string): Promise<void> {
		if (this.familyChosen || this.dialect !== DIALECTS.openai) return;
		this.identification ??= this.attempt({ method: 'GET', path: this.dialect.modelListPath }).then(
			(result) => {
				const listed =
					'response' in result && result.response.status < 300
						? familyOfModelList(result.response.body, result.response.headers)
						: undefined;
				const family = listed ?? familyOfModelId(model);
				if (family && this.dialect === DIALECTS.openai) this.dialect = DIALECTS[family];
			},
			() => undefined,
		);
		await this.identification;
	}

	/** Whether the host offers an operation, as far as its family is known. */
	offers(operation: HostOperation): boolean {
		return !this.dialect.lacks.includes(operation);
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	get logger(): Logger {
		return this.ctx.logger;
	}

	/** A JSON request; `unsafe` ones (creates, deletes) are repeated only when provably not processed. */
	async call<T>(
		request: SoraRequest,
		safety: RequestSafety | RetryPolicy,
		scope: ErrorScope,
	): Promise<SoraResponse<T>> {
		const policy = policyOf(safety);
		const response = await this.withRetries(request, policy, scope);
		if (request.method === 'POST' && response.status >= 500) {
			const failure: Failure = { kind: 'status', status: response.status };
			throw requestFailedError(this.inWords, request, failure, policy.safety, scope, response);
		}
		if (response.status >= 400) throw this.errorFor(request, response, scope);
		return response as SoraResponse<T>;
	}

	/** Sends with retries; answers the final response whatever its status. */
	async withRetries(
		request: SoraRequest,
		safety: RequestSafety | RetryPolicy,
		scope: ErrorScope,
	): Promise<SoraResponse> {
		const result = await this.retrying(request, safety, scope, async (response) => ({
			kept: response,
		}));
		return 'kept' in result ? result.kept : result.refused;
	}

	/**
	 * The one retry loop. Each answer under 400 goes to `use`, which keeps it or reports a failure
	 * of its own (a download cut short): that failure is retried under the same policy and counts
	 * against the same attempts as a failed request, so no request is ever retried inside another
	 * retry (a download costs at most the policy's attempts, 12). An HTTP error that is not retried
	 * comes back as `refused`; any other failure, after its last attempt, throws `giveUp`'s error,
	 * or the client's own when `giveUp` has none for it.
	 */
	async retrying<T>(
		request: SoraRequest,
		safety: RequestSafety | RetryPolicy,
		scope: ErrorScope,
		use: (response: SoraResponse) => Promise<{ kept: T } | { failure: Failure }>,
		giveUp: (failure: Failure, attempts: number) => Error | undefined = () => undefined,
	): Promise<{ kept: T } | { refused: SoraResponse }> {
		const policy = policyOf(safety);
		for (let attempt = 0; ; attempt++) {
			const result = await this.attempt(request, scope);
			let failure = failureOf(result);
			if (!failure) {
				const used = await use((result as { response: SoraResponse }).response);
				if ('kept' in used) return used;
				failure = used.failure;
			}
			const decision = policy.decide(failure, attempt);
			if (!decision.retry) {
				if (failure.kind === 'status' && 'response' in result) return { refused: result.response };
				throw (
					giveUp(failure, attempt + 1) ??
					requestFailedError(
						this.inWords,
						request,
						failure,
						policy.safety,
						scope,
						undefined,
						attempt + 1,
					)
				);
			}
			const delay = decision.delayMs;
			if (Date.now() + delay > (request.notAfter ?? Infinity)) throw new HeldPastDeadlineError();
			this.ctx.logger.debug(
				`Sora: ${request.method} ${request.url ?? request.path} got ${describeFailure(failure)}; retrying in ${delay} ms`,
			);
			await pause(delay, this.signal);
		}
	}

	/** One attempt, no retry: network failures come back as a Failure, HTTP errors as a response. */
	async attempt(request: SoraRequest, scope: ErrorScope = {}): Promise<Attempt> {
		throwIfCancelled(this.signal);
		this.refuseIfNotOffered(request, scope);
		await this.budget.beforeRequest(this.signal, request.notAfter);
		// A streamed upload is opened here, for each attempt: read while sent, never kept.
		const upload = request.multipart
			? await encodeMultipart(request.multipart).catch((error: unknown) => ({ error }))
			: undefined;
		if (upload && 'error' in upload) return { failure: storeFailure(upload.error) };
		request.onSend?.();
		let raw: RawResponse;
		try {
			const options = this.toHttpOptions(request, upload);
			raw = (
				this.isOwnOrigin(options.url)
					? await this.ctx.helpers.httpRequestWithAuthentication.call(
							this.ctx,
							CREDENTIAL_TYPE,
							options,
						)
					: await this.ctx.helpers.httpRequest(options)
			) as RawResponse;
		} catch (error) {
			throwIfCancelled(this.signal);
			if (upload?.sourceFailed !== undefined) return { failure: storeFailure(upload.sourceFailed) };
			const failure = networkFailure(error);
			if (failure.cause) failure.cause = redactSecrets(failure.cause, this.secrets);
			this.ctx.logger.debug(
				`Sora: ${request.method} ${request.path} failed (${failure.sent ? 'maybe sent' : 'not sent'}): ${failure.code} ${failure.cause ?? ''}`,
			);
			return { failure };
		}
		const headers = raw.headers ?? {};
		const retryAfterMs = parseRetryAfterMs(headers as Record<string, string>);
		this.budget.afterResponse(raw.statusCode, retryAfterMs);
		this.ctx.logger.debug(`Sora: ${request.method} ${request.path} → ${raw.statusCode}`);

		let body = raw.body;
		if (request.stream && raw.statusCode >= 400 && body && typeof body === 'object') {
			body = await readStream(body as AsyncIterable<Buffer>).catch(() => '');
		}
		if (typeof body === 'string' && (isJsonContent(headers) || raw.statusCode >= 400)) {
			try {
				body = body.trim() ? JSON.parse(body) : {};
			} catch {
				if (raw.statusCode < 400) return { failure: { kind: 'malformed' } };
			}
		}
		// Secrets are masked only in what becomes error text; answers that are data stay untouched.
		if (raw.statusCode >= 400) body = redactSecrets(body, this.secrets);
		if (!this.familyChosen && raw.statusCode < 300) {
			const family = familyOfAnswer(body);
			if (family) this.dialect = DIALECTS[family];
		}
		return { response: { status: raw.statusCode, headers, body } };
	}

	errorFor(request: SoraRequest, response: SoraResponse, scope: ErrorScope) {
		return apiErrorFromResponse(this.node, scope, {
			...response,
			method: request.method,
			path: request.url ?? request.path,
			baseUrl: this.baseUrl,
			operation: operationOf(request.method, request.path),
			hostLabel: this.familyChosen ? this.dialect.label : undefined,
		});
	}

	/** A request the host's family is known not to serve fails here, before anything is sent. */
	private refuseIfNotOffered(request: SoraRequest, scope: ErrorScope): void {
		const operation = request.url ? undefined : operationOf(request.method, request.path);
		if (!operation) return;
		this.requireOffered(operation, scope, `${request.method} ${request.path}`);
		const [collection, videoId] = request.path.split('?')[0].split('/').filter(Boolean);
		if (collection !== 'videos' || !videoId) return;
		const channel = this.dialect.lacksForVideo?.(operation, decodeURIComponent(videoId));
		if (channel) {
			throw channelLacksError(
				this.inWords,
				channel,
				operation,
				decodeURIComponent(videoId),
				scope,
				`${request.method} ${request.path}`,
			);
		}
	}

	/** Fails, naming the operation and the host, when the host's family is known not to offer it. */
	requireOffered(operation: HostOperation, scope: ErrorScope, request: string = operation): void {
		if (!this.offers(operation)) throw notOfferedError(this.inWords, operation, scope, request);
	}

	/** What the failure messages say about this host. */
	private get inWords(): HostInWords {
		return {
			node: this.node,
			baseUrl: this.baseUrl,
			label: this.dialect.label,
			offersList: this.offers('List'),
		};
	}

	private isOwnOrigin(url: string): boolean {
		const origin = (value: string) => /^[a-z]+:\/\/[^/?#]+/i.exec(value)?.[0].toLowerCase();
		return origin(url) === origin(this.baseUrl);
	}

	private toHttpOptions(request: SoraRequest, upload?: EncodedMultipart): IHttpRequestOptions {
		const headers: Record<string, string> = { ...request.headers };
		const options: IHttpRequestOptions = {
			method: request.method,
			url: absoluteUrl(this.baseUrl, request),
			headers,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		if (request.stream) {
			options.encoding = 'stream';
		} else {
			options.json = true;
		}
		if (upload) {
			headers['Content-Type'] = upload.contentType;
			headers['Content-Length'] = String(upload.length);
			options.body = upload.body;
			// Following redirects keeps every byte written, to send the body again: a streamed
			// upload would then sit in memory whole. A create is not sent on to another URL anyway.
			if (!Buffer.isBuffer(upload.body)) options.disableFollowRedirect = true;
		} else if (request.json) {
			headers['Content-Type'] = 'application/json';
			options.body = request.json;
		}
		return options;
	}
}

/** Reading an upload from n8n's binary store failed: nothing complete was sent, and trying again will not help. */
function storeFailure(error: unknown): Failure {
	return {
		kind: 'store',
		cause: (error instanceof Error ? error.message : String(error)).slice(0, 300),
	};
}

function policyOf(safety: RequestSafety | RetryPolicy): RetryPolicy {
	if (safety instanceof RetryPolicy) return safety;
	return safety === 'safe' ? POLICIES.read : POLICIES.write;
}
