/**
 * `openai`: the contract as OpenAI served it; `retired`: OpenAI's switched-off host; `gateway`: a loose
 * provider of the contract. Host families of ../shared/contract/hosts.md: `newapi` (new-api gateway),
 * `openrouter` (base path /api/v1), `laozhang` (a new-api derivative: Muse, Seedance 2.0, Veo 3.1), `litellm`
 * (a LiteLLM proxy), `cometapi`, `aihubmix`. Their jobs render the MP4 the model family would make.
 */
export type ServerMode =
	| 'openai'
	| 'retired'
	| 'gateway'
	| 'newapi'
	| 'openrouter'
	| 'laozhang'
	| 'litellm'
	| 'cometapi'
	| 'aihubmix';

/** The modes written from hosts.md; they answer in their own dialect (modes/). */
export const HOST_MODES = [
	'newapi',
	'openrouter',
	'laozhang',
	'litellm',
	'cometapi',
	'aihubmix',
] as const;
export type HostMode = (typeof HOST_MODES)[number];

export function isHostMode(mode: ServerMode): mode is HostMode {
	return (HOST_MODES as readonly string[]).includes(mode);
}

export interface ServerOptions {
	/** Default 'sk-test'. Accepted as `Authorization: Bearer <key>` or `api-key: <key>`. */
	apiKey?: string;
	/** Default 2000: time from create to a finished job. */
	generationMs?: number;
	/** When set, GET /videos/{id} answers carry `openai-poll-after-ms`. */
	pollAfterMs?: number;
	/** Default 'openai'. */
	mode?: ServerMode;
	/**
	 * When set, a signed event is POSTed here when each job ends. `scheme` 'standard' (Standard Webhooks,
	 * the default) or 'openrouter' (X-OpenRouter-Signature; the default in the openrouter mode).
	 */
	webhook?: { url: string; secret: string; scheme?: 'standard' | 'openrouter' };
	/** openrouter mode: secret that signs deliveries to a job's own `callback_url` (default webhook.secret, else 'or-callback-secret'). */
	callbackSecret?: string;
	/** newapi / laozhang modes: the task "database" is refreshed from the job every this many ms (default 15000). */
	refreshMs?: number;
	/** openrouter mode: create answers an absolute `polling_url` (default: the path `/api/v1/videos/job-…`). */
	absolutePollingUrl?: boolean;
	/** Any mode: same Idempotency-Key + same body answers the first job again; another body is 409. */
	honoursIdempotencyKey?: boolean;
	/** When set, `variant=video` streams this many bytes: the fixture MP4 followed by zero padding. */
	largeVideoBytes?: number;
	/**
	 * `variant=video` serves an MP4 as wide, high and long as the job's size and seconds (made with ffmpeg
	 * when present, see placeholder-video.ts), instead of the fixture. On in scripts/server.ts. In the host
	 * modes a job serves what its model family made (size, length, audio, first frame) unless this is false.
	 */
	sizedVideos?: boolean;
	/**
	 * The address the result-file listener (`cdn`: new-api's `metadata.url`, LaoZhang's `video_url`)
	 * listens on and names, default the server's own: e.g. 127.0.0.2, a loopback address outside an
	 * allowed range, to prove n8n's SSRF protection refuses a result URL the host names there.
	 */
	cdnHost?: string;
	/** Seed of the PRNG behind `faultRates`. */
	seed?: number;
	/** Probability 0..1 per request that each fault kind is applied (where it applies). */
	faultRates?: Partial<Record<FaultKind, number>>;
	/** Gateway mode: requests per minute per key; beyond that 429 without retry-after. */
	rpmLimit?: number;
	/** Delay of the `slow` fault, default 1500. */
	slowMs?: number;
	/** The `rate-limit` fault's `retry-after-ms`, default 1000 (`retry-after`: the whole seconds, at least 1). */
	retryAfterMs?: number;
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
	/** When the request arrived (Date.now()), e.g. to count the status checks after a job ended. */
	receivedAtMs?: number;
}

/** `cancelled` only in the openrouter mode (`[cancelled]` marker). */
export type VideoStatus =
	| 'queued'
	| 'in_progress'
	| 'completed'
	| 'failed'
	| 'expired'
	| 'cancelled';

export interface VideoError {
	code: string;
	message: string;
}
