/**
 * Media tools for the e2e and `npm start`: ffmpeg (the reference server makes each video's placeholder
 * MP4 at the requested size and length with it) and ffprobe (the e2e reads downloaded files with it),
 * installed with apt-get when missing; and what the reference server serves for a video.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { placeholderVideo } from '../../test/server/placeholder-video';
import { run } from './proc';

function onPath(binary: string): boolean {
	try {
		execFileSync(binary, ['-version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** `apt-get install <pkg>` when `binary` is missing; true when it is there afterwards. */
export async function ensureAptBinary(
	binary: string,
	pkg: string,
	log: (m: string) => void,
): Promise<boolean> {
	if (existsSync(binary) || onPath(binary)) return true;
	log(`${binary} missing: apt-get install -y ${pkg}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		await run('apt-get', ['update'], { env, timeoutMs: 10 * 60_000 });
		await run('apt-get', ['install', '-y', '--no-install-recommends', pkg], {
			env,
			timeoutMs: 15 * 60_000,
		});
	} catch (e) {
		log(`apt-get install ${pkg} failed: ${(e as Error).message.split('\n')[0]}`);
	}
	return existsSync(binary) || onPath(binary);
}

/** ffmpeg and ffprobe (one Debian package). */
export function ensureFfmpeg(log: (m: string) => void): Promise<boolean> {
	return ensureAptBinary('ffprobe', 'ffmpeg', log).then((ok) => ok && onPath('ffmpeg'));
}

/** The bytes the reference server serves for a video of this size and length (the same cache, the same ffmpeg). */
export function servedMp4(video: { size?: unknown; seconds?: unknown }): Promise<Buffer> {
	return placeholderVideo(String(video.size ?? ''), String(video.seconds ?? ''));
}

export interface ProbedVideo {
	width?: number;
	height?: number;
	/** Seconds, from the container. */
	duration?: number;
	codec?: string;
}

/** ffprobe's reading of an MP4 file: its first video stream's size and codec, and the duration. */
export function probe(file: string): ProbedVideo {
	const out = execFileSync(
		'ffprobe',
		['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
		{ encoding: 'utf8' },
	);
	const json = JSON.parse(out);
	const stream = (json.streams ?? []).find((s: any) => s.codec_type === 'video');
	return {
		width: stream?.width,
		height: stream?.height,
		duration: Number(json.format?.duration),
		codec: stream?.codec_name,
	};
}
