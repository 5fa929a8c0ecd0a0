/**
 * What each posting chain must show after `n8n execute` (platforms-phase.ts): the Sora node's video
 * (bytes, file name, MIME type, the measured numbers, checked with ffprobe) arrived at the stand-in
 * byte for byte with the numbers, caption and names the example sends; and the refusals: a video over
 * the platform's limit fails in the Sora node (0 requests to the stand-in), an ask the platform would
 * reject fails before any paid request.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readBinary } from './binary';
import type { Checks } from './checks';
import { probe } from './media';
import { type N8nInstance, type RunItem, nodeItems } from './n8n';
import { tempDir } from './proc';
import { BUCKET, type StandIns } from './platforms-workflows';

export interface MadeVideo {
	id: string;
	bytes: Buffer;
	fileName?: string;
	mimeType?: string;
	/** Undefined when the item carries none (a failed check already says so). */
	measured?: { width: number; height: number; durationSeconds: number; bytes: number };
}

/** The Sora node's item: its MP4 read from n8n's binary store and its measured numbers, checked against ffprobe. */
export function madeVideo(
	checks: Checks,
	inst: N8nInstance,
	run: any,
	soraNode: string,
): MadeVideo | undefined {
	const [item] = nodeItems(run, soraNode) as RunItem[];
	const entry = item?.binary?.data;
	const bytes = entry ? readBinary(inst.userFolder, entry) : undefined;
	if (!checks.that(item && bytes, `${soraNode}: an item with its MP4 in binary data`, item?.json))
		return undefined;
	const id = String(item.json.id);
	const measured = item.json.measured;
	checks.equal(entry!.fileName, `${id}.mp4`, `${soraNode}: binary file name (the video id)`);
	checks.equal(entry!.mimeType, 'video/mp4', `${soraNode}: binary MIME type`);
	const video = {
		id,
		bytes: bytes!,
		fileName: entry!.fileName,
		mimeType: entry!.mimeType,
		measured,
	};
	if (
		!checks.that(
			measured,
			`${soraNode}: the item carries measured (the delivered MP4's numbers)`,
			Object.keys(item.json),
		)
	)
		return video;
	const file = path.join(tempDir('platforms-probe'), `${id}.mp4`);
	writeFileSync(file, bytes!);
	const probed = probe(file);
	checks.equal(measured.width, probed.width, `${soraNode}: measured.width matches ffprobe`);
	checks.equal(measured.height, probed.height, `${soraNode}: measured.height matches ffprobe`);
	checks.that(
		Math.abs(measured.durationSeconds - (probed.duration ?? NaN)) < 0.1,
		`${soraNode}: measured.durationSeconds ${measured.durationSeconds} matches ffprobe's ${probed.duration}`,
	);
	checks.equal(measured.bytes, bytes!.length, `${soraNode}: measured.bytes is the file's size`);
	checks.equal(item.json.fitsPlatform, true, `${soraNode}: fitsPlatform`);
	return video;
}

export function checkTelegram(
	checks: Checks,
	video: MadeVideo,
	standIns: StandIns,
	prompt: string,
	run: any,
): void {
	const posts = standIns.telegram.posts;
	if (!checks.equal(posts.length, 1, 'Telegram stand-in: sendVideo posts')) return;
	const post = posts[0];
	checks.that(
		post.data.equals(video.bytes),
		`Telegram: the MP4 arrived byte for byte (${video.bytes.length} bytes)`,
	);
	checks.equal(post.fileName, video.fileName, 'Telegram: file name');
	checks.equal(post.mimeType, 'video/mp4', 'Telegram: MIME type');
	checks.equal(post.width, String(video.measured?.width), 'Telegram: width sent');
	checks.equal(post.height, String(video.measured?.height), 'Telegram: height sent');
	checks.equal(
		post.duration,
		String(Math.round(video.measured?.durationSeconds ?? NaN)),
		'Telegram: duration sent',
	);
	checks.equal(post.caption, prompt, 'Telegram: the prompt as caption');
	checks.equal(
		nodeItems(run, 'Send to Telegram')[0]?.json.result?.video?.file_size,
		video.bytes.length,
		"Send to Telegram's output: Telegram's answer",
	);
}

export function checkDiscord(
	checks: Checks,
	video: MadeVideo,
	standIns: StandIns,
	prompt: string,
	run: any,
): void {
	const posts = standIns.discord.posts;
	if (!checks.equal(posts.length, 1, 'Discord stand-in: webhook posts')) return;
	const [post] = posts;
	checks.equal(post.waited, true, 'Discord: the webhook URL had ?wait=true');
	checks.equal(post.content, prompt, 'Discord: the prompt as the message');
	checks.equal(post.files.length, 1, 'Discord: one file');
	checks.that(
		post.files[0]?.data.equals(video.bytes),
		`Discord: the MP4 arrived byte for byte (${video.bytes.length} bytes)`,
	);
	checks.equal(post.files[0]?.fileName, video.fileName, 'Discord: file name');
	checks.equal(post.files[0]?.mimeType, 'video/mp4', 'Discord: MIME type');
	const answer = nodeItems(run, 'Post to Discord')[0]?.json;
	checks.that(
		typeof answer?.id === 'string' && answer.attachments?.[0]?.size === video.bytes.length,
		"Post to Discord's output: the posted message (no JSON error)",
		answer,
	);
}

