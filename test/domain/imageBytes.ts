// Builders for minimal image headers, so tests can ask for any size without binary fixtures.

function u16be(value: number): number[] {
	return [(value >> 8) & 0xff, value & 0xff];
}

function u32be(value: number): number[] {
	return [(value >>> 24) & 0xff, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function u32le(value: number): number[] {
	return [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff];
}

function ascii(text: string): number[] {
	return Array.from(text, (char) => char.charCodeAt(0));
}

export function pngBytes(width: number, height: number): Uint8Array {
	return Uint8Array.from([
		0x89,
		0x50,
		0x4e,
		0x47,
		0x0d,
		0x0a,
		0x1a,
		0x0a,
		...u32be(13),
		...ascii('IHDR'),
		...u32be(width),
		...u32be(height),
		8,
		2,
		0,
		0,
		0, // bit depth, colour type, compression, filter, interlace
		0,
		0,
		0,
		0, // CRC (not checked)
	]);
}

export function jpegSegment(marker: number, payload: number[]): number[] {
	return [0xff, marker, ...u16be(payload.length + 2), ...payload];
}

export function sofSegment(width: number, height: number, marker = 0xc0): number[] {
	return jpegSegment(marker, [8, ...u16be(height), ...u16be(width), 1, 1, 0x11, 0]);
}

export function jpegBytes(
	width: number,
	height: number,
	options: { marker?: number; before?: number[] } = {},
): Uint8Array {
	const app0 = jpegSegment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
	const dqt = jpegSegment(0xdb, [0, ...new Array<number>(64).fill(1)]);
	return Uint8Array.from([
		0xff,
		0xd8,
		...app0,
		...(options.before ?? []),
		...dqt,
		...sofSegment(width, height, options.marker),
		...jpegSegment(0xda, [1, 1, 0, 0, 63, 0]),
		0x00,
		0xff,
		0xd9,
	]);
}

function riffWebp(chunk: string, data: number[]): Uint8Array {
	const padded = data.length % 2 === 1 ? [...data, 0] : data;
	return Uint8Array.from([
		...ascii('RIFF'),
		...u32le(4 + 8 + padded.length),
		...ascii('WEBP'),
		...ascii(chunk),
		...u32le(data.length),
		...padded,
	]);
}

export function webpVp8Bytes(width: number, height: number, scaleBits = 0): Uint8Array {
	return riffWebp('VP8 ', [
		0x50,
		0x01,
		0x00, // frame tag (key frame)
		0x9d,
		0x01,
		0x2a, // start code
		width & 0xff,
		((width >> 8) & 0x3f) | (scaleBits << 6),
		height & 0xff,
		((height >> 8) & 0x3f) | (scaleBits << 6),
		0,
		0,
	]);
}

export function webpVp8lBytes(width: number, height: number, version = 0): Uint8Array {
	const w = width - 1;
	const h = height - 1;
	// 14 bits width-1, 14 bits height-1, 1 bit alpha, 3 bits version, little-endian bit order.
	const bits = (w | (h << 14) | (1 << 28)) >>> 0;
	const packed = u32le(bits);
	packed[3] |= version << 5;
	return riffWebp('VP8L', [0x2f, ...packed, 0]);
}

export function webpVp8xBytes(width: number, height: number): Uint8Array {
	const w = width - 1;
	const h = height - 1;
	return riffWebp('VP8X', [
		0x10,
		0,
		0,
		0,
		w & 0xff,
		(w >> 8) & 0xff,
		(w >> 16) & 0xff,
		h & 0xff,
		(h >> 8) & 0xff,
		(h >> 16) & 0xff,
	]);
}

export function bytesOf(text: string): Uint8Array {
	return Uint8Array.from(ascii(text));
}

/** Real files written by ffmpeg (red/blue squares), to make sure the builders match reality. */
export const REAL_FILES = {
	png6x4:
		'iVBORw0KGgoAAAANSUhEUgAAAAYAAAAECAIAAAAiZtkUAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAEklEQVR4nGP4y8CAhtD5RAsBAJ2BF7nKI3aWAAAAAElFTkSuQmCC',
	jpeg8x6:
		'/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgEBAQEBAUFBQUFBQYGBgYGBgYGBgYGBgYHBwcICAgHBwcGBgcHCAgICAkJCQgICAgJCQoKCgwMCwsODg4RERT/xABMAAEBAAAAAAAAAAAAAAAAAAAABwEBAQAAAAAAAAAAAAAAAAAABQcQAQAAAAAAAAAAAAAAAAAAAAARAQAAAAAAAAAAAAAAAAAAAAD/wAARCAAGAAgDASIAAhEAAxEA/9oADAMBAAIRAxEAPwCOAL+Lf//Z',
	webpLossy10x4:
		'UklGRjwAAABXRUJQVlA4IDAAAADQAQCdASoKAAQAAgA0JaACdLoB+AADsAD+8Oj3/yC5YXXI1/8gP+QH/ID/+PIAAAA=',
	webpLossless12x6: 'UklGRhwAAABXRUJQVlA4TA8AAAAvC0ABAAcQ9Y/+ByKi/wEA',
	webpAlpha14x8:
		'UklGRmAAAABXRUJQVlA4WAoAAAAQAAAADQAABwAAQUxQSAoAAAABB9C/iAhERP8DVlA4IDAAAADQAQCdASoOAAgAAgA0JaACdLoB+AADsAD+8Oj3/yC5YXXI1/8gP+QH/ID/+PIAAAA=',
} as const;

export function realFile(name: keyof typeof REAL_FILES): Uint8Array {
	return new Uint8Array(Buffer.from(REAL_FILES[name], 'base64'));
}
