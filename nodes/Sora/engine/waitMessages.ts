import type { INode } from 'n8n-workflow';

import type { ErrorScope } from '../../base/errorScope';
import { failureMessageOf, type Video } from '../domain/video';
import { apiErrorFromFailure } from '../transport/apiError';

/** The wait engine's own words: a video the host failed, one never started, one still generating. */

export function formatDuration(ms: number): string {
	return ms < 60_000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms / 6000) / 10} min`;
}

/** The error of a video the host ended without completing it. */
export function failedVideoError(node: INode, scope: ErrorScope, video: Video): Error {
	return apiErrorFromFailure(
		node,
		scope,
		`Video generation failed: ${failureMessageOf(video)}`,
		`The host ended video ${video.id} with status "${video.status}"${video.error?.code ? ` (code ${video.error.code})` : ''}.`,
	);
}

/** An item never sent: no slot was free before the Timeout, or the request limits left no room. */
export function notStartedError(
	node: INode,
	scope: ErrorScope,
	heldBy: 'slot' | 'requestLimits',
	timeoutMs: number,
): Error {
	const waited = formatDuration(timeoutMs);
	const [message, raise] =
		heldBy === 'slot'
			? [
					`Not started: the wait timed out after ${waited} before a slot was free`,
					'Max Concurrent Jobs',
				]
			: [
					`Not started: Max Requests per Minute or the host's rate limit left no room to send it before the wait's timeout (${waited})`,
					'Max Requests per Minute',
				];
	return apiErrorFromFailure(
		node,
		scope,
		message,
		`This item was never sent to the host, so nothing was charged for it. Raise ${raise} or Timeout.`,
	);
}

/** A video still generating at the Timeout; `silent`: the host's channel never reports failures. */
export function timedOutError(
	node: INode,
	scope: ErrorScope,
	video: Video,
	timeoutMs: number,
	silent: string | undefined,
): Error {
	const progress = typeof video.progress === 'number' ? `, ${video.progress}%` : '';
	return apiErrorFromFailure(
		node,
		scope,
		`Timed out after ${formatDuration(timeoutMs)} waiting for video ${video.id} (status ${video.status}${progress})${silent ? `: ${silent}` : ''}`,
		`${silent ? 'It may still be generating, or it may have failed. ' : 'The video is still being generated. '}Resume with the Get operation (Wait for Completion on) for ${video.id}, or set On Timeout to "Output Current State".`,
	);
}
