import type { IBinaryData, Logger } from 'n8n-workflow';

import type { ContentVariant } from '../domain/contract';
import type { MeasuredVideo } from '../domain/media';
import type { Video } from '../domain/video';
import type { SoraClient } from '../transport/client';
import type { BinaryStore } from './downloadContent';
import { VideoWait } from './videoWait';

export interface VideoJob {
	itemIndex: number;
	/**
	 * Sends the paid request that starts the job, not after `notAfter` (the wait's deadline);
	 * absent when watching an existing video.
	 */
	submit?: (notAfter: number) => Promise<{ video: Video; pollAfterMs?: number }>;
	videoId?: string;
	wait: boolean;
	download?: ContentVariant;
	/** Max Download Size in bytes (undefined: no limit). */
	maxDownloadBytes?: number;
}

export interface JobOutcome {
	itemIndex: number;
	video?: Video;
	binary?: IBinaryData;
	/** What the downloaded MP4 measures (a video download whose boxes could be read). */
	measured?: MeasuredVideo;
	error?: Error;
	timedOut?: boolean;
}

export interface WaitOptions {
	maxConcurrentJobs: number;
	pollIntervalMs: number;
	/**
	 * Poll Interval left unset: on a host that refreshes statuses slowly (new-api: 15 s) poll at its
	 * pace, since checking sooner only spends requests; a host's poll-after hint still wins.
	 */
	followHostPace?: boolean;
	timeoutMs: number;
	onTimeout: 'error' | 'outputState';
}

/**
 * The one wait engine: submits jobs (at most maxConcurrentJobs at a time), watches every
 * pending video in one loop, downloads each as soon as it completes, and answers one outcome
 * per job in input order. It never sleeps once the last video is done, stops at once when the
 * execution is cancelled, and never fails a job for a transient polling error. Its steps are
 * VideoWait's (videoWait.ts).
 */
export async function waitForVideos(
	client: SoraClient,
	store: BinaryStore,
	logger: Logger,
	jobs: VideoJob[],
	options: WaitOptions,
): Promise<JobOutcome[]> {
	return await new VideoWait(client, store, logger, jobs, options).run();
}
