import { randomBytes } from 'node:crypto';

import { inspectedStream, readableClassOf, type NodeReadable } from '../../base/streams';

/** A file already in memory (a first-frame image). */
export interface BufferedFile {
	name: string;
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/**
 * A file read from n8n's binary store only while the request is sent (a source video): `open`
 * is called once per attempt, so a request sent again reads it again instead of keeping it.
 */
export interface StreamedFile {
	name: string;
	fileName: string;
	mimeType: string;
	size: number;
	open: () => Promise<NodeReadable>;
}

export type MultipartField = { name: string; value: string } | BufferedFile | StreamedFile;

export interface EncodedMultipart {
	body: Buffer | NodeReadable;
	contentType: string;
	/** Exact body length, sent as Content-Length (gateways may refuse chunked uploads). */
	length: number;
	/** Set when reading a streamed file from the binary store failed (the request is then cut). */
	sourceFailed?: unknown;
}

function quoted(value: string): string {
	return value.replace(/[\r\n"\\]/g, (ch) => encodeURIComponent(ch));
}

function headOf(boundary: string, field: MultipartField): Buffer {
	let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(field.name)}"`;
	if ('value' in field) return Buffer.from(`${head}\r\n\r\n${field.value}\r\n`, 'utf8');
	head += `; filename="${quoted(field.fileName)}"\r\nContent-Type: ${field.mimeType}\r\n\r\n`;
	return Buffer.from(head, 'utf8');
}

const CRLF = Buffer.from('\r\n', 'utf8');

/**
 * multipart/form-data encoding, built here so the package needs no form-data dependency. With a
 * streamed file the body is a stream: the file goes from the binary store to the socket in
 * chunks, and memory does not grow with its size.
 */
export async function encodeMultipart(fields: MultipartField[]): Promise<EncodedMultipart> {
	const boundary = `----n8nSora${randomBytes(12).toString('hex')}`;
	const contentType = `multipart/form-data; boundary=${boundary}`;
	const heads = fields.map((field) => headOf(boundary, field));
	const closing = Buffer.from(`--${boundary}--\r\n`, 'utf8');
	const fileLength = (field: MultipartField) =>
		'data' in field
			? field.data.length + CRLF.length
			: 'open' in field
				? field.size + CRLF.length
				: 0;
	const length =
		heads.reduce((sum, head) => sum + head.length, 0) +
		fields.reduce((sum, field) => sum + fileLength(field), 0) +
		closing.length;

	const streamed = fields.filter((field): field is StreamedFile => 'open' in field);
	if (!streamed.length) {
		const chunks = fields.flatMap((field, index) =>
			'data' in field ? [heads[index], field.data, CRLF] : [heads[index]],
		);
		return { body: Buffer.concat([...chunks, closing]), contentType, length };
	}
	// The first file is opened now (its stream lends the Readable class); the others when reached.
	const first = await streamed[0].open();
	const encoded: EncodedMultipart = { body: Buffer.alloc(0), contentType, length };
	async function* parts(): AsyncGenerator<Buffer> {
		for (const [index, field] of fields.entries()) {
			yield heads[index];
			if ('data' in field) {
				yield field.data;
				yield CRLF;
			} else if ('open' in field) {
				const stream = field === streamed[0] ? first : await field.open();
				for await (const chunk of inspectedStream(
					stream,
					() => undefined,
					encoded,
				) as AsyncIterable<Buffer>)
					yield chunk;
				yield CRLF;
			}
		}
		yield closing;
	}
	encoded.body = readableClassOf(first).from(parts(), { objectMode: false });
	return encoded;
}
