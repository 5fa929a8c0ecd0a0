/** A local HTTP endpoint that records what workflows send it (stands in for an example's upload API). */
import { createServer } from 'node:http';

export interface SinkRequest {
	method: string;
	url: URL;
	contentType: string;
	body: Buffer;
}

export interface Sink {
	url: string;
	requests: SinkRequest[];
	close(): Promise<void>;
}

export function startSink(): Promise<Sink> {
	const requests: SinkRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			requests.push({
				method: req.method ?? '',
				url: new URL(req.url ?? '/', 'http://sink'),
				contentType: String(req.headers['content-type'] ?? ''),
				body: Buffer.concat(chunks),
			});
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			resolve({
				url: `http://127.0.0.1:${port}`,
				requests,
				close: () => new Promise<void>((r) => server.close(() => r())),
			});
		});
	});
}
