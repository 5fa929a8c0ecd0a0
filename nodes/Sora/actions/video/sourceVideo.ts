import type { IExecuteFunctions } from 'n8n-workflow';

import type { AskedVideo } from '../../domain/media';
import type { Video } from '../../domain/video';
import { aspectRatioOf, dimensionsOf, resolutionOf } from '../../models/geometry';
import type { SoraClient } from '../../transport/client';
import { inputError } from '../../runner/inputs';
import { fetchVideo } from '../../engine/fetchVideo';

/**
 * Remix, Edit and Extend start from an existing video. Checking it first (a free request)
 * catches a wrong id or an unfinished source before the paid request, and tells the cost.
 */
export async function completedSourceVideo(
	ctx: IExecuteFunctions,
	client: SoraClient,
	videoId: string,
	itemIndex: number,
	operation: string,
): Promise<Video> {
	const video = await fetchVideo(client, videoId, { itemIndex });
	if (video.status !== 'completed') {
		throw inputError(ctx, itemIndex, {
			field: 'Video ID',
			message: `${operation} needs a completed video, but ${videoId} is ${video.status}`,
			description:
				video.status === 'failed'
					? 'A failed video cannot be used as a source. Pick another video.'
					: 'Wait for it first: use Get with Wait for Completion on before this node.',
		});
	}
	return video;
}

/** What a video made from a source is asked to be: the source's length (or `seconds`) and size. */
export function askedLike(source: Video, seconds?: number): AskedVideo {
	const asked: AskedVideo = {};
	const length = seconds ?? Number(source.seconds);
	if (Number.isFinite(length) && length > 0) asked.durationSeconds = length;
	const dimensions = source.size ? dimensionsOf(source.size) : undefined;
	if (dimensions) {
		[asked.width, asked.height] = dimensions;
		asked.aspectRatio = aspectRatioOf(...dimensions);
		asked.resolution = resolutionOf(...dimensions);
	}
	return asked;
}
