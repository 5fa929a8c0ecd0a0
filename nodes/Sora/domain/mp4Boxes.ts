import type { MeasuredVideo } from './media';
import { readMoov, type MoovReading, type MoovTrack } from './mp4Moov';

/** What the top-level boxes say about a downloaded file's completeness. */
export type Mp4Verdict =
	| { kind: 'complete'; boxes: string[] }
	| { kind: 'truncated'; reason: string }
	/** The file does not start like an MP4 (no `ftyp` box): nothing can be said. */
	| { kind: 'notMp4' };

const PRINTABLE_TYPE = /^[\x20-\x7e]{4}$/;

/** A moov larger than this (hours of video) is not kept: the file is then not measured. */
const MAX_MOOV_BYTES = 32 * 1024 * 1024;

const VIDEO_CODECS: Record<string, string> = {
	avc1: 'h264',
	avc3: 'h264',
	hvc1: 'hevc',
	hev1: 'hevc',
	av01: 'av1',
	vp09: 'vp9',
	vp08: 'vp8',
	mp4v: 'mpeg4',
};
const AUDIO_CODECS: Record<string, string> = {
	mp4a: 'aac',
	Opus: 'opus',
	'ac-3': 'ac3',
	'ec-3': 'eac3',
	fLaC: 'flac',
	'.mp3': 'mp3',
	alac: 'alac',
};
/** esds object types that are MP3 rather than AAC. */
const MP3_OBJECT_TYPES = [0x69, 0x6b];

/** Where the moov's payload lies in the file, and its bytes so far. */
interface MoovCapture {
	from: number;
	/** Infinity: the moov runs to the end of the file. */
	to: number;
	parts: Buffer[];
	kept: number;
}

/**
 * An MP4 file is a sequence of top-level boxes, each starting with its size and a four-letter
 * type (ISO/IEC 14496-12 §4.2). A download cut short ends inside a box, so without a
 * Content-Length the structure is what tells a complete file: the boxes add up to the file's
 * size exactly (or the last one says "to the end of the file") and a `moov` box (the index a
 * player needs) is present. Fed chunk by chunk as the file streams; it keeps one header and the
 * `moov` box's bytes (small: the index), read when its last byte passes, wherever it is in the
 * file; the media (`mdat`) is skipped without being kept. `measured()` then says what the video is.
 */
export class Mp4BoxWalker {
	private seen = 0;

	private nextBoxAt = 0;

	private pending: Buffer = Buffer.alloc(0);

	private toEndOfFile = false;

	private broken?: string;

	readonly boxes: string[] = [];

	private moov?: MoovCapture;

	private moovAt?: number;

	private firstMdatAt?: number;

	private reading?: MoovReading;

	push(chunk: Buffer): void {
		const chunkStart = this.seen;
		this.seen += chunk.length;
		this.walk(chunk, chunkStart);
		if (this.moov) this.keepMoov(chunk, chunkStart);
	}

	/**
	 * What the file measures, from its moov (read as it passed) and its top-level boxes; undefined
	 * when no moov was read or it has no video track. Call after the last chunk.
	 */
	measured(): MeasuredVideo | undefined {
		if (this.moov && this.moov.to === Infinity) this.readKeptMoov();
		const reading = this.reading;
		const video = reading?.tracks.find(
			(track) => track.handler === 'vide' && track.width && track.height,
		);
		if (!reading || !video) return undefined;
		const audio = reading.tracks.find((track) => track.handler === 'soun');
		const durationSeconds = reading.durationSeconds ?? video.durationSeconds ?? 0;
		const measured: MeasuredVideo = {
			width: video.width!,
			height: video.height!,
			durationSeconds: round(durationSeconds, 3),
			hasAudio: audio !== undefined,
			bytes: this.seen,
			fastStart: this.firstMdatAt === undefined || this.moovAt! < this.firstMdatAt,
		};
		if (video.sampleCount && video.sampleSeconds)
			measured.frameRate = round(video.sampleCount / video.sampleSeconds, 3);
		if (video.format) measured.videoCodec = VIDEO_CODECS[video.format] ?? video.format;
		if (audio?.format) measured.audioCodec = audioCodecOf(audio);
		return measured;
	}

