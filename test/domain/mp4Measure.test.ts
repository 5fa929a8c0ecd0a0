import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { MeasuredVideo } from '../../nodes/Sora/domain/media';
import { Mp4BoxWalker } from '../../nodes/Sora/domain/mp4Boxes';
import { present } from '../harness/needs';
import { expectSameReading, FFMPEG_MISSING, ffprobeReading, hasFfmpeg } from '../media/ffprobe';
import { readFixture } from '../server';

/**
 * The MP4 reader against files ffmpeg makes here, compared with ffprobe's reading of the same bytes.
 * Without ffmpeg (a machine that has not run the setup) only the shipped fixture is read; under CI
 * the suite fails instead (test/harness/needs.ts).
 */

const ffmpeg = present(hasFfmpeg(), FFMPEG_MISSING);
const encoders = ffmpeg
	? execFileSync('ffmpeg', ['-hide_banner', '-encoders'], { encoding: 'utf8' })
	: '';
const dir = mkdtempSync(join(tmpdir(), 'sora-mp4-measure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Made {
	name: string;
	/** ffmpeg arguments between the inputs and the output. */
	video: string[];
	size: string;
	rate: number;
	seconds: number;
	audio?: string[];
	fastStart: boolean;
	/** Remuxed with this display rotation (a phone's portrait video stored landscape). */
	rotate?: number;
}

const CASES: Made[] = [
	{
		name: 'h264-aac-faststart',
		video: ['-c:v', 'libx264', '-preset', 'ultrafast'],
		size: '640x360',
		rate: 24,
		seconds: 3,
		audio: ['-c:a', 'aac'],
		fastStart: true,
	},
	{
		name: 'h264-silent-moov-at-end',
		video: ['-c:v', 'libx264', '-preset', 'ultrafast'],
		size: '360x640',
		rate: 30,
		seconds: 2,
		fastStart: false,
	},
	{
		name: 'h264-25fps-portrait-10s',
		video: ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '45'],
		size: '144x256',
		rate: 25,
		seconds: 10,
		audio: ['-c:a', 'aac', '-b:a', '16k'],
		fastStart: true,
	},
	...(encoders.includes('libx265')
		? [
				{
					name: 'hevc-aac-moov-at-end',
					video: [
						'-c:v',
						'libx265',
						'-preset',
						'ultrafast',
						'-tag:v',
						'hvc1',
						'-x265-params',
						'log-level=error',
					],
					size: '320x240',
					rate: 25,
					seconds: 2,
					audio: ['-c:a', 'aac'],
					fastStart: false,
				},
			]
		: []),
	...(encoders.includes('libopus') && encoders.includes('libvpx-vp9')
		? [
				{
					name: 'vp9-opus',
					video: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'],
					size: '256x144',
					rate: 15,
					seconds: 2,
					audio: ['-c:a', 'libopus'],
					fastStart: true,
				},
			]
		: []),
	...(encoders.includes('libsvtav1')
		? [
				{
					name: 'av1-silent',
					video: ['-c:v', 'libsvtav1', '-preset', '12'],
					size: '256x144',
					rate: 15,
					seconds: 2,
					fastStart: true,
				},
			]
		: []),
	{
		name: 'h264-rotated',
		video: ['-c:v', 'libx264', '-preset', 'ultrafast'],
		size: '320x180',
		rate: 10,
		seconds: 2,
		fastStart: true,
		rotate: 90,
	},
];

