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
	logFile?: string;
}

export async function startReferenceServer(opts: ServerStartOptions = {}): Promise<RunningServer> {
	const apiKey = opts.apiKey ?? 'sk-test';
	const tsNode = path.join(REPO_ROOT, 'node_modules', '.bin', 'ts-node');
	const child = startChild(tsNode, ['--transpile-only', '--prefer-ts-exts', path.join(REPO_ROOT, 'scripts', 'server.ts')], {
		cwd: REPO_ROOT,
		env: {
			...process.env,
			SORA_SERVER_PORT: String(opts.port ?? 0),
			SORA_SERVER_API_KEY: apiKey,
			SORA_SERVER_GENERATION_MS: String(opts.generationMs ?? 1500),
		},
		logFile: opts.logFile,
	});
	try {
		const [, baseUrl] = await waitForLine(child, /^READY (\S+)/, 60_000);
		return { child, baseUrl: baseUrl.replace(/\/+$/, ''), apiKey, stop: () => stopChild(child) };
	} catch (e) {
		await stopChild(child);
		throw e;
	}
}

/** GET <baseUrl>/videos/<id>: the HTTP status (404 once deleted). */
export async function videoStatus(server: RunningServer, videoId: string): Promise<number> {
	const res = await fetch(`${server.baseUrl}/videos/${encodeURIComponent(videoId)}`, {
		headers: { authorization: `Bearer ${server.apiKey}` },
	});
	await res.arrayBuffer();
	return res.status;
}
