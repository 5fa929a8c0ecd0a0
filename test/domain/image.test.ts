import {
	readDataUrlImageHeader,
	readImageHeader,
	sniffMimeType,
} from '../../nodes/Sora/domain/image';
import {
	bytesOf,
	jpegBytes,
	jpegSegment,
	pngBytes,
	realFile,
	webpVp8Bytes,
	webpVp8lBytes,
	webpVp8xBytes,
} from './imageBytes';

describe('readImageHeader on real files', () => {
	it.each([
		['png6x4', 'image/png', 6, 4],
		['jpeg8x6', 'image/jpeg', 8, 6],
		['webpLossy10x4', 'image/webp', 10, 4],
		['webpLossless12x6', 'image/webp', 12, 6],
		['webpAlpha14x8', 'image/webp', 14, 8],
	] as const)('%s → %s %dx%d', (name, mimeType, width, height) => {
		expect(readImageHeader(realFile(name))).toEqual({ mimeType, width, height });
	});
});

describe('readImageHeader: PNG', () => {
	it.each([
		[720, 1280],
		[1920, 1080],
		[1, 1],
		[70000, 3],
	])('reads %dx%d from IHDR', (width, height) => {
		expect(readImageHeader(pngBytes(width, height))).toEqual({
			mimeType: 'image/png',
			width,
			height,
		});
	});

	it('refuses a truncated header', () => {
		expect(readImageHeader(pngBytes(720, 1280).subarray(0, 23))).toBeUndefined();
		expect(readImageHeader(pngBytes(720, 1280).subarray(0, 8))).toBeUndefined();
	});

	it('refuses a first chunk that is not IHDR', () => {
		const bytes = pngBytes(720, 1280);
		bytes.set([0x49, 0x44, 0x41, 0x54], 12); // IDAT
		expect(readImageHeader(bytes)).toBeUndefined();
	});

	it('refuses zero dimensions', () => {
		expect(readImageHeader(pngBytes(0, 1280))).toBeUndefined();
	});
});

describe('readImageHeader: JPEG', () => {
	it.each([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])(
		'reads the size from SOF marker 0x%s',
		(marker) => {
			expect(readImageHeader(jpegBytes(1280, 720, { marker }))).toEqual({
				mimeType: 'image/jpeg',
				width: 1280,
				height: 720,
			});
		},
	);

	it('skips DHT (C4), JPG (C8) and DAC (CC) segments, which are not frame headers', () => {
		const before = [
			...jpegSegment(0xc4, [0, ...new Array<number>(16).fill(0)]),
			...jpegSegment(0xc8, [1, 2, 3, 4, 5, 6]), // would read as 0x0203 x 0x0405 if taken for a frame
			...jpegSegment(0xcc, [0, 0x10]),
		];
		expect(readImageHeader(jpegBytes(720, 1280, { before }))).toEqual({
			mimeType: 'image/jpeg',
			width: 720,
			height: 1280,
		});
	});

	it('skips APPn/COM segments by their length, including ones full of 0xFF bytes', () => {
		const before = [
			...jpegSegment(0xe1, [...new Array<number>(300).fill(0xff)]), // big EXIF-like block
			...jpegSegment(
				0xfe,
				Array.from('made by a test', (c) => c.charCodeAt(0)),
			),
		];
		expect(readImageHeader(jpegBytes(1024, 1792, { before }))?.width).toBe(1024);
	});

	it('tolerates fill bytes and standalone markers between segments', () => {
		const before = [0xff, 0xff, 0xff, 0xd0, 0xff, 0x01, 0xff, 0xff];
		expect(readImageHeader(jpegBytes(1792, 1024, { before }))).toEqual({
			mimeType: 'image/jpeg',
			width: 1792,
			height: 1024,
		});
	});

	it('gives up at SOS or EOI before any frame header', () => {
		const sosFirst = Uint8Array.from([
			0xff,
			0xd8,
			...jpegSegment(0xda, [1, 1, 0, 0, 63, 0]),
			...jpegSegment(0xc0, [8, 0, 1, 0, 1]),
		]);
		expect(readImageHeader(sosFirst)).toBeUndefined();
		expect(readImageHeader(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined();
	});

	it('refuses truncated and corrupt headers', () => {
		const full = jpegBytes(720, 1280);
		const sofAt = full.findIndex((value, index) => value === 0xff && full[index + 1] === 0xc0);
		for (const cut of [3, 4, 10, sofAt, sofAt + 2, sofAt + 8]) {
			expect(readImageHeader(full.subarray(0, cut))).toBeUndefined();
		}
		expect(readImageHeader(full.subarray(0, sofAt + 9))).toEqual({
			mimeType: 'image/jpeg',
			width: 720,
			height: 1280,
		});
		// A segment whose length runs past the end of the data
		expect(
			readImageHeader(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 1, 2, 3])),
		).toBeUndefined();
		// A length below 2 would loop forever if trusted
		expect(
			readImageHeader(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0xff, 0xc0])),
		).toBeUndefined();
		// Garbage where a marker should be
		expect(
			readImageHeader(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0x12, 0x34])),
		).toBeUndefined();
	});

	it('refuses a frame with height 0 (size defined later by DNL)', () => {
		expect(readImageHeader(jpegBytes(720, 0))).toBeUndefined();
	});
});

