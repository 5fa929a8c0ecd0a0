import {
	checkCharacterIds,
	checkCharacterName,
	checkCharacterNamesInPrompt,
	checkImageUrl,
	checkPrompt,
	checkReferenceImage,
} from '../../nodes/Sora/domain/validation';
import {
	bytesOf,
	jpegBytes,
	pngBytes,
	realFile,
	webpVp8Bytes,
	webpVp8lBytes,
	webpVp8xBytes,
} from './imageBytes';

describe('checkPrompt', () => {
	it.each([
		[42, 'number'],
		[{}, 'object'],
		[['a'], 'a list'],
	])('%p is refused as not text', (prompt, kind) => {
		expect(checkPrompt(prompt)?.message).toBe(
			`Prompt is ${kind}, not text: make its expression return a string`,
		);
	});

	it.each([undefined, null, '', '   ', '\n\t '])('%p is empty', (prompt) => {
		expect(checkPrompt(prompt)).toEqual({
			field: 'Prompt',
			message: 'Prompt is empty: enter a text that describes the video',
			description: 'The prompt must contain 1 to 32000 characters.',
		});
	});

	it('accepts 1 to 32000 characters', () => {
		expect(checkPrompt('a')).toBeUndefined();
		expect(checkPrompt('x'.repeat(32000))).toBeUndefined();
	});

	it('reports the actual length and the limit when too long', () => {
		expect(checkPrompt('x'.repeat(32001))).toEqual({
			field: 'Prompt',
			message: 'Prompt is 32001 characters long; the limit is 32000. Shorten it by 1 characters.',
		});
		expect(checkPrompt('x'.repeat(40000))?.message).toBe(
			'Prompt is 40000 characters long; the limit is 32000. Shorten it by 8000 characters.',
		);
	});

	it('counts an emoji as one character, as the API does', () => {
		expect(checkPrompt('🎬'.repeat(32000))).toBeUndefined();
		expect(checkPrompt('🎬'.repeat(32001))?.message).toContain('Prompt is 32001 characters long');
	});
});

