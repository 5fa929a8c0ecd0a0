/** The statuses of the canonical video: the contract's four, and the other ends hosts report. */
export type VideoStatus =
	| 'queued'
	| 'in_progress'
	| 'completed'
	| 'failed'
	| 'cancelled'
	| 'expired'
	| 'deleted';

/** A video as the node hands it on, whatever the host's dialect (hosts/ reads answers into it). */
export interface Video {
	id: string;
	object?: string;
	status: VideoStatus;
	/** The host's own status word, when it differs from `status` (e.g. "pending", "succeeded"). */
	hostStatus?: string;
	progress?: number;
	model?: string;
	size?: string;
	seconds?: string;
	error?: { code?: string; message?: string } | null;
	/** A URL the host names for the finished file (OpenRouter, LaoZhang, new-api's other channels). */
	resultUrl?: string;
	/** What the host says the job cost. */
	reportedCost?: { usd: number };
	[extra: string]: unknown;
}

export function failureMessageOf(video: Video): string {
	const message = video.error && typeof video.error === 'object' ? video.error.message : undefined;
	if (message) return message;
	if (video.status === 'failed')
		return 'The host reported the generation as failed without a reason';
	return `The video ended with status "${video.hostStatus ?? video.status}"`;
}
