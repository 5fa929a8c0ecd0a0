import { retryDelayMs } from '../domain/schedule';
import type { Timing } from '../../base/timing';
import { formatBytes } from './bodies';
import { describeNetworkBlock } from './networkError';

/**
 * A request either is safe to repeat (reads, downloads, a create the host deduplicates by its
 * Idempotency-Key) or is not (creates cost money; a delete repeated after success answers 404).
 * Unsafe requests are repeated only when the failure proves the server never processed them.
 */
export type RequestSafety = 'safe' | 'unsafe';

export type Failure =
	| { kind: 'status'; status: number; retryAfterMs?: number }
	/**
	 * No answer. `sent`: the request may have reached the server (reset, timeout); otherwise it
	 * provably did not (refused, DNS, TLS handshake, invalid URL or header). `permanent`: repeating
	 * it cannot help (invalid URL, certificate refused). `cause`: the original message.
	 */
	| { kind: 'network'; code: string; sent: boolean; permanent?: boolean; cause?: string }
	| { kind: 'malformed' }
	| { kind: 'truncated'; detail?: string }
	/** n8n's binary data store refused or failed to keep a file: never a network fault. */
	| { kind: 'store'; cause: string }
	/** A lost create's job is not (yet) in the host's List. */
	| { kind: 'notListed' }
	/** The node refused to connect to a URL (its address, its scheme, too many redirects): nothing was sent. */
	| { kind: 'refused'; url: string; reason: string }
	/** No byte came for `idleMs` after the request was sent: it may have reached the host. */
	| { kind: 'stalled'; idleMs: number }
	/** The wait's Timeout passed while the request was in flight: it was ended there. */
	| { kind: 'pastDeadline' }
	/** An answer larger than the node reads into memory: refused unread. */
	| { kind: 'tooLarge'; capBytes: number };

/** Failures that the same request, sent again, would only repeat. */
const PERMANENT_KINDS: readonly Failure['kind'][] = [
	'store',
	'refused',
	'pastDeadline',
	'tooLarge',
];

const TRANSIENT_STATUSES = [408, 425, 429, 500, 502, 503, 504, 520, 522, 524];

export type Decision = { retry: true; delayMs: number } | { retry: false };

/**
 * The one retry policy: the client's send loop (every request: creates, status checks, downloads,
 * the lost-create lookup) asks one of these whether to try again and how long to wait first, and
 * the wait engine asks one whether a video that keeps failing to answer is given up.
 * `attempt` is 0-based: the attempt that just failed.
 */
export class RetryPolicy {
	constructor(
		readonly safety: RequestSafety,
		readonly maxAttempts: number,
		/** A 429 proves nothing was done and asks to come back: it is worth more patience. */
		readonly rateLimitMaxAttempts = Math.max(maxAttempts, 12),
		/** A fixed delay instead of the back-off, from the timing in force. */
		private readonly fixedDelayMs?: (timing: Readonly<Timing>) => number,
	) {}

	decide(failure: Failure, attempt: number, timing: Readonly<Timing>): Decision {
		const limit = isRateLimit(failure) ? this.rateLimitMaxAttempts : this.maxAttempts;
		if (attempt + 1 >= limit || !this.mayRepeat(failure)) return { retry: false };
		const retryAfterMs = failure.kind === 'status' ? failure.retryAfterMs : undefined;
		return {
			retry: true,
			delayMs: this.fixedDelayMs?.(timing) ?? retryDelayMs(attempt, timing, retryAfterMs),
		};
	}

	/** Whether this kind of failure may ever be repeated under this policy (attempts aside). */
	mayRepeat(failure: Failure): boolean {
		if (PERMANENT_KINDS.includes(failure.kind)) return false;
		if (failure.kind === 'network' && failure.permanent) return false;
		return this.safety === 'safe' ? isTransient(failure) : provesNotProcessed(failure);
	}
}