describe('checkReferenceImage', () => {
	it.each([
		['png', pngBytes(720, 1280)],
		['jpeg', jpegBytes(720, 1280)],
		['webp VP8', webpVp8Bytes(720, 1280)],
		['webp VP8L', webpVp8lBytes(720, 1280)],
		['webp VP8X', webpVp8xBytes(720, 1280)],
	])('accepts a 720x1280 %s for Size 720x1280', (_name, bytes) => {
		expect(checkReferenceImage(bytes, '720x1280', 'sora-2')).toBeUndefined();
	});

	it('accepts a matching pro size', () => {
		expect(checkReferenceImage(jpegBytes(1920, 1080), '1920x1080', 'sora-2-pro')).toBeUndefined();
	});

	it('gives the exact mismatch message with a Size suggestion when the image size is allowed', () => {
		expect(checkReferenceImage(pngBytes(1280, 720), '720x1280', 'sora-2')).toEqual({
			field: 'Reference Image',
			message:
				'Reference image is 1280x720 but Size is 720x1280: the first frame must match the video size exactly. Resize the image to 720x1280 or set Size to 1280x720.',
		});
	});

	it('only suggests resizing when the image size is not allowed for the model', () => {
		expect(checkReferenceImage(pngBytes(640, 480), '720x1280', 'sora-2')?.message).toBe(
			'Reference image is 640x480 but Size is 720x1280: the first frame must match the video size exactly. Resize the image to 720x1280.',
		);
		expect(checkReferenceImage(realFile('jpeg8x6'), '1920x1080', 'sora-2-pro')?.message).toBe(
			'Reference image is 8x6 but Size is 1920x1080: the first frame must match the video size exactly. Resize the image to 1920x1080.',
		);
	});

	it('for sora-2 and a pro-size image, suggests the size together with sora-2-pro', () => {
		expect(checkReferenceImage(webpVp8xBytes(1792, 1024), '720x1280', 'sora-2')?.message).toBe(
			'Reference image is 1792x1024 but Size is 720x1280: the first frame must match the video size exactly. Resize the image to 720x1280 or set Size to 1792x1024 and Model to sora-2-pro.',
		);
		expect(checkReferenceImage(webpVp8xBytes(1792, 1024), '720x1280', 'sora-2-pro')?.message).toBe(
			'Reference image is 1792x1024 but Size is 720x1280: the first frame must match the video size exactly. Resize the image to 720x1280 or set Size to 1792x1024.',
		);
	});

	it('checks against the default 720x1280 when Size is empty and the model is a sora model', () => {
		expect(checkReferenceImage(pngBytes(720, 1280), '', 'sora-2')).toBeUndefined();
		expect(checkReferenceImage(pngBytes(640, 480), '', 'sora-2-pro')).toEqual({
			field: 'Reference Image',
			message:
				'Reference image is 640x480 but Size is 720x1280 (the default): the first frame must match the video size exactly. Resize the image to 720x1280.',
		});
	});

	it('skips the dimension check when Size is empty and the model is unknown', () => {
		expect(checkReferenceImage(pngBytes(640, 480), '', 'gw-video-1')).toBeUndefined();
	});

	it('checks an explicit Size for an unknown model and suggests any size', () => {
		expect(checkReferenceImage(pngBytes(640, 480), '512x512', 'gw-video-1')?.message).toBe(
			'Reference image is 640x480 but Size is 512x512: the first frame must match the video size exactly. Resize the image to 512x512 or set Size to 640x480.',
		);
	});

	it('leaves a malformed Size to the model check', () => {
		expect(checkReferenceImage(pngBytes(640, 480), 'hd', 'sora-2')).toBeUndefined();
	});

	it.each([
		['image/gif', bytesOf('GIF89a\x05\x00\x03\x00\x00\x00\x00')],
		['image/bmp', bytesOf('BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0')],
		['application/pdf', bytesOf('%PDF-1.4\n')],
		['video/mp4', Uint8Array.from([0, 0, 0, 16, ...bytesOf('ftypisom\0\0\0\0')])],
	])('refuses %s by its bytes', (type, bytes) => {
		expect(checkReferenceImage(bytes, '720x1280', 'sora-2')).toEqual({
			field: 'Reference Image',
			message: `Reference image is ${type}; the API accepts image/jpeg, image/png or image/webp. Convert it to one of those.`,
		});
	});

	it('refuses an unknown type', () => {
		expect(checkReferenceImage(bytesOf('just some text'), '720x1280', 'sora-2')?.message).toBe(
			'Reference image is of an unknown type; the API accepts image/jpeg, image/png or image/webp. Convert it to one of those.',
		);
	});

	it('refuses an accepted type whose header cannot be read', () => {
		expect(checkReferenceImage(pngBytes(720, 1280).subarray(0, 12), '720x1280', 'sora-2')).toEqual({
			field: 'Reference Image',
			message:
				'Reference image looks like image/png but its header is truncated or corrupt: export the image again',
		});
	});

	it('refuses empty data', () => {
		expect(checkReferenceImage(new Uint8Array(0), '720x1280', 'sora-2')).toEqual({
			field: 'Reference Image',
			message:
				'Reference image is empty (0 bytes): attach an image/jpeg, image/png or image/webp file',
		});
	});

	it('refuses a wrong type even for unknown models', () => {
		expect(
			checkReferenceImage(bytesOf('GIF87a\x01\x00\x01\x00'), '', 'gw-video-1')?.message,
		).toContain('is image/gif');
	});
});

describe('checkCharacterIds', () => {
	it('accepts up to two IDs', () => {
		expect(checkCharacterIds([])).toBeUndefined();
		expect(checkCharacterIds(['char_1'])).toBeUndefined();
		expect(checkCharacterIds(['char_1', 'char_2'])).toBeUndefined();
		expect(checkCharacterIds(['char_1', 'char_2', '', '  '])).toBeUndefined();
	});

	it('refuses more than two and says how many to remove', () => {
		expect(checkCharacterIds(['a', 'b', 'c'])).toEqual({
			field: 'Character IDs',
			message: '3 character IDs given; a video can include at most 2. Remove 1.',
		});
		expect(checkCharacterIds(['a', 'b', 'c', 'd', 'e'])?.message).toBe(
			'5 character IDs given; a video can include at most 2. Remove 3.',
		);
	});
});

