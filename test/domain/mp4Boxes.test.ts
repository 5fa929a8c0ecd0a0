import { Mp4BoxWalker, type Mp4Verdict } from '../../nodes/Sora/domain/mp4Boxes';
import { readFixture } from '../server';

const video = readFixture('video.mp4');

function walk(bytes: Buffer, chunkSize = bytes.length || 1): Mp4Verdict {
	const walker = new Mp4BoxWalker();
	for (let at = 0; at < bytes.length; at += chunkSize)
		walker.push(bytes.subarray(at, at + chunkSize));
	return walker.finish();
}

function box(type: string, payload: Buffer, largeSize = false): Buffer {
	if (!largeSize) {
		const head = Buffer.alloc(8);
		head.writeUInt32BE(8 + payload.length, 0);
		head.write(type, 4, 'latin1');
		return Buffer.concat([head, payload]);
	}
	const head = Buffer.alloc(16);
	head.writeUInt32BE(1, 0);
	head.write(type, 4, 'latin1');
	head.writeBigUInt64BE(BigInt(16 + payload.length), 8);
	return Buffer.concat([head, payload]);
}

describe('MP4 box structure: a complete file is told from one cut short without a Content-Length', () => {
	test('the fixture is complete, whole or fed 1, 7 or 4096 bytes at a time', () => {
		for (const chunk of [video.length, 1, 7, 4096]) {
			expect(walk(video, chunk)).toEqual({
				kind: 'complete',
				boxes: ['ftyp', 'moov', 'free', 'mdat'],
			});
		}
	});

	test('every cut of the fixture is truncated, at any position (inside a header, a box, or between boxes before moov)', () => {
		for (let length = 1; length < video.length; length += 37) {
			expect({ length, verdict: walk(video.subarray(0, length), 512).kind }).toEqual({
				length,
				verdict: 'truncated',
			});
		}
		expect(walk(video.subarray(0, 32)).kind).toBe('truncated'); // ftyp only: no moov
		expect(walk(video.subarray(0, video.length - 1))).toMatchObject({
			kind: 'truncated',
			reason: expect.stringContaining('mdat'),
		});
	});

	test('64-bit box sizes, and a last box that runs to the end of the file (size 0)', () => {
		const ftyp = box('ftyp', Buffer.from('isom0000'));
		const moov = box('moov', Buffer.alloc(40, 1));
		const large = Buffer.concat([ftyp, moov, box('mdat', Buffer.alloc(1000, 2), true)]);
		expect(walk(large, 3)).toEqual({ kind: 'complete', boxes: ['ftyp', 'moov', 'mdat'] });
		expect(walk(large.subarray(0, large.length - 10), 3).kind).toBe('truncated');
		const toEnd = Buffer.concat([
			ftyp,
			moov,
			Buffer.from([0, 0, 0, 0]),
			Buffer.from('mdat'),
			Buffer.alloc(50),
		]);
		expect(walk(toEnd, 5)).toEqual({ kind: 'complete', boxes: ['ftyp', 'moov', 'mdat'] });
	});

	test('bytes after the last box, an impossible size, an empty file, and a file that is not an MP4', () => {
		expect(walk(Buffer.concat([video, Buffer.from([1, 2, 3])])).kind).toBe('truncated');
		const bad = Buffer.concat([
			box('ftyp', Buffer.alloc(8)),
			Buffer.from([0, 0, 0, 3]),
			Buffer.from('moov'),
		]);
		expect(walk(bad)).toMatchObject({
			kind: 'truncated',
			reason: expect.stringContaining('impossible size'),
		});
		expect(walk(Buffer.alloc(0)).kind).toBe('truncated');
		expect(walk(Buffer.from('RIFF....WEBPVP8 something else entirely')).kind).toBe('notMp4');
		expect(walk(box('free', Buffer.alloc(4))).kind).toBe('notMp4');
	});
});
