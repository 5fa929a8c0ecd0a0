/**
 * What a platform reads from an uploaded MP4 before it accepts it: the order of the top-level boxes
 * (moov before mdat: "fast start"), the duration (mvhd) and the video track's width and height (tkhd).
 */
export interface Mp4Facts {
	topLevel: string[];
	fastStart: boolean;
	durationSeconds?: number;
	width?: number;
	height?: number;
}

interface Box {
	type: string;
	start: number;
	end: number;
	content: number;
}

function boxesIn(data: Buffer, from: number, to: number): Box[] {
	const boxes: Box[] = [];
	let at = from;
	while (at + 8 <= to) {
		let size = data.readUInt32BE(at);
		let header = 8;
		if (size === 1 && at + 16 <= to) {
			size = Number(data.readBigUInt64BE(at + 8));
			header = 16;
		} else if (size === 0) size = to - at;
		if (size < header) break;
		boxes.push({
			type: data.toString('latin1', at + 4, at + 8),
			start: at,
			end: Math.min(at + size, to),
			content: at + header,
		});
		at += size;
	}
	return boxes;
}

const CONTAINERS = new Set(['moov', 'trak']);

function find(data: Buffer, boxes: Box[], type: string): Box[] {
	const found: Box[] = [];
	for (const box of boxes) {
		if (box.type === type) found.push(box);
		if (CONTAINERS.has(box.type))
			found.push(...find(data, boxesIn(data, box.content, box.end), type));
	}
	return found;
}

export function readMp4Facts(data: Buffer): Mp4Facts {
	const top = boxesIn(data, 0, data.length);
	const topLevel = top.map((box) => box.type);
	const moov = topLevel.indexOf('moov');
	const mdat = topLevel.indexOf('mdat');
	const facts: Mp4Facts = { topLevel, fastStart: moov >= 0 && (mdat < 0 || moov < mdat) };
	const mvhd = find(data, top, 'mvhd')[0];
	if (mvhd) {
		const version = data[mvhd.content];
		const timescale = data.readUInt32BE(mvhd.content + (version === 1 ? 20 : 12));
		const duration =
			version === 1
				? Number(data.readBigUInt64BE(mvhd.content + 24))
				: data.readUInt32BE(mvhd.content + 16);
		if (timescale) facts.durationSeconds = duration / timescale;
	}
	for (const tkhd of find(data, top, 'tkhd')) {
		const version = data[tkhd.content];
		const sizeAt = tkhd.content + (version === 1 ? 88 : 76);
		const width = data.readUInt32BE(sizeAt) / 65536;
		const height = data.readUInt32BE(sizeAt + 4) / 65536;
		if (width && height) {
			facts.width = Math.round(width);
			facts.height = Math.round(height);
			break;
		}
	}
	return facts;
}
