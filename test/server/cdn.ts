import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One download the CDN saw. */
export interface CdnRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	/** An Authorization or api-key header arrived (a client must not send the host's key here). */
	hadCredentials: boolean;
	status: number;
}

/** Serves a finished job's file: `answer` streams it, or answers false when there is none. */
export type CdnAnswer = (
	fileId: string,
	req: IncomingMessage,
	res: ServerResponse,
) => Promise<boolean>;

/**
 * A second loopback listener standing for the storage a host hands out result URLs on
 * (new-api `metadata.url`, LaoZhang `video_url`): another origin, no auth needed.
 */
export class CdnListener {
	readonly requests: CdnRequest[] = [];
	url = '';
	private readonly httpServer: Server;

	constructor(private readonly answer: CdnAnswer) {
		this.httpServer = createServer((req, res) => void this.handle(req, res));
	}

	/** The URL of a job's file, e.g. http://127.0.0.1:40000/files/task_abc.mp4 */
	fileUrl(fileId: string): string {
		return `${this.url}/files/${encodeURIComponent(fileId)}.mp4`;
	}

	/** Whether any CDN request carried an Authorization or api-key header. */
	get sawCredentials(): boolean {
		return this.requests.some((request) => request.hadCredentials);
	}

	async listen(host: string): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.httpServer.once('error', reject);
			this.httpServer.listen(0, host, () => resolve());
		});
		const { port } = this.httpServer.address() as AddressInfo;
		this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	}

	async close(): Promise<void> {
		const closed = new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
		this.httpServer.closeAllConnections();
		await closed;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = new URL(req.url ?? '/', 'http://cdn.local').pathname;
		const headers = Object.fromEntries(
			Object.entries(req.headers).map(([name, value]) => [name, String(value)]),
		);
		const record: CdnRequest = {
			method: req.method ?? 'GET',
			path,
			headers,
			hadCredentials: 'authorization' in headers || 'api-key' in headers,
			status: 0,
		};
		this.requests.push(record);
		req.resume();
		const fileId = /^\/files\/([^/]+)\.mp4$/.exec(path)?.[1];
		try {
			if (
				record.method === 'GET' &&
				fileId &&
				(await this.answer(decodeURIComponent(fileId), req, res))
			) {
				record.status = res.statusCode;
				return;
			}
			record.status = 404;
			res
				.writeHead(404, { 'content-type': 'application/xml' })
				.end('<Error><Code>NoSuchKey</Code></Error>');
		} catch {
			res.destroy();
		}
	}
}
