import {
	allowedSizesFor,
	DEFAULT_VIDEO_SIZE,
	REFERENCE_IMAGE_TYPES,
	soraFamilyOf,
	VIDEO_SIZES,
} from './contract';
import { readImageHeader, sniffMimeType } from './image';
import { type Problem, SIZE_PATTERN } from './problem';

const ACCEPTED_IMAGE_TYPES_TEXT = 'image/jpeg, image/png or image/webp';

function unreadableImageProblem(bytes: Uint8Array): Problem {
	if (bytes.length === 0) {
		return {
			field: 'Reference Image',
			message: `Reference image is empty (0 bytes): attach an ${ACCEPTED_IMAGE_TYPES_TEXT} file`,
		};
	}
	const sniffed = sniffMimeType(bytes);
	if (sniffed && REFERENCE_IMAGE_TYPES.includes(sniffed)) {
		return {
			field: 'Reference Image',
			message: `Reference image looks like ${sniffed} but its header is truncated or corrupt: export the image again`,
		};
	}
	return {
		field: 'Reference Image',
		message: `Reference image is ${sniffed ?? 'of an unknown type'}; the API accepts ${ACCEPTED_IMAGE_TYPES_TEXT}. Convert it to one of those.`,
	};
}

function sizeSuggestion(actual: string, model: string): string {
	const family = soraFamilyOf(model);
	// Other providers' models may take any size, so only Sora models restrict the suggestion.
	if (!family || allowedSizesFor(family).includes(actual)) return ` or set Size to ${actual}`;
	if (family === 'sora-2' && VIDEO_SIZES.includes(actual)) {
		return ` or set Size to ${actual} and Model to sora-2-pro`;
	}
	return '';
}

export function checkReferenceImage(
	bytes: Uint8Array,
	size: string,
	model: string,
): Problem | undefined {
	const header = readImageHeader(bytes);
	if (!header) return unreadableImageProblem(bytes);
	const chosenSize = String(size ?? '').trim();
	const expected = chosenSize || (soraFamilyOf(model) ? DEFAULT_VIDEO_SIZE : '');
	if (!SIZE_PATTERN.test(expected)) return undefined;
	const actual = `${header.width}x${header.height}`;
	if (actual === expected) return undefined;
	const sizeLabel = chosenSize ? expected : `${expected} (the default)`;
	return {
		field: 'Reference Image',
		message:
			`Reference image is ${actual} but Size is ${sizeLabel}: the first frame must match the video size exactly. ` +
			`Resize the image to ${expected}${sizeSuggestion(actual, model)}.`,
	};
}

const DATA_URL_PATTERN = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

function checkDataUrl(url: string): Problem | undefined {
	const match = DATA_URL_PATTERN.exec(url);
	if (!match) {
		return {
			field: 'Image URL',
			message: 'Image URL is not a valid data URL: use data:image/png;base64,<data>',
		};
	}
	const mimeType = match[1].toLowerCase();
	if (!REFERENCE_IMAGE_TYPES.includes(mimeType)) {
		return {
			field: 'Image URL',
			message: `Image URL declares ${mimeType || 'no type'}; the API accepts ${ACCEPTED_IMAGE_TYPES_TEXT}`,
		};
	}
	const isBase64 = match[2].toLowerCase().split(';').includes('base64');
	if (!isBase64 || !BASE64_PATTERN.test(match[3])) {
		return {
			field: 'Image URL',
			message: `Image URL must be base64 encoded: use data:${mimeType};base64,<data>`,
		};
	}
	return undefined;
}

export function checkImageUrl(url: string): Problem | undefined {
	const value = String(url ?? '').trim();
	if (value === '') {
		return {
			field: 'Image URL',
			message: 'Image URL is empty: enter an http(s) URL or a data:image URL',
		};
	}
	if (/^data:/i.test(value)) return checkDataUrl(value);
	let parsed: URL | undefined;
	try {
		parsed = new URL(value);
	} catch {
		parsed = undefined;
	}
	if (
		!parsed ||
		(parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
		parsed.hostname === ''
	) {
		return {
			field: 'Image URL',
			message: `Image URL "${value}" is not an http(s) URL or a data:image URL`,
			description:
				'Use a link such as https://example.com/frame.png or data:image/png;base64,<data>.',
		};
	}
	return undefined;
}
