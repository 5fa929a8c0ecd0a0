import type { IDataObject, INode, Logger } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../base/credential';
import { parseRetryAfterMs } from '../domain/schedule';
import { SYSTEM_TIME, type TimeSource } from '../../base/timing';
import { throwIfCancelled } from '../../base/pause';
import { type HostDialect, type HostOperation, type ModelChoice } from '../hosts';
import { apiErrorFromResponse } from './apiError';
import { scopeSuffix, type ErrorScope } from '../../base/errorScope';
import { BODY_LIMITS } from './bodies';
import { readBaseUrl } from './baseUrl';
import { HostIdentity } from './hostIdentity';
import { ModelList } from './modelList';
import {
	exchange,
	type Attempt,
	type Network,
	type RequestContext,
	type SoraResponse,
} from './exchange';
import {
	notOfferedError,
	redirectedWriteError,
	requestFailedError,
	type HostInWords,
	type RequestInWords,
} from './failureMessages';
import { encodeBody, failureOf, type SendHandlers, type Sent, type SoraRequest } from './request';
import { describeRequest } from './requestWords';
import { resolveTarget, servedTarget } from './targets';
import { HeldPastDeadlineError, RequestBudget } from './requestBudget';
import { redactSecrets, secretsOf } from './redact';
import {
	describeFailure,
	policyOf,
	type Failure,
	type RequestSafety,
	type RetryPolicy,
} from './retryPolicy';
import { menuOperationOf } from './routes';
import { absoluteUrl } from './urls';

export type { Attempt, RequestContext, SoraResponse } from './exchange';
export { failureOf, type SendHandlers, type Sent, type SoraRequest, type Use } from './request';

