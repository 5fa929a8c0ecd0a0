import { parsePollAfterMs } from '../domain/schedule';
import type { Video } from '../domain/video';
import type { HostDialect } from '../hosts';
import { failureOf, type Sent, type SoraResponse } from '../transport/client';
import { isTransient, type Failure } from '../transport/retryPolicy';

/** What one status check says, for the wait engine to act on. */
export type PollVerdict =
	| { video: Video; pollAfterMs?: number }
	/** An HTTP error that checking again will not change (404, 401): the job fails with it. */
	| { refused: SoraResponse }
	/** Ended by the wait's Timeout while in flight: the timeout answers for it. */
	| { pastDeadline: true }
	/** No usable answer this time (a transient error, a malformed body): check again, or give up. */
	| { failure: Failure };

/** Reads one status check's outcome: pure, so each case is tested on its own. */
export function readPollAnswer(
	sent: Sent<SoraResponse>,
	host: HostDialect,
	nowMs: number,
): PollVerdict {
	const response = 'failed' in sent ? sent.response : 'kept' in sent ? sent.kept : sent.refused;
	const failure = 'failed' in sent ? sent.failed : response && failureOf({ response }, nowMs);
	if (failure?.kind === 'status' && response && !isTransient(failure)) return { refused: response };
	if (failure?.kind === 'pastDeadline') return { pastDeadline: true };
	if (failure || !response) return { failure: failure ?? { kind: 'malformed' } };
	const video = host.readVideo(response.body);
	if (!video) return { failure: { kind: 'malformed' } };
	return { video, pollAfterMs: parsePollAfterMs(response.headers as Record<string, string>) };
}
