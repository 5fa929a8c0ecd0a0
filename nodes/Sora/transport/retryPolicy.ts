/**
 * The one retry policy. A request either is safe to repeat (reads, downloads) or is not
 * (creates cost money; a delete repeated after success answers 404). Unsafe requests are
 * repeated only when the failure proves the server never processed them.
 */
export type RequestSafety = 'safe' | 'unsafe';

export type Failure =
	| { kind: 'status'; status: number; retryAfterMs?: number }
	| { kind: 'network'; code: string }
	| { kind: 'malformed' }
	| { kind: 'truncated' };

/** Network errors raised before a single byte of the request could reach the server. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

const TRANSIENT_STATUSES = [408, 425, 429, 500, 502, 503, 504, 520, 522, 524];

export const MAX_ATTEMPTS = 6;
/** A 429 proves nothing was done and asks to come back: it is worth more patience. */
export const RATE_LIMIT_MAX_ATTEMPTS = 12;

export function provesNotProcessed(failure: Failure): boolean {
	if (failure.kind === 'status') return failure.status === 429;
	if (failure.kind === 'network') return NOT_SENT_CODES.includes(failure.code);
	return false;
}

export function isTransient(failure: Failure): boolean {
	if (failure.kind === 'status') return TRANSIENT_STATUSES.includes(failure.status);
	return true;
}

export function shouldRetry(failure: Failure, safety: RequestSafety, attempt: number, maxAttempts = MAX_ATTEMPTS): boolean {
	const rateLimited = failure.kind === 'status' && failure.status === 429;
	if (attempt + 1 >= (rateLimited ? Math.max(maxAttempts, RATE_LIMIT_MAX_ATTEMPTS) : maxAttempts)) return false;
	return safety === 'safe' ? isTransient(failure) : provesNotProcessed(failure);
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ETIMEDOUT: 'connection timed out',
	ECONNABORTED: 'connection timed out',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	EPIPE: 'connection closed while sending',
};

/** Words, not error codes: n8n replaces messages that contain a known code with a generic text. */
export function describeFailure(failure: Failure): string {
	switch (failure.kind) {
		case 'status':
			return `HTTP ${failure.status}`;
		case 'network':
			return NETWORK_WORDS[failure.code] ?? 'connection failed';
		case 'malformed':
			return 'a response that is not valid JSON';
		case 'truncated':
			return 'a download cut short';
	}
}