function isRateLimit(failure: Failure): boolean {
	return failure.kind === 'status' && failure.status === 429;
}

export function provesNotProcessed(failure: Failure): boolean {
	if (failure.kind === 'status') return failure.status === 429;
	if (failure.kind === 'network') return !failure.sent;
	return failure.kind === 'notListed' || failure.kind === 'refused';
}

export function isTransient(failure: Failure): boolean {
	if (failure.kind === 'status') return TRANSIENT_STATUSES.includes(failure.status);
	if (PERMANENT_KINDS.includes(failure.kind)) return false;
	if (failure.kind === 'network') return !failure.permanent;
	return true;
}

/** One policy per kind of request: every retry decision of the node is one of these. */
export const POLICIES = {
	/** Status checks, lists, source checks: a few tries, then the error. */
	read: new RetryPolicy('safe', 6),
	/** Creates and deletes: repeated only when provably not processed. */
	write: new RetryPolicy('unsafe', 6),
	/** A create the host deduplicates by its Idempotency-Key: re-sending it costs nothing more. */
	idempotentCreate: new RetryPolicy('safe', 12),
	/** A completed video is paid for: its download is worth more patience than a status check. */
	download: new RetryPolicy('safe', 12),
	/**
	 * One status check of a wait, or a free look-up on its side (a failure's reason): never
	 * repeated in place. The wait engine schedules the next check; `watch` and `read` say when it
	 * gives up on a video that keeps failing to answer.
	 */
	once: new RetryPolicy('safe', 1, 1),
	/** Polling a video known to exist: transient failures never end the wait (the timeout does). */
	watch: new RetryPolicy('safe', Infinity),
	/** Looking up a lost create's job with List: twice, 2 s apart (a job can take that to appear). */
	lookup: new RetryPolicy('safe', 2, 2, (timing) => timing.lostCreateLookupMs),
};

export function policyOf(safety: RequestSafety | RetryPolicy): RetryPolicy {
	if (safety instanceof RetryPolicy) return safety;
	return safety === 'safe' ? POLICIES.read : POLICIES.write;
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ETIMEDOUT: 'connection timed out',
	ECONNABORTED: 'connection timed out',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	EPIPE: 'connection closed while sending',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
};

/** Words, not error codes: n8n replaces messages that contain a known code with a generic text. */
export function describeFailure(failure: Failure): string {
	switch (failure.kind) {
		case 'status':
			return `HTTP ${failure.status}`;
		case 'network': {
			const blocked = describeNetworkBlock(failure);
			if (blocked) return blocked;
			if (NETWORK_WORDS[failure.code]) return NETWORK_WORDS[failure.code];
			if (/^(ERR_INVALID_URL|ERR_BAD_REQUEST|ERR_INVALID_PROTOCOL)$/.test(failure.code))
				return 'the Base URL is not a valid http(s) URL';
			if (/^(EPROTO|ERR_SSL_\w+|ERR_TLS_\w+)$|CERT|UNABLE_TO_|HOSTNAME_MISMATCH/.test(failure.code))
				return 'the TLS connection was refused';
			if (!failure.sent)
				return failure.permanent
					? 'the request could not be sent'
					: 'connection failed before sending';
			return 'connection failed';
		}
		case 'malformed':
			return 'a response that is not valid JSON';
		case 'truncated':
			return `a download cut short${failure.detail ? ` (${failure.detail})` : ''}`;
		case 'store':
			return `n8n's binary data store refused the file: ${failure.cause}`;
		case 'notListed':
			return 'no matching job in List';
		case 'refused':
			return `the node refused to connect to ${failure.url}: ${failure.reason}`;
		case 'stalled':
			return `no byte for ${Math.round(failure.idleMs / 1000)} s (idle timeout)`;
		case 'pastDeadline':
			return "the wait's Timeout passed while the request was in flight";
		case 'tooLarge':
			return `an answer larger than ${formatBytes(failure.capBytes)} (refused unread)`;
	}
}
