import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { contentFixture } from './fixtures';
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
}

/** "1280x720" and "8" as numbers; undefined when they are not a size and a length ffmpeg should make. */
export function placeholderShape(size: string, seconds: string | number): PlaceholderShape | undefined {
  const match = /^(\d{2,4})x(\d{2,4})$/.exec(size);
  const length = Number(seconds);
  if (!match || !Number.isInteger(length) || length < 1 || length > MAX_SECONDS) return undefined;
  const [width, height] = [Number(match[1]), Number(match[2])];
  // H.264 with 4:2:0 chroma needs even sides.
  if (width > MAX_SIDE || height > MAX_SIDE || width % 2 || height % 2) return undefined;
  return { width, height, seconds: length };
}

/** The bytes GET /content serves: a sized placeholder for `variant=video` with `sizedVideos`, else the fixture. */
export async function servedContent(sizedVideos: boolean | undefined, variant: ContentVariant, video: { size: string; seconds: string }): Promise<Buffer> {
  return sizedVideos && variant === 'video' ? placeholderVideo(video.size, video.seconds) : contentFixture(variant);
}

const made = new Map<string, Promise<Buffer | undefined>>();
let ffmpegMissing = false;

/** The bytes for a size and length: the made MP4, or the fixture when none can be made. */
export async function placeholderVideo(size: string, seconds: string | number): Promise<Buffer> {
  const shape = placeholderShape(size, seconds);
  if (!shape || ffmpegMissing) return contentFixture('video');
  const key = `${shape.width}x${shape.height}-${shape.seconds}s`;
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
    const ran = await runFfmpeg(ffmpegArgs(shape, partial));
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

/** A test pattern with its running counter, 1 fps, and a quiet tone: small at any size. */
export function ffmpegArgs(shape: PlaceholderShape, output: string): string[] {
  const { width, height, seconds } = shape;
  return [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=1:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=16000:duration=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'stillimage', '-crf', '40', '-pix_fmt', 'yuv420p', '-g', '600'],
    ...['-c:a', 'aac', '-b:a', '16k', '-ac', '1'],
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