export function checkInstagram(
	checks: Checks,
	video: MadeVideo,
	standIns: StandIns,
	prompt: string,
	run: any,
): void {
	const key = `${video.id}.mp4`;
	const stored = standIns.s3.buckets.get(BUCKET)?.get(key);
	if (!checks.that(stored, `S3 stand-in: ${BUCKET}/${key} stored`)) return;
	checks.that(
		stored!.data.equals(video.bytes),
		`S3: the MP4 stored byte for byte (${video.bytes.length} bytes)`,
	);
	checks.equal(stored!.contentType, 'video/mp4', 'S3: Content-Type');
	const containers = standIns.instagram.containers;
	if (!checks.equal(containers.length, 1, 'Instagram stand-in: Reel containers')) return;
	const [container] = containers;
	checks.equal(
		container.videoUrl,
		standIns.s3.objectUrl(BUCKET, key),
		'Instagram: video_url is the public URL of the S3 object',
	);
	checks.equal(
		container.fetched?.bytes,
		video.bytes.length,
		'Instagram: fetched the whole file from S3',
	);
	checks.that(
		container.problems.length === 0,
		'Instagram: the file passes its checks (moov first, 3 s-15 min, ≤ 1920 px)',
		container.problems,
	);
	checks.equal(container.caption, prompt, 'Instagram: the prompt as caption');
	checks.equal(
		container.statusChecks,
		2,
		'Instagram: the workflow checked the container until FINISHED (IN_PROGRESS, Wait, FINISHED)',
	);
	checks.equal(
		nodeItems(run, 'Publish Reel')[0]?.json.id,
		container.publishedMediaId,
		'Publish Reel: the published media id',
	);
}

export function checkTikTok(
	checks: Checks,
	video: MadeVideo,
	standIns: StandIns,
	prompt: string,
	run: any,
): void {
	const uploads = standIns.tiktok.uploads;
	if (!checks.equal(uploads.length, 1, 'TikTok stand-in: FILE_UPLOAD inits')) return;
	const [upload] = uploads;
	checks.equal(
		upload.videoSize,
		video.bytes.length,
		'TikTok: video_size is the measured size of the file',
	);
	checks.that(
		upload.data.equals(video.bytes),
		`TikTok: the MP4 arrived byte for byte (${video.bytes.length} bytes)`,
	);
	checks.that(
		upload.chunks.length === 1 && upload.chunks[0].contentType === 'video/mp4',
		'TikTok: one chunk, Content-Type video/mp4, its Content-Range accepted',
		upload.chunks,
	);
	checks.equal(upload.title, prompt, 'TikTok: the prompt as title');
	checks.equal(upload.privacyLevel, 'SELF_ONLY', 'TikTok: SELF_ONLY (unaudited app)');
	checks.equal(
		nodeItems(run, 'Check TikTok Status')[0]?.json.data?.status,
		'PUBLISH_COMPLETE',
		'Check TikTok Status: PUBLISH_COMPLETE',
	);
}

/** A run that stopped at the Sora node, its error naming `limit`, with the posting node never run. */
export function checkRefused(
	checks: Checks,
	run: any,
	soraNode: string,
	postingNode: string,
	limit: string,
): void {
	const runData = run.data?.resultData?.runData ?? {};
	const error = run.data?.resultData?.error;
	checks.that(
		`${error?.message ?? ''}`.includes(limit),
		`${soraNode}: the workflow stops with the limit named ("${limit}")`,
		error?.message,
	);
	checks.equal(
		run.data?.resultData?.lastNodeExecuted,
		soraNode,
		'the last node run is the Sora node',
	);
	checks.that(!runData[postingNode], `${postingNode} never ran`);
}

/**
 * On Error → Continue (using error output): the refused item reaches the error output's node (with
 * the video id when the video was made), the posting node never runs, the workflow succeeds.
 */
export function checkErrorOutput(
	checks: Checks,
	run: any,
	soraNode: string,
	postingNode: string,
	sink: string,
	limit: string,
): string | undefined {
	const runData = run.data?.resultData?.runData ?? {};
	const soraOutputs: any[][] = runData[soraNode]?.[0]?.data?.main ?? [];
	checks.equal(soraOutputs[0]?.length ?? 0, 0, `${soraNode}: items on its main output`);
	checks.that(!runData[postingNode], `${postingNode} never ran`);
	const failed: any[] = runData[sink]?.[0]?.data?.main?.[0] ?? [];
	checks.equal(failed.length, 1, `${sink} (on the error output): items`);
	const json = failed[0]?.json ?? {};
	checks.that(
		`${json.message ?? ''}`.includes(limit),
		`${sink}: message names the limit ("${limit}")`,
		json,
	);
	checks.that(
		`${json.error?.message ?? ''}` === json.message,
		`${sink}: error.message is the message`,
		json.error,
	);
	return typeof json.error?.videoId === 'string' ? json.error.videoId : undefined;
}
