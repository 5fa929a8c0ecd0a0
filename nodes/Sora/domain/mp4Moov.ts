/**
 * What an MP4's `moov` box (its index, ISO/IEC 14496-12 §8.2) says about the video: the movie's
 * duration (mvhd), and per track (trak) its kind (hdlr), size (tkhd, else the sample entry), time
 * scale and length (mdhd), codec (stsd's sample entry) and sample timing (stts). Reads only the
 * moov's bytes, which Mp4BoxWalker keeps while the rest of the file streams past.
 */

export interface MoovTrack {
	/** hdlr's handler type: "vide", "soun", … */
	handler: string;
	/** The sample entry's four letters: "avc1", "hvc1", "mp4a", "Opus", … */
	format?: string;
	/** For "mp4a": the esds object type (0x40 AAC, 0x69/0x6b MP3). */
	objectType?: number;
	/** Display size (tkhd, turned by its matrix), else the sample entry's coded size. */
	width?: number;
	height?: number;
	durationSeconds?: number;
	sampleCount?: number;
	/** Sum of stts deltas, in seconds. */
	sampleSeconds?: number;
}

export interface MoovReading {
	/** mvhd's duration (or mvex/mehd's for a fragmented file), in seconds. */
	durationSeconds?: number;
	tracks: MoovTrack[];
}

interface Box {
	type: string;
	/** Payload start and end (after the header). */
	start: number;
	end: number;
}

/** The child boxes of `buffer[start, end)`; stops at the first box whose size does not fit. */
function childBoxes(buffer: Buffer, start: number, end: number): Box[] {
	const boxes: Box[] = [];
	let at = start;
	while (at + 8 <= end) {
		const size32 = buffer.readUInt32BE(at);
		const type = buffer.toString('latin1', at + 4, at + 8);
		let header = 8;
		let size = size32;
		if (size32 === 1) {
			if (at + 16 > end) break;
			header = 16;
			size = Number(buffer.readBigUInt64BE(at + 8));
		} else if (size32 === 0) {
			size = end - at;
		}
		if (size < header || at + size > end) break;
		boxes.push({ type, start: at + header, end: at + size });
		at += size;
	}
	return boxes;
}

function child(buffer: Buffer, parent: Box | undefined, type: string): Box | undefined {
	return parent
		? childBoxes(buffer, parent.start, parent.end).find((box) => box.type === type)
		: undefined;
}

/** mvhd and mdhd share their layout: version 1 has 64-bit times. */
function timescaleAndDuration(buffer: Buffer, box: Box | undefined): number | undefined {
	if (!box || box.end - box.start < 24) return undefined;
	const version = buffer.readUInt8(box.start);
	const wide = version === 1;
	if (wide && box.end - box.start < 36) return undefined;
	const timescale = buffer.readUInt32BE(box.start + (wide ? 20 : 12));
	const duration = wide
		? Number(buffer.readBigUInt64BE(box.start + 24))
		: buffer.readUInt32BE(box.start + 16);
	return seconds(duration, timescale, wide);
}

/** A duration in seconds; undefined when it is 0 or all ones (unknown). */
function seconds(duration: number, timescale: number, wide: boolean): number | undefined {
	const unknown = wide ? duration >= Number.MAX_SAFE_INTEGER : duration === 0xffffffff;
	return timescale > 0 && duration > 0 && !unknown ? duration / timescale : undefined;
}

/** A fragmented file's mvex/mehd: its whole duration, in the movie's time scale. */
function fragmentedDuration(buffer: Buffer, mvhd: Box, mehd: Box | undefined): number | undefined {
	if (!mehd || mehd.end - mehd.start < 8 || mvhd.end - mvhd.start < 24) return undefined;
	const wide = buffer.readUInt8(mehd.start) === 1;
	if (wide && mehd.end - mehd.start < 12) return undefined;
	const timescale = buffer.readUInt32BE(
		mvhd.start + (buffer.readUInt8(mvhd.start) === 1 ? 20 : 12),
	);
	const duration = wide
		? Number(buffer.readBigUInt64BE(mehd.start + 4))
		: buffer.readUInt32BE(mehd.start + 4);
	return seconds(duration, timescale, wide);
}

const FIXED_ONE = 0x10000;

/** tkhd's width and height (16.16 fixed point, the last 8 bytes), swapped when its matrix turns the picture a quarter. */
function trackHeaderSize(
	buffer: Buffer,
	box: Box | undefined,
): { width: number; height: number } | undefined {
	if (!box || box.end - box.start < 84) return undefined;
	const width = Math.round(buffer.readUInt32BE(box.end - 8) / FIXED_ONE);
	const height = Math.round(buffer.readUInt32BE(box.end - 4) / FIXED_ONE);
	if (!width || !height) return undefined;
	const [a, b, c] = [box.end - 44, box.end - 40, box.end - 32].map((at) => buffer.readInt32BE(at));
	const quarterTurn = a === 0 && Math.abs(b) === FIXED_ONE && Math.abs(c) === FIXED_ONE;
	return quarterTurn ? { width: height, height: width } : { width, height };
}