describe('readImageHeader: WebP', () => {
	it('reads lossy VP8 dimensions and ignores the scale bits', () => {
		expect(readImageHeader(webpVp8Bytes(1280, 720))).toEqual({
			mimeType: 'image/webp',
			width: 1280,
			height: 720,
		});
		expect(readImageHeader(webpVp8Bytes(1280, 720, 3))).toEqual({
			mimeType: 'image/webp',
			width: 1280,
			height: 720,
		});
		expect(readImageHeader(webpVp8Bytes(16383, 1))).toEqual({
			mimeType: 'image/webp',
			width: 16383,
			height: 1,
		});
	});

	it('refuses VP8 without its start code', () => {
		const bytes = webpVp8Bytes(1280, 720);
		bytes[23] = 0;
		expect(readImageHeader(bytes)).toBeUndefined();
	});

	it.each([
		[720, 1280],
		[1, 1],
		[16384, 16384],
		[1920, 1080],
	])('reads lossless VP8L %dx%d', (width, height) => {
		expect(readImageHeader(webpVp8lBytes(width, height))).toEqual({
			mimeType: 'image/webp',
			width,
			height,
		});
	});

	it('refuses VP8L with a wrong signature byte or a non-zero version', () => {
		const bytes = webpVp8lBytes(720, 1280);
		bytes[20] = 0x2e;
		expect(readImageHeader(bytes)).toBeUndefined();
		expect(readImageHeader(webpVp8lBytes(720, 1280, 1))).toBeUndefined();
	});

	it.each([
		[1792, 1024],
		[1, 1],
		[16777216, 2],
	])('reads the VP8X canvas %dx%d', (width, height) => {
		expect(readImageHeader(webpVp8xBytes(width, height))).toEqual({
			mimeType: 'image/webp',
			width,
			height,
		});
	});

	it('refuses truncated WebP headers and unknown chunks', () => {
		expect(readImageHeader(webpVp8Bytes(1280, 720).subarray(0, 29))).toBeUndefined();
		expect(readImageHeader(webpVp8lBytes(1280, 720).subarray(0, 24))).toBeUndefined();
		expect(readImageHeader(webpVp8xBytes(1280, 720).subarray(0, 29))).toBeUndefined();
		expect(readImageHeader(bytesOf('RIFF\0\0\0\0WEBP'))).toBeUndefined();
		expect(
			readImageHeader(bytesOf('RIFF\0\0\0\0WEBPALPH\0\0\0\0\0\0\0\0\0\0\0\0\0\0')),
		).toBeUndefined();
	});
});

describe('readImageHeader: other input', () => {
	it.each([
		['empty', new Uint8Array(0)],
		['gif', bytesOf('GIF89a\x05\x00\x03\x00')],
		['text', bytesOf('hello world, this is not an image at all')],
		['RIFF WAVE', bytesOf('RIFF\0\0\0\0WAVEfmt \0\0\0\0\0\0\0\0\0\0\0\0\0\0')],
	])('%s → undefined', (_name, bytes) => {
		expect(readImageHeader(bytes)).toBeUndefined();
	});
});

