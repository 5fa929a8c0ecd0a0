import { readFixture } from './fixtures';
import { greyThumbnail, probeMp4, thumbnailDistance, type ProbedMp4 } from './probe-mp4';
import type { ReferenceServer } from './reference-server';
import { call, type Answer, type CallOptions } from './test-client';

/** A 720x1280 PNG as a data URL, and its raw base64 (the first frame the family tests send). */
export const PORTRAIT_PNG = readFixture('input-720x1280.png');
export const PORTRAIT_DATA_URL = `data:image/png;base64,${PORTRAIT_PNG.toString('base64')}`;

export interface MadeVideo extends ProbedMp4 {
	id: string;
	/** The MP4's first frame looks like PORTRAIT_PNG (8x8 grey thumbnails within 12 levels). */
	startsWithPortrait: boolean;
	firstFrameReached: boolean;
}

/** POSTs a create (JSON or multipart) and expects the host to accept it. */
export async function createJob(server: ReferenceServer, body: CallOptions): Promise<Answer> {
	const created = await call(server, 'POST', '/videos', body);
	if (created.status >= 300)
		throw new Error(`create refused: ${created.status} ${created.bytes.toString('utf8')}`);
	return created;
}

/** Finishes the job now and measures the MP4 it serves. */
export async function madeVideo(server: ReferenceServer, id: string): Promise<MadeVideo> {
	server.completeNow(id);
	const bytes = await server.servedBytes(id);
	const probed = probeMp4(bytes);
	const distance = thumbnailDistance(
		greyThumbnail(bytes, 'video.mp4'),
		greyThumbnail(PORTRAIT_PNG, 'image.png'),
	);
	return {
		id,
		...probed,
		startsWithPortrait: distance < 12,
		firstFrameReached: server.videos.get(id)?.rendered?.firstFrameReached ?? false,
	};
}

/** Creates, finishes and measures: width, height, whole seconds, audio, and the first frame. */
export async function made(server: ReferenceServer, body: CallOptions): Promise<MadeVideo> {
	const created = await createJob(server, body);
	return madeVideo(server, created.json.id);
}

/** The measurements a test compares: `[width, height, seconds, audio]`. */
export function shapeOf(video: MadeVideo): [number, number, number, boolean] {
	return [video.width, video.height, Math.round(video.durationSeconds), video.hasAudio];
}
