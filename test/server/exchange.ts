import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from './api-error';
import type { RecordedRequest } from './types';

export type JsonAnswerCheck = (status: number, contentType: string, body: unknown) => void;

/** One request and its answer; every way of answering records the status it produced. */
export class Exchange {
	constructor(
		readonly req: IncomingMessage,
		readonly res: ServerResponse,
		readonly record: RecordedRequest,
		private readonly checkJsonAnswer: JsonAnswerCheck,
	) {}

	sendJson(status: number, body: unknown, headers: Record<string, string> = {}): void {
		const contentType = 'application/json';
		this.checkJsonAnswer(status, contentType, body);
		this.sendText(status, JSON.stringify(body), { 'content-type': contentType, ...headers });
	}

	sendError(error: ApiError): void {
		this.sendJson(error.status, error.toBody(), error.headers);
	}

	/** Sends a body as it is, unchecked (the malformed-json fault). */
	sendText(status: number, text: string, headers: Record<string, string>): void {
		const bytes = Buffer.from(text, 'utf8');
		this.record.status = status;
		this.res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
		this.res.end(bytes);
	}

	/** Drops the connection without an answer. */
	destroy(): void {
		this.record.status = 0;
		this.res.socket?.destroy();
		this.res.destroy();
	}

	/**
	 * Streams `chunks` (exactly `totalLength` bytes in all) without buffering them, stopping after
	 * `stopAfter` bytes; `onStop` then decides how the connection ends.
	 */
	async sendStream(
		headers: Record<string, string>,
		chunks: Iterable<Buffer>,
		totalLength: number,
		cut?: { stopAfter: number; onStop: 'reset' | 'end' },
	): Promise<void> {
		this.record.status = cut?.onStop === 'reset' ? 0 : 200;
		const connection: Record<string, string> = cut?.onStop === 'end' ? { connection: 'close' } : {};
		this.res.writeHead(200, { ...headers, ...connection, 'content-length': String(totalLength) });
		let remaining = cut ? cut.stopAfter : totalLength;
		for (const chunk of chunks) {
			if (remaining <= 0 || this.res.destroyed) break;
			const piece = chunk.length > remaining ? chunk.subarray(0, remaining) : chunk;
			remaining -= piece.length;
			if (!this.res.write(piece)) await this.drained();
		}
		if (cut?.onStop === 'reset') {
			// flush what was written, then drop the connection mid-body
			await new Promise<void>((resolve) => this.res.write('', () => resolve()));
			this.destroy();
			return;
		}
		this.res.end();
	}

	private drained(): Promise<void> {
		return new Promise((resolve) => {
			const done = () => {
				this.res.off('drain', done);
				this.res.off('close', done);
				resolve();
			};
			this.res.on('drain', done);
			this.res.on('close', done);
		});
	}
}
