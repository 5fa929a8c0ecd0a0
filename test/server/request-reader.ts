import type { IncomingMessage } from 'node:http';
import { formToObject } from '../contract/form-fields';
import { ApiError } from './api-error';
import type { RequestBody } from './body-fields';
import { multipartBoundary, parseMultipart } from './multipart';
import type { RecordedRequest } from './types';

export interface ParsedRequest {
	record: RecordedRequest;
	/** The path as sent, with its /v1 prefix. */
	fullPath: string;
	hasApiPrefix: boolean;
	body: RequestBody;
	bodyError?: ApiError;
	apiKey?: string;
}

const JSON_PARSE_ERROR =
	"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

/** `basePath`: the API's prefix, '/v1' (OpenRouter's mode: '/api/v1'); `record.path` is without it. */
export async function readRequest(req: IncomingMessage, basePath = '/v1'): Promise<ParsedRequest> {
	const url = new URL(req.url ?? '/', 'http://reference.local');
	const hasApiPrefix = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	const record: RecordedRequest = {
		method: req.method ?? 'GET',
		path: hasApiPrefix ? url.pathname.slice(basePath.length) || '/' : url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers,
		contentType: headers['content-type'],
		status: 0,
		receivedAtMs: Date.now(),
	};
	const parsed: ParsedRequest = {
		record,
		fullPath: url.pathname,
		hasApiPrefix,
		body: { fields: {}, files: {}, isMultipart: false },
		apiKey: readApiKey(headers),
	};
	const raw = await readAll(req);
	if (raw.length > 0) parseBody(parsed, raw);
	return parsed;
}

function readApiKey(headers: Record<string, string>): string | undefined {
	const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
	return bearer ? bearer[1].trim() : headers['api-key'];
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function parseBody(parsed: ParsedRequest, raw: Buffer): void {
	const contentType = parsed.record.contentType ?? '';
	if (/^multipart\/form-data/i.test(contentType)) {
		const boundary = multipartBoundary(contentType);
		try {
			if (!boundary) throw new Error('no boundary');
			const { fields, files } = parseMultipart(raw, boundary);
			parsed.record.form = fields;
			parsed.record.files = Object.fromEntries(
				Object.entries(files).map(([name, { filename, mimeType, size, sha256 }]) => [
					name,
					{ filename, mimeType, size, sha256 },
				]),
			);
			parsed.body = { fields: formToObject(fields), files, isMultipart: true };
		} catch (error) {
			parsed.bodyError = new ApiError(
				400,
				`Could not parse the multipart/form-data body: ${(error as Error).message}.`,
			);
		}
		return;
	}
	let json: unknown;
	try {
		json = JSON.parse(raw.toString('utf8'));
	} catch {
		parsed.bodyError = new ApiError(400, JSON_PARSE_ERROR);
		return;
	}
	parsed.record.json = json;
	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		parsed.bodyError = new ApiError(
			400,
			'Invalid type for the request body: expected a JSON object.',
			null,
			'invalid_type',
		);
		return;
	}
	parsed.body = { fields: json as Record<string, unknown>, files: {}, isMultipart: false };
}
