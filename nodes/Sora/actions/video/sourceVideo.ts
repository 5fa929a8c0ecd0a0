import type { IExecuteFunctions } from 'n8n-workflow';

import type { Video } from '../../domain/video';
import type { SoraClient } from '../../transport/client';
import { inputError } from '../inputs';
import { fetchVideo } from '../requests';

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
