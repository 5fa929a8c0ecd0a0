import { createHash } from 'node:crypto';
import { ApiError } from './api-error';
import type { RouteAnswer } from './handler-context';
import type { ParsedRequest } from './request-reader';
import type { ResolvedOptions } from './handler-context';

export interface IdempotentAnswer {
	fingerprint: string;
	answer: RouteAnswer;
}

interface IdempotencyState {
	readonly options: ResolvedOptions;
	readonly idempotentAnswers: Map<string, IdempotentAnswer>;
}

/**
 * `honoursIdempotencyKey`: a job-creating POST with an `Idempotency-Key` already seen with the same
 * body gets the first answer again (no new job); with another body it is 409. Only successful
 * answers are remembered, so a request that failed may be sent again.
 */
export function answerOnce(
	state: IdempotencyState,
	parsed: ParsedRequest,
	createsJob: boolean,
	produce: () => RouteAnswer,
): RouteAnswer {
	const key = parsed.record.headers['idempotency-key'];
	if (!state.options.honoursIdempotencyKey || !createsJob || !key) return produce();
	const storeKey = `${parsed.apiKey ?? ''}\n${key}`;
	const fingerprint = requestFingerprint(parsed);
	const stored = state.idempotentAnswers.get(storeKey);
	if (stored) {
		if (stored.fingerprint !== fingerprint) {
			throw new ApiError(
				409,
				'Idempotency-Key reused with a different request body',
				null,
				'idempotency_key_reused',
			);
		}
		return stored.answer;
	}
	const answer = produce();
	if (answer.kind === 'json' && answer.status < 300)
		state.idempotentAnswers.set(storeKey, { fingerprint, answer });
	return answer;
}

/** Method, path and body, independent of a multipart boundary or JSON key order. */
function requestFingerprint(parsed: ParsedRequest): string {
	const { method, path, json, form, files } = parsed.record;
	const fileHashes = Object.entries(files ?? {}).map(([name, file]) => [name, file.sha256]);
	const body = canonical({ json, form, files: Object.fromEntries(fileHashes) });
	return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
}

function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, entry]) => entry !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([name, entry]) => `${JSON.stringify(name)}:${canonical(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}
