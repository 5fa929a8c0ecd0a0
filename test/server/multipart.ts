import { createHash } from 'node:crypto';
import type { UploadedFileInfo } from './types';

export interface UploadedFile extends UploadedFileInfo {
	data: Buffer;
}

export interface MultipartBody {
	fields: Record<string, string>;
	files: Record<string, UploadedFile>;
}

export function multipartBoundary(contentType: string): string | undefined {
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? (match[1] ?? match[2]) : undefined;
}

/** Parses a buffered multipart/form-data body; throws on a malformed one. */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
	const result: MultipartBody = { fields: {}, files: {} };
	const delimiter = Buffer.from(`--${boundary}`);
	let position = body.indexOf(delimiter);
	if (position < 0) throw new Error('multipart boundary not found');
	for (;;) {
		position += delimiter.length;
		if (body.toString('latin1', position, position + 2) === '--') return result;
		position += 2; // CRLF after the delimiter
		const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), position);
		if (next < 0) throw new Error('multipart body is not terminated');
		addPart(result, body.subarray(position, next));
		position = next + 2;
	}
}

function addPart(result: MultipartBody, part: Buffer): void {
	const headerEnd = part.indexOf('\r\n\r\n');
	if (headerEnd < 0) throw new Error('multipart part without headers');
	const headers = part.toString('utf8', 0, headerEnd).split('\r\n');
	const content = part.subarray(headerEnd + 4);
	const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? '';
	const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
	if (name === undefined) throw new Error('multipart part without a name');
	const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
	if (filename === undefined) {
		result.fields[name] = content.toString('utf8');
		return;
	}
	const typeLine = headers.find((line) => /^content-type:/i.test(line));
	// a repeated file field (two ordered input_reference files) keeps each: name, name[1], name[2]…
	let key = name;
	for (let index = 1; key in result.files; index += 1) key = `${name}[${index}]`;
	result.files[key] = {
		filename,
		mimeType: typeLine
			? typeLine.slice(typeLine.indexOf(':') + 1).trim()
			: 'application/octet-stream',
		size: content.length,
		sha256: createHash('sha256').update(content).digest('hex'),
		data: Buffer.from(content),
	};
}
