import { randomBytes } from 'node:crypto';

export type MultipartField =
	| { name: string; value: string }
	| { name: string; data: Buffer; fileName: string; mimeType: string };

export interface EncodedMultipart {
	body: Buffer;
	contentType: string;
}

function quoted(value: string): string {
	return value.replace(/[\r\n"\\]/g, (ch) => encodeURIComponent(ch));
}

/** multipart/form-data encoding, built here so the package needs no form-data dependency. */
export function encodeMultipart(fields: MultipartField[]): EncodedMultipart {
	const boundary = `----n8nSora${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const field of fields) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(field.name)}"`;
		if ('data' in field) {
			head += `; filename="${quoted(field.fileName)}"\r\nContent-Type: ${field.mimeType}\r\n\r\n`;
			chunks.push(Buffer.from(head, 'utf8'), field.data, Buffer.from('\r\n', 'utf8'));
		} else {
			head += '\r\n\r\n';
			chunks.push(Buffer.from(`${head}${field.value}\r\n`, 'utf8'));
		}
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
