import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { contentFixture } from './fixtures';
import type { RenderedVideo } from './families/reached';
import type { ContentVariant } from './handler-context';

/**
 * The MP4 a completed video serves when the server runs with `sizedVideos`: as wide, high and long as
 * the job's `size` and `seconds` say. Made once per size and length with ffmpeg (1 frame per second,
 * low bitrate: a 1920x1080 20 s file is a few hundred KB and takes about a second), cached on disk and in
 * memory. Without ffmpeg (or for a size it cannot make) it is the shipped fixture (320x180, 2 s).
 */

/** Where made files are kept: $SORA_PLACEHOLDER_CACHE, else <$SORA_E2E_CACHE or ~/.cache/n8n-nodes-sora>/placeholder-videos. */
export function placeholderCacheDir(): string {
	if (process.env.SORA_PLACEHOLDER_CACHE) return process.env.SORA_PLACEHOLDER_CACHE;
	const root = process.env.SORA_E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-sora');
	return join(root, 'placeholder-videos');
}

/** The largest side and length made (bigger requests get the fixture, so a typo cannot make a huge file). */
const MAX_SIDE = 4096;
const MAX_SECONDS = 120;

export interface PlaceholderShape {
	width: number;
	height: number;
	seconds: number;
	/** 'tone' (default: the sized videos of the contract modes), 'silent' (a silent AAC track), 'none'. */
	audio?: 'tone' | 'silent' | 'none';
	/** The video shows this image (its first frame is the image): a first frame that reached the model. */
	image?: Buffer;
}

/** "1280x720" and "8" as numbers; undefined when they are not a size and a length ffmpeg should make. */
export function placeholderShape(
	size: string,
	seconds: string | number,
): PlaceholderShape | undefined {
	const match = /^(\d{2,4})x(\d{2,4})$/.exec(size);
	const length = Number(seconds);
	if (!match || !Number.isInteger(length) || length < 1 || length > MAX_SECONDS) return undefined;
	const [width, height] = [Number(match[1]), Number(match[2])];
	// H.264 with 4:2:0 chroma needs even sides.
	if (width > MAX_SIDE || height > MAX_SIDE || width % 2 || height % 2) return undefined;
	return { width, height, seconds: length };
}

/**
 * The bytes GET /content serves. A job of a family mode (`rendered`) serves what its model made unless
 * `sizedVideos` is false; other jobs a sized placeholder with `sizedVideos`; else the fixture.
 */
export async function servedContent(
	sizedVideos: boolean | undefined,
	variant: ContentVariant,
	video: { size: string; seconds: string; rendered?: RenderedVideo },
): Promise<Buffer> {
	if (variant !== 'video') return contentFixture(variant);
	if (video.rendered && sizedVideos !== false) return renderedMp4(video.rendered);
	return sizedVideos ? placeholderVideo(video.size, video.seconds) : contentFixture(variant);
}

/** The MP4 a model made: its size and length, a silent AAC track when it made audio, the first frame it got. */
export function renderedMp4(rendered: RenderedVideo): Promise<Buffer> {
	const shape = placeholderShape(`${rendered.width}x${rendered.height}`, rendered.seconds);
	if (!shape) return Promise.resolve(contentFixture('video'));
	return shapedVideo({
		...shape,
		audio: rendered.audio ? 'silent' : 'none',
		image: rendered.firstFrameImage,
	});
}

const made = new Map<string, Promise<Buffer | undefined>>();
let ffmpegMissing = false;

/** The bytes for a size and length: the made MP4, or the fixture when none can be made. */
export async function placeholderVideo(size: string, seconds: string | number): Promise<Buffer> {
	const shape = placeholderShape(size, seconds);
	return shape ? shapedVideo(shape) : contentFixture('video');
}

async function shapedVideo(shape: PlaceholderShape): Promise<Buffer> {
	if (ffmpegMissing) return contentFixture('video');
	const audio = shape.audio ?? 'tone';
	const image = shape.image
		? `-img${createHash('sha256').update(shape.image).digest('hex').slice(0, 16)}`
		: '';
	const key = `${shape.width}x${shape.height}-${shape.seconds}s${audio === 'tone' ? '' : `-${audio}`}${image}`;
	let pending = made.get(key);
	if (!pending) {
		pending = cachedOrMade(key, shape);
		made.set(key, pending);
	}
	return (await pending) ?? contentFixture('video');
}

async function cachedOrMade(key: string, shape: PlaceholderShape): Promise<Buffer | undefined> {
	const dir = placeholderCacheDir();
	const file = join(dir, `${key}.mp4`);
	if (existsSync(file)) return readFileSync(file);
	try {
		mkdirSync(dir, { recursive: true });
		// Written under a name of its own, then renamed: another process may make the same file at once.
		const partial = join(dir, `${key}.${process.pid}.partial.mp4`);
		const imageFile = shape.image ? join(dir, `${key}.${process.pid}.image`) : undefined;
		if (imageFile && shape.image) writeFileSync(imageFile, shape.image);
		const ran = await runFfmpeg(ffmpegArgs(shape, partial, imageFile));
		if (imageFile) rmSync(imageFile, { force: true });
		if (!ran) {
			rmSync(partial, { force: true });
			return undefined;
		}
		renameSync(partial, file);
		return readFileSync(file);
	} catch {
		return undefined;
	}
}

/**
 * A test pattern with its running counter (or the first-frame image, stretched to the size), 1 fps, and a
 * quiet tone, a silent track or none: small at any size.
 */
export function ffmpegArgs(shape: PlaceholderShape, output: string, imageFile?: string): string[] {
	const { width, height, seconds } = shape;
	const audio = shape.audio ?? 'tone';
	const video = imageFile
		? ['-loop', '1', '-framerate', '1', '-t', String(seconds), '-i', imageFile]
		: ['-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=1:duration=${seconds}`];
	const sound =
		audio === 'tone'
			? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=16000:duration=${seconds}`]
			: audio === 'silent'
				? ['-f', 'lavfi', '-i', `anullsrc=channel_layout=mono:sample_rate=16000`]
				: [];
	return [
		...['-hide_banner', '-loglevel', 'error', '-y'],
		...video,
		...sound,
		...(imageFile ? ['-vf', `scale=${width}:${height},setsar=1`] : []),
		...[
			'-c:v',
			'libx264',
			'-preset',
			'veryfast',
			'-tune',
			'stillimage',
			'-crf',
			'40',
			'-pix_fmt',
			'yuv420p',
			'-g',
			'600',
			'-r',
			'1',
		],
		...(audio === 'none' ? ['-an'] : ['-c:a', 'aac', '-b:a', '16k', '-ac', '1']),
		...['-t', String(seconds), '-movflags', '+faststart', '-map_metadata', '-1', output],
	];
}

function runFfmpeg(args: string[]): Promise<boolean> {
	return new Promise((resolve) => {
		execFile('ffmpeg', args, { timeout: 60_000 }, (error) => {
			if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') ffmpegMissing = true;
			resolve(!error);
		});
	});
}
