/**
 * Starts the reference server (scripts/server.ts) as a child process and talks to it over HTTP,
 * exactly as n8n does: `READY <baseUrl>` on stdout says it is up; baseUrl includes /v1.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './pack';
import { startChild, stopChild, waitForLine } from './proc';

export interface RunningServer {
	child: ChildProcess;
	baseUrl: string;
	apiKey: string;
	stop(): Promise<void>;
}

export interface ServerStartOptions {
	port?: number;
	apiKey?: string;
	generationMs?: number;
	/** Where the server POSTs signed video.completed / video.failed events, and the whsec_ secret it signs with. */
	webhook?: { url: string; secret: string };
	logFile?: string;
	/** The server's mode (scripts/server.ts `SORA_SERVER_MODE`, default openai) and, for new-api's, its table refresh. */
	mode?: string;
	refreshMs?: number;
	/** openrouter mode: the secret its calls to a job's callback_url are signed with. */
	callbackSecret?: string;
}

export async function startReferenceServer(opts: ServerStartOptions = {}): Promise<RunningServer> {
	const apiKey = opts.apiKey ?? 'sk-test';
	const tsNode = path.join(REPO_ROOT, 'node_modules', '.bin', 'ts-node');
	const child = startChild(
		tsNode,
		['--transpile-only', '--prefer-ts-exts', path.join(REPO_ROOT, 'scripts', 'server.ts')],
		{
			cwd: REPO_ROOT,
			env: {
				...process.env,
				SORA_SERVER_PORT: String(opts.port ?? 0),
				SORA_SERVER_API_KEY: apiKey,
				SORA_SERVER_GENERATION_MS: String(opts.generationMs ?? 1500),
				...(opts.mode ? { SORA_SERVER_MODE: opts.mode } : {}),
				...(opts.refreshMs !== undefined ? { SORA_SERVER_REFRESH_MS: String(opts.refreshMs) } : {}),
				...(opts.callbackSecret ? { SORA_SERVER_CALLBACK_SECRET: opts.callbackSecret } : {}),
				...(opts.webhook
					? {
							SORA_SERVER_WEBHOOK_URL: opts.webhook.url,
							SORA_SERVER_WEBHOOK_SECRET: opts.webhook.secret,
						}
					: {}),
			},
			logFile: opts.logFile,
		},
	);
	try {
		const [, baseUrl] = await waitForLine(child, /^READY (\S+)/, 60_000);
		return { child, baseUrl: baseUrl.replace(/\/+$/, ''), apiKey, stop: () => stopChild(child) };
	} catch (e) {
		await stopChild(child);
		throw e;
	}
}

/** GET <baseUrl>/videos/<id>: the HTTP status (404 once deleted) and the video object. */
export async function getVideo(
	server: RunningServer,
	videoId: string,
): Promise<{ status: number; video?: any }> {
	const res = await fetch(`${server.baseUrl}/videos/${encodeURIComponent(videoId)}`, {
		headers: { authorization: `Bearer ${server.apiKey}` },
	});
	const text = await res.text();
	return { status: res.status, video: res.ok ? JSON.parse(text) : undefined };
}

/** The newest video on the server (GET /videos?limit=1, newest first). */
export async function latestVideo(server: RunningServer): Promise<any> {
	const res = await fetch(`${server.baseUrl}/videos?limit=1&order=desc`, {
		headers: { authorization: `Bearer ${server.apiKey}` },
	});
	return res.ok ? ((await res.json()) as { data?: any[] }).data?.[0] : undefined;
}

export async function videoStatus(server: RunningServer, videoId: string): Promise<number> {
	return (await getVideo(server, videoId)).status;
}

/** POST <baseUrl>/videos straight to the server (not through n8n): the new video's id. */
export async function createVideo(server: RunningServer, prompt: string): Promise<string> {
	const res = await fetch(`${server.baseUrl}/videos`, {
		method: 'POST',
		headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ prompt, model: 'sora-2', seconds: '4', size: '720x1280' }),
	});
	const body = (await res.json()) as { id?: string };
	if (!res.ok || !body.id)
		throw new Error(`POST /videos: HTTP ${res.status} ${JSON.stringify(body)}`);
	return body.id;
}

/** Polls until the video is completed or failed. */
export async function waitForFinished(
	server: RunningServer,
	videoId: string,
	timeoutMs = 60_000,
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const { video } = await getVideo(server, videoId);
		if (video && ['completed', 'failed'].includes(video.status)) return video.status;
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error(`video ${videoId} not finished within ${timeoutMs} ms`);
}