function make(spec: Made): Buffer {
	const file = join(dir, `${spec.name}.mp4`);
	execFileSync(
		'ffmpeg',
		[
			...['-hide_banner', '-loglevel', 'error', '-y'],
			...[
				'-f',
				'lavfi',
				'-i',
				`testsrc=size=${spec.size}:rate=${spec.rate}:duration=${spec.seconds}`,
			],
			...(spec.audio
				? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${spec.seconds}`]
				: []),
			...spec.video,
			...['-pix_fmt', 'yuv420p'],
			...(spec.audio ?? []),
			...(spec.fastStart ? ['-movflags', '+faststart'] : []),
			file,
		],
		{ stdio: 'pipe' },
	);
	if (spec.rotate === undefined) return readFileSync(file);
	const turned = join(dir, `${spec.name}-turned.mp4`);
	execFileSync('ffmpeg', [
		'-hide_banner',
		'-loglevel',
		'error',
		'-y',
		'-i',
		file,
		'-c',
		'copy',
		'-metadata:s:v:0',
		`rotate=${spec.rotate}`,
		...(spec.fastStart ? ['-movflags', '+faststart'] : []),
		turned,
	]);
	return readFileSync(turned);
}

function measure(bytes: Buffer, chunkSize = bytes.length || 1): MeasuredVideo | undefined {
	const walker = new Mp4BoxWalker();
	for (let at = 0; at < bytes.length; at += chunkSize)
		walker.push(bytes.subarray(at, at + chunkSize));
	walker.finish();
	return walker.measured();
}

const expected = (bytes: Buffer) => ffprobeReading(bytes);
const close = expectSameReading;

const made = new Map<string, Buffer>();
const madeFile = (spec: Made) =>
	made.get(spec.name) ?? made.set(spec.name, make(spec)).get(spec.name)!;
const itFfmpeg = ffmpeg ? test : test.skip;

describe('the delivered MP4 measured from its boxes while it streams, as ffprobe reads it', () => {
	test('the shipped fixture: 320x180, 2 s, 15 fps, h264 with aac, moov first', () => {
		const video = readFixture('video.mp4');
		expect(measure(video, 4096)).toEqual({
			width: 320,
			height: 180,
			durationSeconds: 2,
			frameRate: 15,
			videoCodec: 'h264',
			hasAudio: true,
			audioCodec: 'aac',
			bytes: video.length,
			fastStart: true,
		});
	});

	describe.each(CASES.map((spec) => [spec.name, spec] as const))('%s', (_name, spec) => {
		itFfmpeg('whole, and fed 7 and 65536 bytes at a time', () => {
			const bytes = madeFile(spec);
			const wanted = expected(bytes);
			for (const chunk of [bytes.length, 7, 65536]) close(measure(bytes, chunk), wanted);
			const [width, height] = spec.size.split('x').map(Number);
			const turned = spec.rotate !== undefined;
			expect(measure(bytes)).toMatchObject({
				width: turned ? height : width,
				height: turned ? width : height,
				fastStart: spec.fastStart,
			});
		});
	});

	itFfmpeg('fed one byte at a time (the moov split across thousands of chunks)', () => {
		const spec = CASES[1];
		const bytes = madeFile(spec);
		close(measure(bytes, 1), expected(bytes));
	});

	itFfmpeg(
		'a moov at the end is read when it passes; cut before its end, nothing is measured',
		() => {
			const bytes = madeFile(CASES[1]);
			const walker = new Mp4BoxWalker();
			walker.push(bytes.subarray(0, bytes.length - 1));
			expect(walker.measured()).toBeUndefined();
			expect(walker.finish().kind).toBe('truncated');
			expect(measure(bytes)).toMatchObject({ fastStart: false, width: 360, height: 640 });
		},
	);
});

/** The top-level boxes of a file: [type, bytes of the whole box]. */
function topBoxes(bytes: Buffer): Array<[string, Buffer]> {
	const boxes: Array<[string, Buffer]> = [];
	for (let at = 0; at < bytes.length; ) {
		const size = bytes.readUInt32BE(at);
		boxes.push([bytes.toString('latin1', at + 4, at + 8), bytes.subarray(at, at + size)]);
		at += size;
	}
	return boxes;
}

function withLargeSize(box: Buffer): Buffer {
	const head = Buffer.alloc(16);
	head.writeUInt32BE(1, 0);
	box.copy(head, 4, 4, 8);
	head.writeBigUInt64BE(BigInt(box.length + 8), 8);
	return Buffer.concat([head, box.subarray(8)]);
}

describe('unusual structure, cut and garbage input', () => {
	const fixture = readFixture('video.mp4');
	const boxes = topBoxes(fixture);
	const part = (type: string) => boxes.find(([t]) => t === type)![1];

	test('64-bit box sizes for mdat and moov', () => {
		const rebuilt = Buffer.concat([
			part('ftyp'),
			withLargeSize(part('moov')),
			part('free'),
			withLargeSize(part('mdat')),
		]);
		expect(measure(rebuilt, 5)).toMatchObject({
			width: 320,
			height: 180,
			durationSeconds: 2,
			bytes: fixture.length + 16,
			fastStart: true,
		});
	});

	test('a moov after the mdat, the last box running to the end of the file (size 0)', () => {
		const moov = Buffer.from(part('moov'));
		moov.writeUInt32BE(0, 0);
		const rebuilt = Buffer.concat([part('ftyp'), part('mdat'), moov]);
		expect(measure(rebuilt, 333)).toMatchObject({
			width: 320,
			height: 180,
			durationSeconds: 2,
			hasAudio: true,
			fastStart: false,
		});
	});

	test('every cut of the fixture measures nothing until the moov has passed, and never throws', () => {
		const moovEnd = fixture.indexOf(part('moov')) + part('moov').length;
		for (let length = 0; length < fixture.length; length += 97) {
			const measured = measure(fixture.subarray(0, length), 1000);
			expect({ length, measured: measured !== undefined }).toEqual({
				length,
				measured: length >= moovEnd,
			});
		}
	});

	test('garbage, an empty file, and a moov whose contents are scrambled: no measurement and no exception', () => {
		expect(measure(Buffer.alloc(0))).toBeUndefined();
		expect(measure(Buffer.from('RIFF....WEBPVP8 something else entirely'))).toBeUndefined();
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		expect(
			measure(Buffer.from(Array.from({ length: 5000 }, () => Math.floor(random() * 256)))),
		).toBeUndefined();
		const moovStart = fixture.indexOf(part('moov'));
		for (let round = 0; round < 300; round++) {
			const scrambled = Buffer.from(fixture);
			for (let flips = 0; flips < 20; flips++)
				scrambled[moovStart + 8 + Math.floor(random() * (part('moov').length - 8))] = Math.floor(
					random() * 256,
				);
			expect(() => measure(scrambled, 4096)).not.toThrow();
		}
	});

	test('an MP4 whose only track is audio is not a measured video', () => {
		const moov = Buffer.from(part('moov'));
		// rename the video track's handler: the file then has no video track
		const at = moov.indexOf('vide', 0, 'latin1');
		moov.write('text', at, 'latin1');
		expect(measure(Buffer.concat([part('ftyp'), moov, part('mdat')]))).toBeUndefined();
	});
});