describe('sniffMimeType', () => {
	function ftyp(major: string, ...compatible: string[]): Uint8Array {
		const body = major + '\0\0\0\0' + compatible.join('');
		const size = 8 + body.length;
		return Uint8Array.from([
			0,
			0,
			0,
			size,
			...bytesOf('ftyp' + body),
			0,
			0,
			0,
			8,
			...bytesOf('mdat'),
		]);
	}

	it.each([
		['png', 'image/png', pngBytes(2, 2)],
		['real png', 'image/png', realFile('png6x4')],
		['jpeg', 'image/jpeg', jpegBytes(2, 2)],
		['webp', 'image/webp', webpVp8Bytes(2, 2)],
		['truncated png header still sniffed', 'image/png', pngBytes(2, 2).subarray(0, 8)],
		['gif87a', 'image/gif', bytesOf('GIF87a\x01\x00\x01\x00')],
		['gif89a', 'image/gif', bytesOf('GIF89a\x01\x00\x01\x00')],
		['bmp', 'image/bmp', bytesOf('BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0')],
		['tiff little-endian', 'image/tiff', Uint8Array.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])],
		['tiff big-endian', 'image/tiff', Uint8Array.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8])],
		['avif major brand', 'image/avif', ftyp('avif', 'mif1', 'miaf')],
		['avif compatible brand', 'image/avif', ftyp('mif1', 'avif', 'miaf')],
		['heic', 'image/heic', ftyp('heic', 'mif1', 'heic')],
		['heif generic', 'image/heif', ftyp('mif1', 'mif1', 'miaf')],
		['mp4 isom', 'video/mp4', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41')],
		['mp4 mp42', 'video/mp4', ftyp('mp42', 'mp42', 'isom')],
		['quicktime', 'video/quicktime', ftyp('qt  ', 'qt  ')],
		[
			'webm',
			'video/webm',
			Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, ...bytesOf('webm')]),
		],
		[
			'mkv',
			'video/x-matroska',
			Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88, ...bytesOf('matroska')]),
		],
		['pdf', 'application/pdf', bytesOf('%PDF-1.7\n')],
		['zip', 'application/zip', bytesOf('PK\x03\x04\x14\0\0\0')],
		['empty zip', 'application/zip', bytesOf('PK\x05\x06\0\0\0\0')],
	])('%s → %s', (_name, expected, bytes) => {
		expect(sniffMimeType(bytes)).toBe(expected);
	});

	it.each([
		['empty', new Uint8Array(0)],
		['text', bytesOf('{"hello": "world"}')],
		['two bytes BM', bytesOf('BM')],
		['RIFF WAVE', bytesOf('RIFF\0\0\0\0WAVE')],
	])('%s → undefined', (_name, bytes) => {
		expect(sniffMimeType(bytes)).toBeUndefined();
	});
});

describe('readDataUrlImageHeader', () => {
	const dataUrl = (bytes: Uint8Array, type = 'image/png') =>
		`data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
	it('reads a PNG, a JPEG and a WebP given as data URLs', () => {
		expect(readDataUrlImageHeader(dataUrl(pngBytes(720, 1280)))).toMatchObject({
			width: 720,
			height: 1280,
		});
		expect(readDataUrlImageHeader(dataUrl(realFile('jpeg8x6'), 'image/jpeg'))).toMatchObject({
			width: 8,
			height: 6,
		});
		expect(readDataUrlImageHeader(dataUrl(realFile('webpLossy10x4'), 'image/webp'))).toMatchObject({
			width: 10,
			height: 4,
		});
	});
	it('a JPEG whose frame header follows more than the first decoded part is still read', () => {
		const exif = jpegSegment(0xe1, new Array<number>(65_000).fill(0));
		const bytes = jpegBytes(640, 480, { before: [...exif, ...exif, ...exif, ...exif] });
		expect(readDataUrlImageHeader(dataUrl(bytes, 'image/jpeg'))).toMatchObject({
			width: 640,
			height: 480,
		});
	});
	it('an http URL, a data URL without base64 or of no image: unknown', () => {
		expect(readDataUrlImageHeader('https://example.com/a.png')).toBeUndefined();
		expect(readDataUrlImageHeader('data:image/png,abc')).toBeUndefined();
		expect(readDataUrlImageHeader(dataUrl(new Uint8Array([1, 2, 3])))).toBeUndefined();
	});
});
