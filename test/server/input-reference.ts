import { ApiError, invalidValue } from './api-error';
import { invalidType, type RequestBody } from './body-fields';
import { readImageInfo } from './media-headers';

const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * Checks `input_reference`: an uploaded image, or {image_url} / {file_id}. Image bytes (a file or a
 * base64 data URL) must be JPEG/PNG/WebP and, when `requiredSize` is given, exactly that size.
 * http(s) URLs are accepted as they are: the server never fetches them.
 */
export function checkInputReference(body: RequestBody, requiredSize: string | undefined): void {
	const file = body.files.input_reference;
	if (file) return checkImageBytes(file.data, requiredSize);
	const reference = body.fields.input_reference;
	if (reference === undefined || reference === null) return;
	if (typeof reference !== 'object' || Array.isArray(reference)) {
		throw invalidType(
			'input_reference',
			'a file or an object with image_url or file_id',
			reference,
		);
	}
	const { image_url: imageUrl, file_id: fileId } = reference as {
		image_url?: unknown;
		file_id?: unknown;
	};
	if ((imageUrl === undefined) === (fileId === undefined)) {
		throw invalidValue(
			'input_reference',
			"Provide exactly one of 'image_url' or 'file_id' in 'input_reference'.",
		);
	}
	if (fileId !== undefined) {
		if (typeof fileId !== 'string' || fileId === '')
			throw invalidType('input_reference.file_id', 'a string', fileId);
		return;
	}
	if (typeof imageUrl !== 'string')
		throw invalidType('input_reference.image_url', 'a string', imageUrl);
	const dataUrl = /^data:([^;,]+)?;base64,(.*)$/s.exec(imageUrl);
	if (dataUrl) return checkImageBytes(Buffer.from(dataUrl[2], 'base64'), requiredSize);
	if (!/^https?:\/\/[^\s]+$/i.test(imageUrl)) {
		throw invalidValue(
			'input_reference.image_url',
			"Invalid 'input_reference.image_url': expected an http(s) URL or a base64 data URL.",
		);
	}
}

function checkImageBytes(bytes: Buffer, requiredSize: string | undefined): void {
	const info = readImageInfo(bytes);
	if (!info || !ACCEPTED_IMAGE_TYPES.includes(info.mimeType)) {
		throw new ApiError(
			400,
			`Invalid file format for 'input_reference'${info ? ` (${info.mimeType})` : ''}. Supported formats are: 'image/jpeg', 'image/png', and 'image/webp'.`,
			'input_reference',
			'unsupported_file',
		);
	}
	if (requiredSize !== undefined && `${info.width}x${info.height}` !== requiredSize) {
		throw new ApiError(
			400,
			'Inpaint image must match the requested width and height',
			'input_reference',
			'invalid_value',
		);
	}
}
