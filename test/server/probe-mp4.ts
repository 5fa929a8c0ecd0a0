import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What ffprobe reads in an MP4: the first video stream's size, the container's duration, an audio stream. */
export interface ProbedMp4 {
	width: number;
	height: number;
	durationSeconds: number;
	hasAudio: boolean;
	audioCodec?: string;
}

function withFile<T>(bytes: Buffer, name: string, use: (file: string) => T): T {
	const dir = mkdtempSync(join(tmpdir(), 'sora-probe-'));
	const file = join(dir, name);
	try {
		writeFileSync(file, bytes);
		return use(file);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * What a reading of these bytes gave before: the answer depends on the bytes alone, and the reference
 * server serves the same bytes for the same shape, so a suite spawns ffmpeg once per file it sees.
 */
const readings = new Map<string, unknown>();
function memoized<T>(bytes: Buffer, what: string, read: () => T): T {
	const key = `${what}:${createHash('sha256').update(bytes).digest('hex')}`;
	if (!readings.has(key)) readings.set(key, read());
	return readings.get(key) as T;
}

/** ffprobe of MP4 bytes (tests measure what a job served). */
export function probeMp4(bytes: Buffer): ProbedMp4 {
	return { ...memoized(bytes, 'probe', () => probeFile(bytes)) };
}

function probeFile(bytes: Buffer): ProbedMp4 {
	return withFile(bytes, 'video.mp4', (file) => {
		const out = execFileSync(
			'ffprobe',
			['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
			{ encoding: 'utf8' },
		);
		const json = JSON.parse(out) as {
			streams?: Array<Record<string, any>>;
			format?: { duration?: string };
		};
		const video = json.streams?.find((stream) => stream.codec_type === 'video');
		const audio = json.streams?.find((stream) => stream.codec_type === 'audio');
		return {
			width: video?.width,
			height: video?.height,
			durationSeconds: Number(json.format?.duration),
			hasAudio: audio !== undefined,
			audioCodec: audio?.codec_name,
		};
	});
}

/** An image or a video's first frame as 8x8 grey pixels (64 bytes), to compare pictures roughly. */
export function greyThumbnail(bytes: Buffer, name = 'input.bin'): Buffer {
	return Buffer.from(memoized(bytes, `thumbnail ${name}`, () => thumbnailOf(bytes, name)));
}

function thumbnailOf(bytes: Buffer, name: string): Buffer {
	return withFile(bytes, name, (file) =>
		execFileSync('ffmpeg', [
			'-v',
			'error',
			'-i',
			file,
			'-frames:v',
			'1',
			'-vf',
			'scale=8:8,format=gray',
			'-f',
			'rawvideo',
			'pipe:1',
		]),
	);
}

/** Mean absolute difference of two grey thumbnails (0 same, 255 opposite). */
export function thumbnailDistance(a: Buffer, b: Buffer): number {
	let sum = 0;
	for (let index = 0; index < Math.min(a.length, b.length); index += 1)
		sum += Math.abs(a[index] - b[index]);
	return sum / Math.max(1, Math.min(a.length, b.length));
}
