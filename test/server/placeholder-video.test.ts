import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMp4DurationSeconds, readMp4VideoSize } from './media-headers';
import { placeholderShape } from './placeholder-video';
import { startReferenceServer, type ReferenceServer } from './index';
import { call, completedVideo } from './test-client';
import { present } from '../harness/needs';
import { FFMPEG_MISSING, hasFfmpeg } from '../media/ffprobe';

/** With ffmpeg the sizes are checked; without it (never under CI) the fixture fallback. */
const ffmpeg = present(hasFfmpeg(), FFMPEG_MISSING);
const cacheDir = mkdtempSync(join(tmpdir(), 'sora-placeholder-test-'));
let server: ReferenceServer;

beforeAll(async () => {
	process.env.SORA_PLACEHOLDER_CACHE = cacheDir;
	server = await startReferenceServer({ generationMs: 60_000, sizedVideos: true });
});
afterAll(async () => {
	await server.close();
	delete process.env.SORA_PLACEHOLDER_CACHE;
	rmSync(cacheDir, { recursive: true, force: true });
});

describe('placeholderShape', () => {
	it('reads a size and a length, and refuses what ffmpeg should not make', () => {
		expect(placeholderShape('1280x720', '8')).toEqual({ width: 1280, height: 720, seconds: 8 });
		expect(placeholderShape('720x1280', 4)).toEqual({ width: 720, height: 1280, seconds: 4 });
		for (const [size, seconds] of [
			['1281x720', '4'],
			['99999x720', '4'],
			['big', '4'],
			['1280x720', '0'],
			['1280x720', '4.5'],
			['1280x720', '600'],
		]) {
			expect(placeholderShape(size, seconds)).toBeUndefined();
		}
	});
});

describe('sizedVideos: the MP4 matches the video JSON', () => {
	it.each([
		['720x1280', '4'],
		['1280x720', '8'],
	])('%s, %s s', async (size, seconds) => {
		const video = await completedVideo(server, { size, seconds });
		const answer = await call(server, 'GET', `/videos/${video.id}/content`);
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toBe('video/mp4');
		expect(answer.bytes.equals(await server.servedBytes(video.id))).toBe(true);
		if (ffmpeg) {
			expect(readMp4VideoSize(answer.bytes)).toEqual({
				width: Number(size.split('x')[0]),
				height: Number(size.split('x')[1]),
			});
			expect(readMp4DurationSeconds(answer.bytes)).toBe(Number(seconds));
			expect(answer.bytes.length).toBeLessThan(100 * 1024);
		} else {
			expect(answer.bytes.equals(server.fixture('video'))).toBe(true);
		}
	});

	it('makes each size and length once, into the cache folder', async () => {
		const first = await completedVideo(server, { size: '1280x720', seconds: '8' });
		const second = await completedVideo(server, { size: '1280x720', seconds: '8' });
		expect((await server.servedBytes(first.id)).equals(await server.servedBytes(second.id))).toBe(
			true,
		);
		const files = readdirSync(cacheDir);
		expect(files.filter((f) => f.includes('partial'))).toEqual([]);
		if (ffmpeg)
			expect(files.filter((f) => f.startsWith('1280x720-8s'))).toEqual(['1280x720-8s.mp4']);
	});

	it('leaves thumbnails and spritesheets as the fixtures', async () => {
		const video = await completedVideo(server, { size: '1280x720', seconds: '8' });
		const thumbnail = await call(server, 'GET', `/videos/${video.id}/content`, {
			query: { variant: 'thumbnail' },
		});
		expect(thumbnail.bytes.equals(server.fixture('thumbnail'))).toBe(true);
	});
});

it('the fixture (what servers without sizedVideos serve) reads as 320x180, 2 s', () => {
	expect(readMp4VideoSize(server.fixture('video'))).toEqual({ width: 320, height: 180 });
	expect(readMp4DurationSeconds(server.fixture('video'))).toBe(2);
});
