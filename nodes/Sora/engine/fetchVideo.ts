import type { Video } from '../domain/video';
import { apiErrorFromFailure } from '../transport/apiError';
import type { ErrorScope } from '../../base/errorScope';
import type { SoraClient } from '../transport/client';

/**
 * The one way to read a video object (free GET): the operations (a source video's check, a
 * job's price) and the trigger (an event's video) all come here, and get the same error when
 * the host answers without a video.
 */
export async function fetchVideo(
	client: SoraClient,
	videoId: string,
	scope: ErrorScope,
): Promise<Video> {
	const request = { method: 'GET', route: { operation: 'Get', videoId } } as const;
	const response = await client.call(request, 'safe', { ...scope, videoId });
	const video = client.host.readVideo(response.body);
	if (!video) {
		throw apiErrorFromFailure(
			client.node,
			{ ...scope, videoId },
			'The host answered without a video object',
			`GET ${client.describe(request).target} at ${client.baseUrl} did not answer a video with an id.`,
		);
	}
	return video;
}
