import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, serverError } from './api-error';
import { Exchange } from './exchange';
import { FaultPlan } from './faults';
import { contentFixture } from './fixtures';
import type { ContentVariant, ResolvedOptions } from './handler-context';
import { newId } from './ids';
import { JobWatcher } from './job-watcher';
import { readRequest } from './request-reader';
import { answerRequest, checkAnswerAgainstContract, type ServerState } from './request-pipeline';
import type { FaultRule, RecordedRequest, ServerOptions } from './types';
import type { StoredCharacter, StoredVideo } from './video';

export interface ReferenceServer {
  /** Base URL including '/v1', e.g. http://127.0.0.1:34567/v1 */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** POSTs that created a job (create, remix, edits, extensions), also those then answered with a fault. */
  readonly createCount: number;
  readonly contractViolations: string[];
  readonly videos: Map<string, StoredVideo>;
  /** The next `count` matching requests get this fault. */
  injectFault(rule: FaultRule): void;
  setOptions(partial: Partial<ServerOptions>): void;
  /** The exact bytes served for a variant (video: when largeVideoBytes is unset). */
  fixture(variant: ContentVariant): Buffer;
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
  readonly faults: FaultPlan;
  createCount = 0;
  url = '';
  port = 0;
  private readonly watcher = new JobWatcher(() => this.options.webhook);
  private readonly httpServer: Server;

  constructor(options: ServerOptions) {
    this.options = { ...options, apiKey: options.apiKey ?? 'sk-test', generationMs: options.generationMs ?? 2000, mode: options.mode ?? 'openai' };
    this.faults = new FaultPlan(this.options.seed);
    this.httpServer = createServer((req, res) => void this.handle(req, res));
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.httpServer.once('error', reject);
      this.httpServer.listen(port, host, () => resolve());
    });
    this.port = (this.httpServer.address() as AddressInfo).port;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}/v1`;
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
    this.faults.clear();
    this.faults.reseed(this.options.seed);
    this.watcher.clear();
  }

  async close(): Promise<void> {
    this.watcher.clear();
    const closed = new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
    this.httpServer.closeAllConnections();
    await closed;
    await this.watcher.settle();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-request-id', newId('req_'));
    let exchange: Exchange | undefined;
    try {
      const parsed = await readRequest(req);
      this.requests.push(parsed.record);
      exchange = new Exchange(req, res, parsed.record, (status, contentType, body) =>
        checkAnswerAgainstContract(this, parsed.record, status, contentType, body),
      );
      await answerRequest(this, parsed, exchange);
    } catch (error) {
      if (res.headersSent || res.destroyed) return void res.destroy();
      if (!(error instanceof ApiError)) console.error('reference server: unexpected error', error);
      const apiError = error instanceof ApiError ? error : serverError(500);
      if (exchange) exchange.sendError(apiError);
      else res.writeHead(apiError.status, { 'content-type': 'application/json' }).end(JSON.stringify(apiError.toBody()));
    }
  }
}

export async function startReferenceServer(options: StartOptions = {}): Promise<ReferenceServer> {
  const { port = 0, host = '127.0.0.1', ...serverOptions } = options;
  const server = new RunningReferenceServer(serverOptions);
  await server.listen(port, host);
  return server;
}
