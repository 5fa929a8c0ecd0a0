/**
 * A gateway that plays games with the node, on loopback: each test says how it answers a create,
 * a status check and a download. Beside it, "elsewhere": another origin that records what reaches
 * it (the key must never) and serves a small MP4.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const VIDEO_BYTES = readFileSync(join(__dirname, '../server/fixtures/video.mp4'));

export interface Recorded {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface LoopbackServer {
	url: string;
	origin: string;
	requests: Recorded[];
	handle: (handler: Handler) => void;
	close: () => Promise<void>;
}

export async function startLoopbackServer(
	host = '127.0.0.1',
	prefix = '/v1',
): Promise<LoopbackServer> {
	const requests: Recorded[] = [];
	let handler: Handler = (_req, res) => {
		res.statusCode = 404;
		res.end('{}');
	};
	const server: Server = createServer((req, res) => {
		requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		req.resume();
		req.on('end', () => void handler(req, res));
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as AddressInfo;
	const origin = `http://${host}:${port}`;
	return {
		url: `${origin}${prefix}`,
		origin,
		requests,
		handle: (next) => (handler = next),
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

export function json(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

export function completedVideo(id: string, extra: Record<string, unknown> = {}) {
	return {
		id,
		object: 'video',
		status: 'completed',
		progress: 100,
		model: 'sora-2',
		seconds: '4',
		size: '720x1280',
		created_at: Math.floor(Date.now() / 1000),
		...extra,
	};
}

export function serveVideo(res: ServerResponse): void {
	res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': VIDEO_BYTES.length });
	res.end(VIDEO_BYTES);
}

/** Writes `totalBytes` of padding as fast as the reader takes it; answers how many were written. */
export function pad(
	res: ServerResponse,
	status: number,
	contentType: string,
	totalBytes: number,
): Promise<number> {
	res.writeHead(status, { 'content-type': contentType });
	const chunk = Buffer.alloc(64 * 1024, 'a');
	let written = 0;
	return new Promise((resolve) => {
		const write = () => {
			while (written < totalBytes) {
				written += chunk.length;
				if (!res.write(chunk)) return void res.once('drain', write);
			}
			res.end();
			resolve(written);
		};
		res.on('close', () => resolve(written));
		write();
	});
}

/** Whether any recorded request carried a credential: the key, or a custom header's value. */
export function carriedSecrets(requests: Recorded[], secrets: string[]): string[] {
	return requests.flatMap((request) =>
		Object.entries(request.headers)
			.filter(([, value]) => secrets.some((secret) => String(value).includes(secret)))
			.map(([name]) => `${request.method} ${request.url}: ${name}`),
	);
}
