export interface ImageInfo {
	mimeType: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
	width: number;
	height: number;
}

/** Type and pixel size of a PNG, JPEG, WebP or GIF from its bytes; undefined for anything else. */
export function readImageInfo(bytes: Buffer): ImageInfo | undefined {
	if (
		bytes.length >= 24 &&
		bytes.readUInt32BE(0) === 0x89504e47 &&
		bytes.toString('ascii', 12, 16) === 'IHDR'
	) {
		return { mimeType: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
	}
	if (bytes.length >= 10 && /^GIF8[79]a$/.test(bytes.toString('ascii', 0, 6))) {
		return { mimeType: 'image/gif', width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
	}
	if (
		bytes.length >= 30 &&
		bytes.toString('ascii', 0, 4) === 'RIFF' &&
		bytes.toString('ascii', 8, 12) === 'WEBP'
	) {
		return readWebpInfo(bytes);
	}
	if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return readJpegInfo(bytes);
	return undefined;
}

function readWebpInfo(bytes: Buffer): ImageInfo | undefined {
	const chunk = bytes.toString('ascii', 12, 16);
	if (chunk === 'VP8 ') {
		return {
			mimeType: 'image/webp',
			width: bytes.readUInt16LE(26) & 0x3fff,
			height: bytes.readUInt16LE(28) & 0x3fff,
		};
	}
	if (chunk === 'VP8L') {
		const [b0, b1, b2, b3] = [bytes[21], bytes[22], bytes[23], bytes[24]];
		return {
			mimeType: 'image/webp',
			width: 1 + (((b1 & 0x3f) << 8) | b0),
			height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)),
		};
	}
	if (chunk === 'VP8X') {
		return {
			mimeType: 'image/webp',
			width: 1 + bytes.readUIntLE(24, 3),
			height: 1 + bytes.readUIntLE(27, 3),
		};
	}
	return undefined;
}

const JPEG_FRAME_MARKERS = new Set([
	0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

function readJpegInfo(bytes: Buffer): ImageInfo | undefined {
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) return undefined;
		const marker = bytes[offset + 1];
		if (marker === 0xff) {
			offset += 1; // fill byte
			continue;
		}
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
			offset += 2; // markers without a length
			continue;
		}
		if (JPEG_FRAME_MARKERS.has(marker)) {
			return {
				mimeType: 'image/jpeg',
				height: bytes.readUInt16BE(offset + 5),
				width: bytes.readUInt16BE(offset + 7),
			};
		}
		offset += 2 + bytes.readUInt16BE(offset + 2);
	}
	return undefined;
}

/** Duration in whole seconds from an MP4's `mvhd` box; undefined when it cannot be found. */
export function readMp4DurationSeconds(bytes: Buffer): number | undefined {
	const at = bytes.indexOf('mvhd');
	if (at < 0 || at + 32 > bytes.length) return undefined;
	const version = bytes[at + 4];
	const timescale = version === 1 ? bytes.readUInt32BE(at + 24) : bytes.readUInt32BE(at + 16);
	const duration =
		version === 1 ? Number(bytes.readBigUInt64BE(at + 28)) : bytes.readUInt32BE(at + 20);
	return timescale > 0 ? Math.round(duration / timescale) : undefined;
}

export function looksLikeVideo(bytes: Buffer): boolean {
	return (
		bytes.length >= 12 && ['ftyp', 'moov', 'mdat', 'free'].includes(bytes.toString('ascii', 4, 8))
	);
}

/** Width and height of an MP4's first track with a picture (its `tkhd` box); undefined when none. */
export function readMp4VideoSize(bytes: Buffer): { width: number; height: number } | undefined {
	for (let at = bytes.indexOf('tkhd'); at >= 0; at = bytes.indexOf('tkhd', at + 4)) {
		const sizeAt = at + (bytes[at + 4] === 1 ? 92 : 80);
		if (sizeAt + 8 > bytes.length) return undefined;
		const width = bytes.readUInt32BE(sizeAt) >>> 16;
		const height = bytes.readUInt32BE(sizeAt + 4) >>> 16;
		if (width > 0 && height > 0) return { width, height };
	}
	return undefined;
}