export interface ClientOptions {
	budget?: RequestBudget;
	/** A request is ended when no byte has come for this long (Options → Idle Timeout). */
	idleTimeoutMs?: number;
	/** The clock and the timing of the node's own waits (the system's in n8n). */
	time?: TimeSource;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * The one way out to the network: every request the node and the trigger send comes through
 * `send` (the one loop that re-sends, under the policy of its kind of request), and each attempt
 * through `exchange` (redirects by hand, the key only to Base URL's origin, deadlines, bounds).
 */
export class SoraClient {
	readonly signal: AbortSignal | undefined;

	private readonly network: Network;

	private readonly modelList = new ModelList(this);

	private constructor(
		private readonly ctx: RequestContext,
		readonly baseUrl: string,
		private readonly identity: HostIdentity,
		readonly budget: RequestBudget,
		readonly time: TimeSource,
		private readonly secrets: readonly string[],
		idleTimeoutMs: number,
	) {
		this.signal = ctx.getExecutionCancelSignal?.();
		this.network = {
			ctx,
			base: new URL(baseUrl),
			clock: time.clock,
			idleTimeoutMs,
			signal: this.signal,
			secrets,
		};
	}

	static async connect(ctx: RequestContext, options: ClientOptions = {}): Promise<SoraClient> {
		const credentials = await ctx.getCredentials<IDataObject>(CREDENTIAL_TYPE);
		const baseUrl = readBaseUrl(ctx.getNode(), credentials.baseUrl);
		const time = options.time ?? SYSTEM_TIME;
		return new SoraClient(
			ctx,
			baseUrl,
			HostIdentity.of(credentials.hostType, baseUrl),
			options.budget ?? new RequestBudget(undefined, time.clock),
			time,
			secretsOf(credentials),
			options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
		);
	}

	/** The dialect of the host behind Base URL. */
	get host(): HostDialect {
		return this.identity.dialect;
	}

	private get dialect(): HostDialect {
		return this.identity.dialect;
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	get logger(): Logger {
		return this.ctx.logger;
	}

	/** Whether the host offers an operation, as far as its family is known. */
	offers(operation: HostOperation): boolean {
		return !this.dialect.lacks.includes(operation);
	}

	/** Fails, naming the operation and the host, when the host's family is known not to offer it. */
	requireOffered(operation: HostOperation, scope: ErrorScope, request: string = operation): void {
		if (!this.offers(operation)) throw notOfferedError(this.inWords, operation, scope, request);
	}

	/** The host's model list, read once per execution and path (./modelList.ts). */
	listModels(): Promise<ModelChoice[]> {
		return this.modelList.models();
	}

	/**
	 * Under Auto, with a Base URL of no known family and no telling answer yet: before a create of a
	 * model family whose keys differ per host is spelled, the free model list (or the model id's
	 * provider prefix) says which family serves it. At most one request per execution.
	 */
	async identifyHost(model?: string): Promise<void> {
		await this.identity.identify(() => this.modelList.answer(), model);
	}

	/** A JSON request whose HTTP errors become NodeApiErrors; `unsafe` ones are repeated only when provably not processed. */
	async call<T>(
		request: SoraRequest,
		safety: RequestSafety | RetryPolicy,
		scope: ErrorScope,
	): Promise<SoraResponse<T>> {
		const policy = policyOf(safety);
		const sent = await this.send<SoraResponse>(request, policy, scope);
		if ('failed' in sent)
			throw this.failedError(request, sent.failed, policy, scope, sent.response, sent.attempts);
		const response = 'kept' in sent ? sent.kept : sent.refused;
		if (request.method !== 'GET' && response.status >= 300 && response.status < 400)
			throw redirectedWriteError(this.inWords, this.describe(request), response, scope);
		if (request.method === 'POST' && response.status >= 500) {
			const failure: Failure = { kind: 'status', status: response.status };
			throw requestFailedError(
				this.inWords,
				this.describe(request),
				failure,
				policy.safety,
				scope,
				response,
			);
		}
		if (response.status >= 300) throw this.errorFor(request, response, scope);
		return response as SoraResponse<T>;
	}

	/**
	 * The one loop that sends a request again. Each answer under 400 goes to `use`, which keeps it,
	 * reports a failure of its own (a download cut short: retried under the same policy, counting
	 * against the same attempts, so no request is retried inside another retry), or asks to send
	 * again at once (a lookup that waited for another create). An HTTP error that is not retried
	 * comes back as `refused`; any other failure, once the policy stops, as `failed`.
	 */
	async send<T = SoraResponse>(
		request: SoraRequest,
		policy: RetryPolicy,
		scope: ErrorScope,
		{ use = async (response) => ({ kept: response as T }), onFailure }: SendHandlers<T> = {},
	): Promise<Sent<T>> {
		for (let attempt = 0; ; attempt++) {
			const result = await this.attempt(request, scope);
			let failure = failureOf(result, this.time.clock.now());
			if (!failure) {
				const used = await use((result as { response: SoraResponse }).response);
				if ('kept' in used) return used;
				if ('again' in used) {
					attempt--;
					continue;
				}
				failure = used.failure;
			}
			onFailure?.(failure);
			const decision = policy.decide(failure, attempt, this.time.timing);
			const response = 'response' in result ? result.response : undefined;
			if (!decision.retry) {
				if (failure.kind === 'status' && response) return { refused: response };
				return { failed: failure, attempts: attempt + 1, response };
			}
			const delay = decision.delayMs;
			if (this.time.clock.now() + delay > (request.notAfter ?? Infinity))
				throw new HeldPastDeadlineError();
			this.log(request, `got ${describeFailure(failure)}; retrying in ${delay} ms`, scope);
			await this.time.clock.pause(delay, this.signal);
		}
	}

	/** One attempt: network failures come back as a Failure, HTTP answers as a response. */
	private async attempt(request: SoraRequest, scope: ErrorScope): Promise<Attempt> {
		throwIfCancelled(this.signal);
		const target = servedTarget(this.dialect, request, scope, this.inWords);
		await this.budget.beforeRequest(this.signal, request.notAfter);
		const encoded = await encodeBody(request);
		if ('failure' in encoded) return encoded;
		const { headers, body, upload } = encoded;
		request.onSend?.();
		const result = await exchange(this.network, {
			method: request.method,
			url: absoluteUrl(this.baseUrl, target),
			headers,
			body,
			stream: request.stream ?? false,
			limits: request.route.operation === 'Get' ? BODY_LIMITS.status : BODY_LIMITS.answer,
			endBy: request.endBy ?? Infinity,
			uploadFailed: () => upload?.sourceFailed,
		});
		if ('failure' in result) {
			this.log(request, `failed: ${describeFailure(result.failure)}`, scope);
			return result;
		}
		const { status, headers: answered, body: answer } = result.response;
		this.budget.afterResponse(
			status,
			parseRetryAfterMs(answered as Record<string, string>, this.time.clock.now()),
		);
		this.log(request, `→ ${status}`, scope);
		if (status < 300 && !request.stream) this.identity.learnFrom(answer);
		return result;
	}

	/** The request in words for errors and logs: method and URL (path under Base URL), secrets masked. */
	describe(request: Pick<SoraRequest, 'method' | 'route' | 'qs'>): RequestInWords {
		return describeRequest(this.dialect, request, this.secrets);
	}

	/** The absolute URL a request goes to first (query included), secrets masked: for errors and a tool's answer. */
	urlOf(request: Pick<SoraRequest, 'route' | 'qs'>): string {
		return redactSecrets(
			absoluteUrl(this.baseUrl, resolveTarget(this.dialect, request)),
			this.secrets,
		);
	}

	/** The one log line format of a request. */
	private log(request: SoraRequest, text: string, scope: ErrorScope): void {
		const { method, target } = this.describe(request);
		this.ctx.logger.debug(`Sora: ${method} ${target} ${text}${scopeSuffix(scope)}`);
	}

	/** The error of a request that failed for good (after `attempts` tries). */
	failedError(
		request: Pick<SoraRequest, 'method' | 'route'>,
		failure: Failure,
		policy: RetryPolicy,
		scope: ErrorScope,
		response?: SoraResponse,
		attempts = 1,
	) {
		return requestFailedError(
			this.inWords,
			this.describe(request),
			failure,
			policy.safety,
			scope,
			response,
			attempts,
		);
	}

	errorFor(
		request: Pick<SoraRequest, 'method' | 'route'>,
		response: SoraResponse,
		scope: ErrorScope,
	) {
		const { method, target } = this.describe(request);
		return apiErrorFromResponse(this.node, scope, {
			...response,
			method,
			path: target,
			baseUrl: this.baseUrl,
			operation: menuOperationOf(request.route),
			hostLabel: this.identity.known ? this.dialect.label : undefined,
		});
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
}
