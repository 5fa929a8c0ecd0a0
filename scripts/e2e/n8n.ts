/**
 * Drives one real n8n instance through its CLI (import, execute) and its server (start, owner setup).
 * Every instance gets a fresh N8N_USER_FOLDER; every process gets free ports (main and task broker)
 * and listens on loopback only.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { LOOPBACK, describeTakenPort, freePort } from './ports';
import type { N8nRuntime } from './provision';
import { logFlushed, logTail, run, startChild, stopChild, tempDir, waitForUrl } from './proc';

export interface N8nInstance {
	runtime: N8nRuntime;
	userFolder: string;
	env: NodeJS.ProcessEnv;
	logFile: string;
}

/** The node type prefix n8n gives packages loaded from N8N_CUSTOM_EXTENSIONS. */
export const CUSTOM_PREFIX = 'CUSTOM';

export function createInstance(
	runtime: N8nRuntime,
	customExtensionsDir: string,
	extraEnv: NodeJS.ProcessEnv = {},
): N8nInstance {
	const userFolder = tempDir(`n8n-${runtime.version}`);
	const env: NodeJS.ProcessEnv = {
		...process.env,
		...runtime.env,
		N8N_USER_FOLDER: userFolder,
		N8N_CUSTOM_EXTENSIONS: customExtensionsDir,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// Hosts for the frontend that would otherwise be fetched from the internet.
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		...extraEnv,
	};
	return { runtime, userFolder, env, logFile: path.join(userFolder, 'n8n.log') };
}

/**
 * The listeners of one n8n process, all on loopback: the task broker (2.x runs Code nodes in a task
 * runner, also under `n8n execute`; 1.x when N8N_RUNNERS_ENABLED) gets a free port, never its default 5679.
 */
async function listenerEnv(): Promise<NodeJS.ProcessEnv> {
	return {
		N8N_LISTEN_ADDRESS: LOOPBACK,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: LOOPBACK,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
}

/** Runs `n8n <args>` to completion. */
export async function cli(
	inst: N8nInstance,
	args: string[],
	opts: { check?: boolean; timeoutMs?: number } = {},
) {
	return run(inst.runtime.node, [inst.runtime.bin, ...args], {
		env: { ...inst.env, ...(await listenerEnv()) },
		cwd: inst.userFolder,
		logFile: inst.logFile,
		check: opts.check,
		timeoutMs: opts.timeoutMs ?? 5 * 60_000,
	});
}

export interface CredentialToImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export async function importCredentials(
	inst: N8nInstance,
	credentials: CredentialToImport[],
): Promise<void> {
	const file = path.join(inst.userFolder, 'credentials.json');
	writeFileSync(file, JSON.stringify(credentials, null, 2));
	await cli(inst, ['import:credentials', `--input=${file}`]);
}

/** Imports workflows in one CLI call (`--separate` reads every JSON file of a folder). */
export async function importWorkflows(inst: N8nInstance, workflows: object[]): Promise<void> {
	const dir = mkdtempSync(path.join(inst.userFolder, 'workflows-'));
	workflows.forEach((wf, i) =>
		writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(wf, null, 2)),
	);
	await cli(inst, ['import:workflow', '--separate', `--input=${dir}`]);
}

/** Makes imported workflows active, so `n8n start` registers their webhooks (2.x: publishes them). */
export async function activateWorkflows(inst: N8nInstance, ids: string[]): Promise<void> {
	for (const id of ids) {
		const args = inst.runtime.version.startsWith('1.')
			? ['update:workflow', `--id=${id}`, '--active=true']
			: ['publish:workflow', `--id=${id}`];
		await cli(inst, args);
	}
}

/** A fresh instance with the soraApi credential (pointing at `credential`) and the given workflows. */
export async function prepareInstance(
	runtime: N8nRuntime,
	customDir: string,
	credential: CredentialToImport,
	workflows: object[],
	extraEnv: NodeJS.ProcessEnv = {},
): Promise<N8nInstance> {
	const inst = createInstance(runtime, customDir, extraEnv);
	await importCredentials(inst, [credential]);
	if (workflows.length) await importWorkflows(inst, workflows);
	return inst;
}

/** An item as n8n's run data holds it. */
export interface RunItem {
	json: Record<string, any>;
	binary?: Record<
		string,
		{
			mimeType?: string;
			fileName?: string;
			fileSize?: string;
			bytes?: number;
			data?: string;
			id?: string;
			fileExtension?: string;
		}
	>;
	error?: unknown;
	pairedItem?: unknown;
}

export interface ExecuteResult {
	exitCode: number;
	/** The IRun JSON n8n printed, when it printed one. */
	run?: any;
	stdout: string;
	stderr: string;
}

/** `n8n execute --id <id> --rawOutput`: the JSON of the run follows some log lines. */
export async function execute(inst: N8nInstance, workflowId: string): Promise<ExecuteResult> {
	const res = await cli(inst, ['execute', `--id=${workflowId}`, '--rawOutput'], { check: false });
	return {
		exitCode: res.code,
		run: parseRunJson(res.stdout),
		stdout: res.stdout,
		stderr: res.stderr,
	};
}

/** Finds the first line that is exactly `{` and parses from there to the last `}` line. */
export function parseRunJson(stdout: string): any {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start < 0) return undefined;
	for (let end = lines.length - 1; end > start; end--) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			/* try a shorter span */
		}
	}
	return undefined;
}

