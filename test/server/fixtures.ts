import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentVariant } from './handler-context';

export const FIXTURES_DIR = join(__dirname, 'fixtures');

const FILES: Record<ContentVariant, string> = {
	video: 'video.mp4',
	thumbnail: 'thumbnail.webp',
	spritesheet: 'spritesheet.jpg',
};

export const CONTENT_TYPES: Record<ContentVariant, string> = {
	video: 'video/mp4',
	thumbnail: 'image/webp',
	spritesheet: 'image/jpeg',
};

const cache = new Map<string, Buffer>();

/** A file under test/server/fixtures/, e.g. 'input-720x1280.png'. */
export function fixturePath(name: string): string {
	return join(FIXTURES_DIR, name);
}

export function readFixture(name: string): Buffer {
	let bytes = cache.get(name);
	if (!bytes) {
		bytes = readFileSync(fixturePath(name));
		cache.set(name, bytes);
	}
	return bytes;
}

export function contentFixture(variant: ContentVariant): Buffer {
	return readFixture(FILES[variant]);
}

const ZERO_CHUNK = Buffer.alloc(64 * 1024);

/** The fixture MP4 followed by zero padding up to `totalLength` bytes, chunk by chunk. */
export function* paddedVideoChunks(video: Buffer, totalLength: number): Generator<Buffer> {
	const head = video.subarray(0, Math.min(video.length, totalLength));
	yield head;
	let remaining = totalLength - head.length;
	while (remaining > 0) {
		const chunk = remaining >= ZERO_CHUNK.length ? ZERO_CHUNK : ZERO_CHUNK.subarray(0, remaining);
		remaining -= chunk.length;
		yield chunk;
	}
}
