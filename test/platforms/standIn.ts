/**
 * One loopback HTTP server per posting platform (Telegram, Discord, S3, Instagram, TikTok): each records
 * every request it got (so a test can prove that nothing was sent) and answers as the platform does.
 * Used by the jest tests and by the real-n8n e2e (scripts/e2e/platforms-phase.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface StandInRequest {
	method: string;
	/** Path without the query. */
	path: string;
	query: URLSearchParams;
	headers: Record<string, string>;
	body: Buffer;
}

export interface StandIn {
	/** http://127.0.0.1:<port> */
	url: string;
	requests: StandInRequest[];
	close(): Promise<void>;
}

export interface Answer {
	status: number;
	headers?: Record<string, string>;
	/** An object is sent as JSON; a Buffer or string as it is; undefined: no body. */
	body?: unknown;
}

export type Handler = (request: StandInRequest, standIn: StandIn) => Answer | Promise<Answer>;

async function readRequest(req: IncomingMessage): Promise<StandInRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const url = new URL(req.url ?? '/', 'http://stand-in');
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers))
		if (value !== undefined) headers[name] = String(value);
	return {
		method: req.method ?? 'GET',
		path: url.pathname,
		query: url.searchParams,
		headers,
		body: Buffer.concat(chunks),
	};
}

function send(res: ServerResponse, answer: Answer): void {
	const isJson =
		answer.body !== undefined && !Buffer.isBuffer(answer.body) && typeof answer.body !== 'string';
	const body =
		answer.body === undefined
			? undefined
			: isJson
				? JSON.stringify(answer.body)
				: (answer.body as Buffer | string);
	const headers: Record<string, string> = {
		...(isJson ? { 'content-type': 'application/json' } : {}),
		...answer.headers,
	};
	if (body !== undefined && !headers['content-length'])
		headers['content-length'] = String(Buffer.byteLength(body));
	res.writeHead(answer.status, headers).end(body);
}

export function startStandIn(handle: Handler, port = 0): Promise<StandIn> {
	const requests: StandInRequest[] = [];
	let standIn: StandIn;
	const server = createServer((req, res) => {
		readRequest(req)
			.then(async (request) => {
				requests.push(request);
				send(res, await handle(request, standIn));
			})
			.catch((error: Error) => send(res, { status: 500, body: { standInError: error.message } }));
	});
	return new Promise((resolve) => {
		server.listen(port, '127.0.0.1', () => {
			const address = server.address() as { port: number };
			standIn = {
				url: `http://127.0.0.1:${address.port}`,
				requests,
				close: () =>
					new Promise<void>((done) => {
						server.closeAllConnections?.();
						server.close(() => done());
					}),
			};
			resolve(standIn);
		});
	});
}

export interface FormPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

/** The boundary from the Content-Type, else from the body's first line (n8n's Discord node sends none in the header). */
export function boundaryOf(request: StandInRequest): string | undefined {
	const declared = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers['content-type'] ?? '');
	if (declared) return declared[1] ?? declared[2];
	const firstLine = /^--([^\r\n]+)\r\n/.exec(request.body.toString('latin1', 0, 200));
	return firstLine?.[1];
}

/** The parts of a multipart/form-data body, in order; undefined when it is not one. */
export function formParts(request: StandInRequest): FormPart[] | undefined {
	if (!/^multipart\/form-data/i.test(request.headers['content-type'] ?? '')) return undefined;
	const boundary = boundaryOf(request);
	if (!boundary) return undefined;
	const body = request.body;
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: FormPart[] = [];
	let position = body.indexOf(delimiter);
	if (position < 0) return undefined;
	for (;;) {
		position += delimiter.length;
		if (body.toString('latin1', position, position + 2) === '--') return parts;
		position += 2;
		const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), position);
		if (next < 0) return undefined;
		const part = body.subarray(position, next);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd < 0) return undefined;
		const headers = part.toString('utf8', 0, headerEnd);
		const name = /\bname="([^"]*)"/i.exec(headers)?.[1];
		if (name === undefined) return undefined;
		parts.push({
			name,
			filename: /\bfilename="([^"]*)"/i.exec(headers)?.[1],
			contentType: /^content-type:\s*(.+)$/im.exec(headers)?.[1].trim(),
			data: Buffer.from(part.subarray(headerEnd + 4)),
		});
		position = next + 2;
	}
}

/** Fields of a form, a JSON body or a urlencoded body, merged over the query (Graph API style). */
export function paramsOf(request: StandInRequest): Record<string, string> {
	const params: Record<string, string> = Object.fromEntries(request.query);
	const type = request.headers['content-type'] ?? '';
	if (/json/i.test(type) && request.body.length) {
		const json = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
		for (const [key, value] of Object.entries(json))
			params[key] = typeof value === 'string' ? value : JSON.stringify(value);
	} else if (/x-www-form-urlencoded/i.test(type)) {
		for (const [key, value] of new URLSearchParams(request.body.toString('utf8')))
			params[key] = value;
	} else if (/multipart/i.test(type)) {
		for (const part of formParts(request) ?? [])
			if (part.filename === undefined) params[part.name] = part.data.toString('utf8');
	}
	return params;
}
