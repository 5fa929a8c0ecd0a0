import { ApiError, serverError } from '../api-error';
import type { CdnListener } from '../cdn';
import type { Exchange } from '../exchange';
import type { ParsedRequest } from '../request-reader';
import { faultAnsweredFirst, sendAnswer, type ServerState } from '../request-pipeline';
import { answerOnce } from '../idempotency';
import type { HostContext, HostDialect } from './host-dialect';
import { HostError } from './host-error';

/**
 * Answers one request in a host mode: the host's own routes, auth and error shapes; faults and
 * idempotency as in the other modes. The OpenAI contract is not checked here (these hosts do not
 * follow it); requests the host refuses as malformed are recorded as violations of its dialect.
 */
export async function answerHostRequest(
	state: ServerState & { readonly url: string; readonly cdn: CdnListener },
	dialect: HostDialect,
	parsed: ParsedRequest,
	exchange: Exchange,
): Promise<void> {
	const { record } = parsed;
	const requestId = String(exchange.res.getHeader('x-request-id') ?? '');
	try {
		const route = parsed.hasApiPrefix ? dialect.route(record.method, record.path) : undefined;
		if (!route) throw dialect.notFound(record.method, parsed.fullPath);
		const authError = dialect.authError(parsed.apiKey, state.options.apiKey, requestId);
		if (authError) throw authError;
		if (parsed.bodyError) throw parsed.bodyError;
		const fault = state.faults.pick(record.method, record.path, route, state.options.faultRates);
		record.fault = fault;
		if (await faultAnsweredFirst(state, fault, route, exchange)) return;
		const context: HostContext = {
			state,
			cdn: state.cdn,
			baseUrl: state.url,
			method: record.method,
			path: record.path,
			body: parsed.body,
			query: record.query,
			params: route.params as Record<string, string>,
			requestId,
			forceFail: fault === 'job-fails',
		};
		const answer = answerOnce(state, parsed, route.createsJob, () => route.handle(context));
		if (fault === 'server-error-after-processing') throw serverError(500);
		if (fault === 'reset-after-processing') return exchange.destroy();
		return await sendAnswer(state, exchange, answer, fault);
	} catch (error) {
		if (error instanceof HostError) {
			if (error.violation)
				state.contractViolations.push(
					`${dialect.mode} dialect: ${record.method} ${record.path}: ${error.message}`,
				);
			throw error;
		}
		if (error instanceof ApiError) throw dialect.shapeError(error, requestId);
		throw error;
	}
}