describe('checkCharacterNamesInPrompt', () => {
	it('accepts names that appear in any case', () => {
		expect(
			checkCharacterNamesInPrompt('Captain Mira waves at BOLT the robot', ['mira', 'Bolt']),
		).toBeUndefined();
		expect(checkCharacterNamesInPrompt('anything', [])).toBeUndefined();
		expect(checkCharacterNamesInPrompt('anything', ['', '  '])).toBeUndefined();
	});

	it('names one missing character', () => {
		expect(checkCharacterNamesInPrompt('Mira walks alone', ['Mira', 'Bolt'])).toEqual({
			field: 'Prompt',
			message:
				'Prompt does not mention the character "Bolt": add each character\'s name to the prompt',
			description: 'The API only places a character in the video when the prompt names it.',
		});
	});

	it('names every missing character', () => {
		expect(checkCharacterNamesInPrompt('a quiet beach', [' Mira ', 'Bolt'])?.message).toBe(
			'Prompt does not mention the characters "Mira" or "Bolt": add each character\'s name to the prompt',
		);
	});
});

describe('checkCharacterName', () => {
	it('accepts 1 to 80 characters after trimming', () => {
		expect(checkCharacterName('M')).toBeUndefined();
		expect(checkCharacterName(`  ${'n'.repeat(80)}  `)).toBeUndefined();
	});

	it.each([undefined, null, 5, '', '   '])('refuses %p as empty', (name) => {
		expect(checkCharacterName(name)).toEqual({
			field: 'Name',
			message: 'Name is empty: enter 1 to 80 characters',
		});
	});

	it('refuses more than 80 characters with the length', () => {
		expect(checkCharacterName('n'.repeat(81))).toEqual({
			field: 'Name',
			message: 'Name is 81 characters long; the limit is 80. Shorten it by 1 characters.',
		});
	});
});

describe('checkImageUrl', () => {
	it.each([
		'https://example.com/frame.png',
		'http://localhost:8080/a.jpg?sig=1',
		'  https://cdn.example.org/x  ',
		'data:image/png;base64,iVBORw0KGgo=',
		'data:image/jpeg;base64,/9j/4AAQ',
		'data:image/webp;base64,UklGRg==',
		'DATA:IMAGE/PNG;BASE64,iVBORw0KGgo=',
	])('accepts %s', (url) => {
		expect(checkImageUrl(url)).toBeUndefined();
	});

	it.each(['', '   '])('refuses %p as empty', (url) => {
		expect(checkImageUrl(url)).toEqual({
			field: 'Image URL',
			message: 'Image URL is empty: enter an http(s) URL or a data:image URL',
		});
	});

	it.each([
		'ftp://example.com/a.png',
		'file:///tmp/a.png',
		'example.com/a.png',
		'https://',
		'not a url',
	])('refuses %s', (url) => {
		expect(checkImageUrl(url)).toEqual({
			field: 'Image URL',
			message: `Image URL "${url}" is not an http(s) URL or a data:image URL`,
			description:
				'Use a link such as https://example.com/frame.png or data:image/png;base64,<data>.',
		});
	});

	it('refuses a data URL with another declared type', () => {
		expect(checkImageUrl('data:image/gif;base64,R0lGODlh')).toEqual({
			field: 'Image URL',
			message: 'Image URL declares image/gif; the API accepts image/jpeg, image/png or image/webp',
		});
		expect(checkImageUrl('data:;base64,AAAA')?.message).toBe(
			'Image URL declares no type; the API accepts image/jpeg, image/png or image/webp',
		);
	});

	it('refuses a data URL that is not base64', () => {
		expect(checkImageUrl('data:image/png,rawbytes')?.message).toBe(
			'Image URL must be base64 encoded: use data:image/png;base64,<data>',
		);
		expect(checkImageUrl('data:image/png;base64,')?.message).toBe(
			'Image URL must be base64 encoded: use data:image/png;base64,<data>',
		);
		expect(checkImageUrl('data:image/png;base64,not base64!')?.message).toBe(
			'Image URL must be base64 encoded: use data:image/png;base64,<data>',
		);
	});

	it('refuses a data URL without a comma', () => {
		expect(checkImageUrl('data:image/png;base64')).toEqual({
			field: 'Image URL',
			message: 'Image URL is not a valid data URL: use data:image/png;base64,<data>',
		});
	});
});