/** The DecoderConfigDescriptor's objectTypeIndication inside an esds box (ISO/IEC 14496-1 §7.2.6). */
function esdsObjectType(buffer: Buffer, box: Box | undefined): number | undefined {
	if (!box) return undefined;
	let at = box.start + 4; // version and flags
	const descriptorLength = () => {
		let length = 0;
		for (let i = 0; i < 4 && at < box.end; i++) {
			const byte = buffer.readUInt8(at++);
			length = (length << 7) | (byte & 0x7f);
			if (!(byte & 0x80)) break;
		}
		return length;
	};
	if (at + 1 > box.end || buffer.readUInt8(at++) !== 0x03) return undefined;
	descriptorLength();
	if (at + 3 > box.end) return undefined;
	const flags = buffer.readUInt8(at + 2);
	at += 3;
	if (flags & 0x80) at += 2;
	if (flags & 0x40 && at < box.end) at += 1 + buffer.readUInt8(at);
	if (flags & 0x20) at += 2;
	if (at + 1 > box.end || buffer.readUInt8(at++) !== 0x04) return undefined;
	descriptorLength();
	return at < box.end ? buffer.readUInt8(at) : undefined;
}

/** stsd's first sample entry: its format, and for a visual entry its coded size, for mp4a its object type. */
function sampleEntry(buffer: Buffer, stbl: Box | undefined, handler: string): Partial<MoovTrack> {
	const stsd = child(buffer, stbl, 'stsd');
	if (!stsd) return {};
	const entry = childBoxes(buffer, stsd.start + 8, stsd.end)[0];
	if (!entry) return {};
	const reading: Partial<MoovTrack> = { format: entry.type };
	if (handler === 'vide' && entry.end - entry.start >= 28) {
		reading.width = buffer.readUInt16BE(entry.start + 24);
		reading.height = buffer.readUInt16BE(entry.start + 26);
	}
	if (entry.type === 'mp4a' && entry.end - entry.start > 28) {
		const soundVersion = buffer.readUInt16BE(entry.start + 8);
		const childrenAt = entry.start + 28 + (soundVersion === 1 ? 16 : soundVersion === 2 ? 36 : 0);
		const esds = childBoxes(buffer, childrenAt, entry.end).find((box) => box.type === 'esds');
		reading.objectType = esdsObjectType(buffer, esds);
	}
	return reading;
}

/** stts: how many samples, and how long they last in all (in the track's time scale). */
function sampleTiming(
	buffer: Buffer,
	stbl: Box | undefined,
): { count: number; ticks: number } | undefined {
	const stts = child(buffer, stbl, 'stts');
	if (!stts || stts.end - stts.start < 8) return undefined;
	const entries = buffer.readUInt32BE(stts.start + 4);
	let [count, ticks] = [0, 0];
	for (let i = 0, at = stts.start + 8; i < entries && at + 8 <= stts.end; i++, at += 8) {
		const samples = buffer.readUInt32BE(at);
		count += samples;
		ticks += samples * buffer.readUInt32BE(at + 4);
	}
	return { count, ticks };
}

function readTrack(buffer: Buffer, trak: Box): MoovTrack {
	const mdia = child(buffer, trak, 'mdia');
	const hdlr = child(buffer, mdia, 'hdlr');
	const handler =
		hdlr && hdlr.end - hdlr.start >= 12
			? buffer.toString('latin1', hdlr.start + 8, hdlr.start + 12)
			: '';
	const mdhd = child(buffer, mdia, 'mdhd');
	const stbl = child(buffer, child(buffer, mdia, 'minf'), 'stbl');
	const entry = sampleEntry(buffer, stbl, handler);
	const track: MoovTrack = { handler, ...entry };
	const display =
		handler === 'vide' ? trackHeaderSize(buffer, child(buffer, trak, 'tkhd')) : undefined;
	if (display) Object.assign(track, display);
	track.durationSeconds = timescaleAndDuration(buffer, mdhd);
	const timing = sampleTiming(buffer, stbl);
	const timescale =
		mdhd && mdhd.end - mdhd.start >= 24
			? buffer.readUInt32BE(mdhd.start + (buffer.readUInt8(mdhd.start) === 1 ? 20 : 12))
			: 0;
	if (timing && timing.count && timing.ticks && timescale) {
		track.sampleCount = timing.count;
		track.sampleSeconds = timing.ticks / timescale;
	}
	return track;
}

/** Reads a moov box's payload (the bytes after its header); undefined when it is not one. */
export function readMoov(payload: Buffer): MoovReading | undefined {
	const boxes = childBoxes(payload, 0, payload.length);
	const mvhd = boxes.find((box) => box.type === 'mvhd');
	if (!mvhd) return undefined;
	const fragmented = fragmentedDuration(
		payload,
		mvhd,
		child(
			payload,
			boxes.find((box) => box.type === 'mvex'),
			'mehd',
		),
	);
	const tracks = boxes.filter((box) => box.type === 'trak').map((trak) => readTrack(payload, trak));
	return { durationSeconds: timescaleAndDuration(payload, mvhd) ?? fragmented, tracks };
}
