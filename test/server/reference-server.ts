import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, serverError } from './api-error';
import { CdnListener } from './cdn';
import { Exchange } from './exchange';
import { FaultPlan } from './faults';
import { contentFixture } from './fixtures';
import { servedContent } from './placeholder-video';
import type { ContentVariant, ResolvedOptions } from './handler-context';
import { newId } from './ids';
import type { IdempotentAnswer } from './idempotency';
import { JobWatcher } from './job-watcher';
import { hostDialect } from './modes';
import { answerHostRequest } from './modes/host-pipeline';
import { readRequest } from './request-reader';
import {
	answerRequest,
	checkAnswerAgainstContract,
	sendAnswer,
	type ServerState,
} from './request-pipeline';
import type { FaultRule, RecordedRequest, ServerOptions } from './types';
import { deliverWebhook } from './webhooks';
import type { StoredCharacter, StoredVideo } from './video';

export interface ReferenceServer {
	/** Base URL including '/v1' (openrouter mode: '/api/v1'), e.g. http://127.0.0.1:34567/v1 */
	readonly url: string;
	readonly port: number;
	readonly requests: RecordedRequest[];
	/** POSTs that created a job (create, remix, edits, extensions), also those then answered with a fault. */
	readonly createCount: number;
	readonly contractViolations: string[];
	readonly videos: Map<string, StoredVideo>;
	/**
	 * The second loopback listener (another origin, no auth) serving result URLs of the newapi
	 * (`metadata.url`) and laozhang (`video_url`) modes: `cdn.url`, `cdn.requests`, `cdn.sawCredentials`.
	 */
	readonly cdn: CdnListener;
	/** The next `count` matching requests get this fault. */
	injectFault(rule: FaultRule): void;
	setOptions(partial: Partial<ServerOptions>): void;
	/** The exact bytes served for a variant (video: when largeVideoBytes is unset). */
	fixture(variant: ContentVariant): Buffer;
	/** The exact bytes GET /content serves for a video (with sizedVideos: its placeholder MP4). */
	servedBytes(videoId: string, variant?: ContentVariant): Promise<Buffer>;
	/** Finishes a job now (tests that must not depend on time). */
	completeNow(videoId: string): void;
	/** Forgets videos, characters, requests, counters and injected faults; restarts the fault PRNG. */
	reset(): void;
	close(): Promise<void>;
}

export type StartOptions = ServerOptions & { port?: number; host?: string };

class RunningReferenceServer implements ReferenceServer, ServerState {
	readonly options: ResolvedOptions;
	readonly videos = new Map<string, StoredVideo>();
	readonly characters = new Map<string, StoredCharacter>();
	readonly requests: RecordedRequest[] = [];
	readonly contractViolations: string[] = [];
	readonly requestTimes = new Map<string, number[]>();
	readonly idempotentAnswers = new Map<string, IdempotentAnswer>();
	readonly faults: FaultPlan;
	readonly cdn: CdnListener;
	createCount = 0;
	port = 0;
	private origin = '';
	private readonly watcher = new JobWatcher((video) => this.deliveryFor(video));
	private readonly httpServer: Server;

	constructor(options: ServerOptions) {
		this.options = {
			...options,
			apiKey: options.apiKey ?? 'sk-test',
			generationMs: options.generationMs ?? 2000,
			mode: options.mode ?? 'openai',
		};
		this.faults = new FaultPlan(this.options.seed);
		this.httpServer = createServer((req, res) => void this.handle(req, res));
		this.cdn = new CdnListener((fileId, req, res) => this.serveCdnFile(fileId, req, res));
	}

	get url(): string {
		return `${this.origin}${hostDialect(this.options.mode)?.basePath ?? '/v1'}`;
	}

