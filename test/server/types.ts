export type ServerMode = 'openai' | 'retired' | 'gateway';

export interface ServerOptions {
  /** Default 'sk-test'. Accepted as `Authorization: Bearer <key>` or `api-key: <key>`. */
  apiKey?: string;
  /** Default 2000: time from create to a finished job. */
  generationMs?: number;
  /** When set, GET /videos/{id} answers carry `openai-poll-after-ms`. */
  pollAfterMs?: number;
  /** Default 'openai'. */
  mode?: ServerMode;
  /** When set, a signed event is POSTed here when each job ends. */
  webhook?: { url: string; secret: string };
  /** When set, `variant=video` streams this many bytes: the fixture MP4 followed by zero padding. */
  largeVideoBytes?: number;
  /** Seed of the PRNG behind `faultRates`. */
  seed?: number;
  /** Probability 0..1 per request that each fault kind is applied (where it applies). */
  faultRates?: Partial<Record<FaultKind, number>>;
  /** Gateway mode: requests per minute per key; beyond that 429 without retry-after. */
  rpmLimit?: number;
  /** Delay of the `slow` fault, default 1500. */
  slowMs?: number;
}

export type FaultKind =
  | 'rate-limit'
  | 'rate-limit-no-header'
  | 'server-error-500'
  | 'server-error-502'
  | 'server-error-503'
  | 'server-error-after-processing'
  | 'reset-before-response'
  | 'reset-after-processing'
  | 'mid-download-reset'
  | 'truncated-body'
  | 'slow'
  | 'malformed-json'
  | 'job-fails'
  | 'expired';

export const ALL_FAULT_KINDS: readonly FaultKind[] = [
  'rate-limit',
  'rate-limit-no-header',
  'server-error-500',
  'server-error-502',
  'server-error-503',
  'server-error-after-processing',
  'reset-before-response',
  'reset-after-processing',
  'mid-download-reset',
  'truncated-body',
  'slow',
  'malformed-json',
  'job-fails',
  'expired',
];

export interface FaultRule {
  kind: FaultKind;
  method?: string;
  /** Path without the /v1 prefix: exact ('/videos'), a template ('/videos/{id}/content') or a RegExp. */
  path?: string | RegExp;
  /** Default 1. */
  count?: number;
}

export interface UploadedFileInfo {
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
}

export interface RecordedRequest {
  method: string;
  /** Without the /v1 prefix, e.g. '/videos/video_1/content'. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  contentType: string | undefined;
  json?: unknown;
  form?: Record<string, string>;
  files?: Record<string, UploadedFileInfo>;
  /** 0 when the socket was destroyed without an answer. */
  status: number;
  fault?: FaultKind;
}

export type VideoStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'expired';

export interface VideoError {
  code: string;
  message: string;
}