/** The items a node output on its first run, main output `output`. */
export function nodeItems(runJson: any, nodeName: string, output = 0): RunItem[] {
	const runs = runJson?.data?.resultData?.runData?.[nodeName];
	if (!runs?.length)
		throw new Error(
			`node "${nodeName}" did not run (ran: ${Object.keys(runJson?.data?.resultData?.runData ?? {}).join(', ')})`,
		);
	const first = runs[0];
	if (first.error)
		throw new Error(
			`node "${nodeName}" failed: ${first.error.message} ${first.error.description ?? ''}`,
		);
	return first.data?.main?.[output] ?? [];
}

export interface Server {
	child: ChildProcess;
	url: string;
}

/** How many times n8n is started when it keeps finding its port taken. */
const START_ATTEMPTS = 3;

export interface N8nStartOptions {
	/**
	 * Hears of a move to another port before n8n starts there: re-point what was configured with
	 * the old URL (a reference server's webhook, say).
	 */
	onNewUrl?: (url: string) => void | Promise<void>;
	/** Fail rather than move (`npm start` promised the user this port). */
	keepPort?: boolean;
}

/**
 * `n8n start` on `port` (loopback only): waits for /healthz and the REST API. A port is chosen
 * free, but another process can take it before n8n binds it: an n8n that exits saying its port (or
 * its task broker's) is in use is started again on other free ports, up to START_ATTEMPTS times.
 */
export async function startServer(
	inst: N8nInstance,
	port: number,
	opts: N8nStartOptions = {},
): Promise<Server> {
	for (let attempt = 1; ; attempt++) {
		const logFrom = logSize(inst.logFile);
		try {
			return await startOnce(inst, port);
		} catch (e) {
			const taken = await portTakenSince(inst.logFile, logFrom);
			if (!taken || opts.keepPort || attempt >= START_ATTEMPTS) throw e;
			const next = await freePort();
			console.log(
				`[e2e] n8n found ${taken}; starting it again on port ${next} (attempt ${attempt + 1} of ${START_ATTEMPTS})`,
			);
			port = next;
			await opts.onNewUrl?.(`http://localhost:${port}`);
		}
	}
}

async function startOnce(inst: N8nInstance, port: number): Promise<Server> {
	const url = `http://localhost:${port}`;
	const child = startChild(inst.runtime.node, [inst.runtime.bin, 'start'], {
		env: {
			...inst.env,
			...(await listenerEnv()),
			N8N_PORT: String(port),
			N8N_HOST: 'localhost',
			N8N_EDITOR_BASE_URL: url,
		},
		cwd: inst.userFolder,
		logFile: inst.logFile,
	});
	try {
		await waitForUrl(`${url}/healthz`, 180_000, child);
		// /healthz answers before the REST API is mounted; wait for the settings endpoint too.
		await waitForUrl(`${url}/rest/settings`, 120_000, child, true);
	} catch (e) {
		await stopChild(child);
		await logFlushed(child);
		throw new Error(`n8n start failed: ${(e as Error).message}\n${explainLog(inst.logFile)}`);
	}
	return { child, url };
}

function logSize(logFile: string): number {
	return existsSync(logFile) ? statSync(logFile).size : 0;
}

/** What n8n said of a taken port in its log since byte `from` ("port 34987 is already in use"), if anything. */
export async function portTakenSince(logFile: string, from: number): Promise<string | undefined> {
	// The log is written through a pipe: its last lines can land just after the process exited.
	for (let tries = 0; tries < 10; tries++) {
		const text = existsSync(logFile) ? readFileSync(logFile).subarray(from).toString('utf8') : '';
		const said = /port (\d+) is already in use|EADDRINUSE[^\n]*?:(\d+)\b|EADDRINUSE/i.exec(text);
		if (said)
			return said[1] || said[2] ? `port ${said[1] ?? said[2]} taken` : 'a port taken (EADDRINUSE)';
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return undefined;
}

/** The last lines of an n8n log, and what holds a port n8n found in use; the log stays where it is. */
export function explainLog(logFile: string): string {
	const tail = logTail(logFile, 30);
	const lines = [`--- last lines of ${logFile} (kept) ---`, tail, '---'];
	for (const m of tail.matchAll(/port (\d+) is already in use/g))
		lines.push(describeTakenPort(Number(m[1])));
	return lines.join('\n');
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'owner@example.com',
	password: 'Sora-e2e-Passw0rd',
	firstName: 'Sora',
	lastName: 'Tester',
};

/** Creates the instance owner through the REST endpoint the setup screen uses. Skips if already set up. */
export async function setupOwner(baseUrl: string, owner: Owner = DEFAULT_OWNER): Promise<void> {
	const res0 = await fetch(`${baseUrl}/rest/settings`);
	const text = await res0.text();
	let settings: any;
	try {
		settings = JSON.parse(text);
	} catch {
		throw new Error(
			`GET ${baseUrl}/rest/settings answered HTTP ${res0.status} ${res0.headers.get('content-type')}: ${text.slice(0, 200)}`,
		);
	}
	const showSetup = settings?.data?.userManagement?.showSetupOnFirstLoad;
	if (showSetup === false) return;
	const res = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!res.ok) throw new Error(`owner setup failed: HTTP ${res.status} ${await res.text()}`);
}

/** Logs in through REST and returns the auth cookie header value. */
export async function login(baseUrl: string, owner: Owner = DEFAULT_OWNER): Promise<string> {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		// 2.x names the field emailOrLdapLoginId; 1.x reads email.
		body: JSON.stringify({
			email: owner.email,
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		}),
	});
	if (!res.ok) throw new Error(`login failed: HTTP ${res.status} ${await res.text()}`);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('login answered without an n8n-auth cookie');
	return cookie.split(';')[0];
}