	async listen(port: number, host: string): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.httpServer.once('error', reject);
			this.httpServer.listen(port, host, () => resolve());
		});
		this.port = (this.httpServer.address() as AddressInfo).port;
		this.origin = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
		await this.cdn.listen(this.options.cdnHost ?? host);
	}

	addJob(video: StoredVideo): void {
		this.videos.set(video.id, video);
		this.createCount += 1;
		this.watcher.watch(video);
	}

	injectFault(rule: FaultRule): void {
		this.faults.inject(rule);
	}

	setOptions(partial: Partial<ServerOptions>): void {
		Object.assign(this.options, partial);
		if ('seed' in partial) this.faults.reseed(partial.seed);
	}

	fixture(variant: ContentVariant): Buffer {
		return contentFixture(variant);
	}

	servedBytes(videoId: string, variant: ContentVariant = 'video'): Promise<Buffer> {
		const video = this.videos.get(videoId);
		if (!video) throw new Error(`servedBytes: no video '${videoId}'`);
		return servedContent(this.options.sizedVideos, variant, video);
	}

	completeNow(videoId: string): void {
		const video = this.videos.get(videoId);
		if (!video) throw new Error(`completeNow: no video '${videoId}'`);
		if (video.isFinished()) return;
		video.finishedAtMs = Date.now();
		this.watcher.finished(video);
	}

	reset(): void {
		this.videos.clear();
		this.characters.clear();
		this.requests.length = 0;
		this.contractViolations.length = 0;
		this.requestTimes.clear();
		this.createCount = 0;
		this.idempotentAnswers.clear();
		this.cdn.requests.length = 0;
		this.faults.clear();
		this.faults.reseed(this.options.seed);
		this.watcher.clear();
	}

	async close(): Promise<void> {
		this.watcher.clear();
		const closed = new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
		this.httpServer.closeAllConnections();
		await closed;
		await this.cdn.close();
		await this.watcher.settle();
	}

	private deliveryFor(video: StoredVideo): (() => Promise<void>) | undefined {
		const dialect = hostDialect(this.options.mode);
		if (dialect?.deliveryFor) return dialect.deliveryFor(video, this);
		const { webhook } = this.options;
		return webhook ? () => deliverWebhook(webhook, video) : undefined;
	}

	/** A CDN download: the MP4 of a completed job, streamed like /content. */
	private async serveCdnFile(
		fileId: string,
		req: IncomingMessage,
		res: ServerResponse,
	): Promise<boolean> {
		const video = this.videos.get(fileId);
		if (!video || video.status !== 'completed') return false;
		const record: RecordedRequest = {
			method: 'GET',
			path: req.url ?? '/',
			query: {},
			headers: {},
			contentType: undefined,
			status: 0,
		};
		await sendAnswer(
			this,
			new Exchange(req, res, record, () => undefined),
			{ kind: 'content', video, variant: 'video' },
			undefined,
		);
		return true;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		res.setHeader('x-request-id', newId('req_'));
		let exchange: Exchange | undefined;
		try {
			const dialect = hostDialect(this.options.mode);
			const parsed = await readRequest(req, dialect?.basePath);
			this.requests.push(parsed.record);
			exchange = new Exchange(req, res, parsed.record, (status, contentType, body) =>
				checkAnswerAgainstContract(this, parsed.record, status, contentType, body),
			);
			if (dialect) await answerHostRequest(this, dialect, parsed, exchange);
			else await answerRequest(this, parsed, exchange);
		} catch (error) {
			if (res.headersSent || res.destroyed) return void res.destroy();
			if (!(error instanceof ApiError)) console.error('reference server: unexpected error', error);
			const apiError = error instanceof ApiError ? error : serverError(500);
			if (exchange) exchange.sendError(apiError);
			else
				res
					.writeHead(apiError.status, { 'content-type': 'application/json' })
					.end(JSON.stringify(apiError.toBody()));
		}
	}
}

export async function startReferenceServer(options: StartOptions = {}): Promise<ReferenceServer> {
	const { port = 0, host = '127.0.0.1', ...serverOptions } = options;
	const server = new RunningReferenceServer(serverOptions);
	await server.listen(port, host);
	return server;
}