	private keepMoov(chunk: Buffer, chunkStart: number): void {
		const moov = this.moov!;
		const from = Math.max(moov.from, chunkStart);
		const to = Math.min(moov.to, this.seen);
		if (to <= from) return;
		moov.kept += to - from;
		if (moov.kept > MAX_MOOV_BYTES) {
			this.moov = undefined;
			return;
		}
		// a copy: the stream may hand the same memory on
		moov.parts.push(Buffer.from(chunk.subarray(from - chunkStart, to - chunkStart)));
		if (this.seen >= moov.to) this.readKeptMoov();
	}

	private readKeptMoov(): void {
		const parts = this.moov!.parts;
		this.moov = undefined;
		try {
			this.reading = readMoov(Buffer.concat(parts));
		} catch {
			this.reading = undefined; // an index that does not parse: the file is not measured
		}
	}

	private walk(chunk: Buffer, chunkStart: number): void {
		let cursor = 0;
		while (!this.toEndOfFile && !this.broken) {
			if (!this.pending.length) {
				if (this.nextBoxAt >= this.seen) return;
				cursor = this.nextBoxAt - chunkStart;
			}
			const taken = chunk.subarray(cursor, cursor + this.headerLength() - this.pending.length);
			cursor += taken.length;
			this.pending = Buffer.concat([this.pending, taken]);
			if (this.pending.length < this.headerLength()) {
				if (cursor >= chunk.length) return;
				continue; // the 32-bit size was 1: a 64-bit size follows the type
			}
			this.readHeader();
		}
	}

	finish(): Mp4Verdict {
		if (this.boxes[0] !== undefined && this.boxes[0] !== 'ftyp') return { kind: 'notMp4' };
		if (!this.boxes.length && !this.pending.length)
			return { kind: 'truncated', reason: 'the file is empty' };
		if (this.broken)
			return this.boxes.length ? { kind: 'truncated', reason: this.broken } : { kind: 'notMp4' };
		if (this.pending.length)
			return {
				kind: 'truncated',
				reason: `the file ends inside a box header at byte ${this.seen}`,
			};
		if (!this.toEndOfFile && this.nextBoxAt !== this.seen) {
			const last = this.boxes[this.boxes.length - 1];
			return {
				kind: 'truncated',
				reason: `its last box (${last}) ends at byte ${this.nextBoxAt}, but the file has ${this.seen} bytes`,
			};
		}
		if (!this.boxes.includes('moov')) return { kind: 'truncated', reason: 'it has no moov box' };
		return { kind: 'complete', boxes: [...this.boxes] };
	}

	/** 8 bytes, or 16 when the 32-bit size is 1 (a 64-bit size follows the type). */
	private headerLength(): number {
		return this.pending.length >= 4 && this.pending.readUInt32BE(0) === 1 ? 16 : 8;
	}

	private readHeader(): void {
		const size32 = this.pending.readUInt32BE(0);
		const type = this.pending.toString('latin1', 4, 8);
		const headerLength = size32 === 1 ? 16 : 8;
		const size = size32 === 1 ? Number(this.pending.readBigUInt64BE(8)) : size32;
		this.pending = Buffer.alloc(0);
		if (!PRINTABLE_TYPE.test(type)) {
			this.broken = `byte ${this.nextBoxAt} does not start a box`;
			return;
		}
		this.boxes.push(type);
		if (size32 !== 0 && size < headerLength) {
			this.broken = `box ${type} at byte ${this.nextBoxAt} has an impossible size ${size}`;
			return;
		}
		if (type === 'mdat' && this.firstMdatAt === undefined) this.firstMdatAt = this.nextBoxAt;
		if (
			type === 'moov' &&
			this.moovAt === undefined &&
			(size32 === 0 || size - headerLength <= MAX_MOOV_BYTES)
		) {
			this.moovAt = this.nextBoxAt;
			const from = this.nextBoxAt + headerLength;
			this.moov = { from, to: size32 === 0 ? Infinity : this.nextBoxAt + size, parts: [], kept: 0 };
		}
		if (size32 === 0) {
			this.toEndOfFile = true;
			return;
		}
		this.nextBoxAt += size;
	}
}

function round(value: number, decimals: number): number {
	const scale = 10 ** decimals;
	return Math.round(value * scale) / scale;
}

function audioCodecOf(track: MoovTrack): string {
	if (
		track.format === 'mp4a' &&
		track.objectType !== undefined &&
		MP3_OBJECT_TYPES.includes(track.objectType)
	)
		return 'mp3';
	return AUDIO_CODECS[track.format!] ?? track.format!;
}
