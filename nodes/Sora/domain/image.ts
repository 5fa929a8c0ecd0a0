export interface ImageHeader {
	mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
	width: number;
	height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + prefix.length) return false;
	return prefix.every((value, index) => bytes[offset + index] === value);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
	if (bytes.length < offset + length) return '';
	return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function uint16BE(bytes: Uint8Array, offset: number): number {
	return (bytes[offset] << 8) | bytes[offset + 1];
}

function uint16LE(bytes: Uint8Array, offset: number): number {
	return bytes[offset] | (bytes[offset + 1] << 8);
}

function uint24LE(bytes: Uint8Array, offset: number): number {
	return bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16);
}

function uint32BE(bytes: Uint8Array, offset: number): number {
	return (
		((bytes[offset] << 24) >>> 0) +
		((bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3])
	);
}

function sized(
	mimeType: ImageHeader['mimeType'],
	width: number,
	height: number,
): ImageHeader | undefined {
	return width > 0 && height > 0 ? { mimeType, width, height } : undefined;
}

function readPngHeader(bytes: Uint8Array): ImageHeader | undefined {
	if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return undefined;
	return sized('image/png', uint32BE(bytes, 16), uint32BE(bytes, 20));
}

function isStartOfFrame(marker: number): boolean {
	// C4 (DHT), C8 (JPG extension) and CC (DAC) share the range but are not frames.
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function isStandaloneMarker(marker: number): boolean {
	return marker === 0x01 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7);
}

function readJpegHeader(bytes: Uint8Array): ImageHeader | undefined {
	let offset = 2;
	while (offset < bytes.length) {
		if (bytes[offset] !== 0xff) return undefined;
		while (offset < bytes.length && bytes[offset] === 0xff) offset++;
		if (offset >= bytes.length) return undefined;
		const marker = bytes[offset];
		offset++;
		if (isStandaloneMarker(marker)) continue;
		// End of image, start of scan or a stuffed zero before any frame header: nothing to read.
		if (marker === 0xd9 || marker === 0xda || marker === 0x00) return undefined;
		if (offset + 2 > bytes.length) return undefined;
		const segmentLength = uint16BE(bytes, offset);
		if (segmentLength < 2) return undefined;
		if (isStartOfFrame(marker)) {
			if (segmentLength < 7 || offset + 7 > bytes.length) return undefined;
			return sized('image/jpeg', uint16BE(bytes, offset + 5), uint16BE(bytes, offset + 3));
		}
		offset += segmentLength;
	}
	return undefined;
}

function readWebpHeader(bytes: Uint8Array): ImageHeader | undefined {
	const chunk = ascii(bytes, 12, 4);
	const data = 20;
	if (chunk === 'VP8 ') {
		if (bytes.length < data + 10 || !startsWith(bytes, [0x9d, 0x01, 0x2a], data + 3))
			return undefined;
		return sized(
			'image/webp',
			uint16LE(bytes, data + 6) & 0x3fff,
			uint16LE(bytes, data + 8) & 0x3fff,
		);
	}
	if (chunk === 'VP8L') {
		if (bytes.length < data + 5 || bytes[data] !== 0x2f) return undefined;
		const b1 = bytes[data + 1];
		const b2 = bytes[data + 2];
		const b3 = bytes[data + 3];
		const b4 = bytes[data + 4];
		if (b4 >> 5 !== 0) return undefined; // version bits must be 0
		const width = 1 + (b1 | ((b2 & 0x3f) << 8));
		const height = 1 + ((b2 >> 6) | (b3 << 2) | ((b4 & 0x0f) << 10));
		return sized('image/webp', width, height);
	}
	if (chunk === 'VP8X') {
		if (bytes.length < data + 10) return undefined;
		return sized('image/webp', 1 + uint24LE(bytes, data + 4), 1 + uint24LE(bytes, data + 7));
	}
	return undefined;
}

function isWebp(bytes: Uint8Array): boolean {
	return ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP';
}

/** Reads type and pixel size from the first bytes of a PNG, JPEG or WebP file. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
	if (startsWith(bytes, PNG_SIGNATURE)) return readPngHeader(bytes);
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return readJpegHeader(bytes);
	if (isWebp(bytes)) return readWebpHeader(bytes);
	return undefined;
}

const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'];

function ftypBrands(bytes: Uint8Array): string[] {
	const boxSize = Math.min(uint32BE(bytes, 0), bytes.length, 256);
	const brands = [ascii(bytes, 8, 4)];
	for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, 4));
	return brands;
}

function sniffIsoMedia(bytes: Uint8Array): string {
	const brands = ftypBrands(bytes);
	if (brands.includes('avif') || brands.includes('avis')) return 'image/avif';
	if (brands.some((brand) => HEIF_BRANDS.includes(brand))) return 'image/heic';
	if (brands[0] === 'mif1' || brands[0] === 'msf1') return 'image/heif';
	if (brands[0] === 'qt  ') return 'video/quicktime';
	return 'video/mp4';
}

function sniffMatroska(bytes: Uint8Array): string {
	const head = ascii(bytes, 0, Math.min(bytes.length, 64));
	return head.includes('webm') ? 'video/webm' : 'video/x-matroska';
}

/** Names the file type from its magic bytes, for messages; broader than what the API accepts. */
export function sniffMimeType(bytes: Uint8Array): string | undefined {
	if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (isWebp(bytes)) return 'image/webp';
	const head6 = ascii(bytes, 0, 6);
	if (head6 === 'GIF87a' || head6 === 'GIF89a') return 'image/gif';
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
		return 'image/tiff';
	if (ascii(bytes, 4, 4) === 'ftyp' && bytes.length >= 12) return sniffIsoMedia(bytes);
	if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return sniffMatroska(bytes);
	if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
		return 'application/zip';
	}
	if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 14) return 'image/bmp';
	return undefined;
}

/** Enough of a data URL's base64 to hold an image header (a JPEG's frame header may follow 64 KiB of EXIF). */
const HEADER_BASE64_CHARS = 4 * 64 * 1024;

/**
 * The type and pixel size of an image given as a `data:` URL, from the header in its first bytes
 * (only those are decoded); undefined for any other URL, or an image whose header is not read.
 */
export function readDataUrlImageHeader(url: string): ImageHeader | undefined {
	const match = /^data:[^,]*;base64,/i.exec(url.trimStart());
	if (!match) return undefined;
	const start = url.trimStart().slice(match[0].length);
	const head = readImageHeader(Buffer.from(start.slice(0, HEADER_BASE64_CHARS), 'base64'));
	if (head || start.length <= HEADER_BASE64_CHARS) return head;
	return readImageHeader(Buffer.from(start, 'base64'));
}
