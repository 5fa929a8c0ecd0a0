/**
 * Small process helpers for the e2e scripts: run a command to completion, start a long-lived child,
 * wait for a line or an URL. No dependencies beyond Node.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface RunOptions extends SpawnOptions {
	/** Append stdout+stderr to this file instead of keeping them quiet. */
	logFile?: string;
	/** Throw when the exit code is not 0 (default true). */
	check?: boolean;
	/** Kill the command after this many ms. */
	timeoutMs?: number;
}

/** Runs a command to completion and collects its output. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
	const { logFile, check = true, timeoutMs, ...spawnOpts } = opts;
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { ...spawnOpts, stdio: ['ignore', 'pipe', 'pipe'] });
		const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
		log?.write(`\n$ ${cmd} ${args.join(' ')}\n`);
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (d: Buffer) => {
			stdout += d.toString();
			log?.write(d);
		});
		child.stderr!.on('data', (d: Buffer) => {
			stderr += d.toString();
			log?.write(d);
		});
		const timer = timeoutMs
			? setTimeout(() => {
					stderr += `\n[killed after ${timeoutMs} ms]`;
					child.kill('SIGKILL');
				}, timeoutMs)
			: undefined;
		child.on('error', reject);
		child.on('close', (code) => {
			if (timer) clearTimeout(timer);
			log?.end();
			const result = { code: code ?? -1, stdout, stderr };
			if (check && result.code !== 0) {
				const tail = (stderr || stdout).split('\n').slice(-25).join('\n');
				reject(new Error(`${cmd} ${args.join(' ')} exited with ${result.code}\n${tail}`));
			} else resolve(result);
		});
	});
}

/** Children started with startChild and still running: ended when this process exits, however it exits. */
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of liveChildren) {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			/* already gone */
		}
	}
});

/** Starts a long-lived child (its own process group, so stopChild ends its children too). */
const logsFlushed = new WeakMap<ChildProcess, Promise<void>>();

/** Resolves once everything an exited child wrote is in its log file (its pipes close after its exit event). */
export async function logFlushed(child: ChildProcess): Promise<void> {
	await logsFlushed.get(child);
}

export function startChild(
	cmd: string,
	args: string[],
	opts: SpawnOptions & { logFile?: string } = {},
) {
	const { logFile, ...spawnOpts } = opts;
	const child = spawn(cmd, args, {
		...spawnOpts,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (child.pid !== undefined) {
		liveChildren.add(child);
		child.once('exit', () => liveChildren.delete(child));
	}
	if (logFile) {
		const log = createWriteStream(logFile, { flags: 'a' });
		child.stdout!.pipe(log, { end: false });
		child.stderr!.pipe(log, { end: false });
		const ended = (stream: NodeJS.ReadableStream) =>
			new Promise<void>((resolve) => stream.once('close', () => resolve()));
		const flushed = Promise.all([ended(child.stdout!), ended(child.stderr!)]).then(
			() => new Promise<void>((resolve) => log.end(() => resolve())),
		);
		logsFlushed.set(child, flushed);
	} else {
		// Keep the pipes drained so a chatty child never blocks on a full pipe.
		child.stdout!.resume();
		child.stderr!.resume();
	}
	return child;
}

/** Resolves with the first stdout line matching `pattern`; rejects if the child exits or time runs out. */
export function waitForLine(
	child: ChildProcess,
	pattern: RegExp,
	timeoutMs: number,
): Promise<RegExpMatchArray> {
	return new Promise((resolve, reject) => {
		let buffer = '';
		let errors = '';
		const onData = (d: Buffer) => {
			buffer += d.toString();
			const lines = buffer.split('\n');
			buffer = lines.pop() ?? '';
			for (const line of lines) {
				const m = line.match(pattern);
				if (m) {
					cleanup();
					resolve(m);
					return;
				}
			}
		};
		const onErr = (d: Buffer) => {
			errors = (errors + d.toString()).slice(-4000);
		};
		const onExit = (code: number | null) => {
			cleanup();
			reject(new Error(`process exited (${code}) before printing ${pattern}\n${errors}`));
		};
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms\n${errors}`));
		}, timeoutMs);
		function cleanup() {
			clearTimeout(timer);
			child.stdout!.off('data', onData);
			child.stderr!.off('data', onErr);
			child.off('exit', onExit);
		}
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onErr);
		child.on('exit', onExit);
	});
}

/**
 * Polls an URL until it answers 2xx (and, with `json`, a body that parses as JSON); with `child`,
 * fails as soon as it exits, even while a request hangs (whatever holds a port may accept the
 * connection and never answer).
 */
export async function waitForUrl(
	url: string,
	timeoutMs: number,
	child?: ChildProcess,
	json = false,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const exitedError = () =>
		new Error(`process exited (${child!.exitCode ?? child!.signalCode}) while waiting for ${url}`);
	const exited = child
		? new Promise<'exited'>((resolve) => child.once('exit', () => resolve('exited')))
		: new Promise<'exited'>(() => {});
	let last = '';
	while (Date.now() < deadline) {
		if (child && (child.exitCode !== null || child.signalCode !== null)) throw exitedError();
		const stop = new AbortController();
		const signal = AbortSignal.any([
			stop.signal,
			AbortSignal.timeout(Math.min(10_000, Math.max(1, deadline - Date.now()))),
		]);
		const answer = fetch(url, { signal }).then(
			async (res) => ({ res, text: await res.text() }),
			(e: Error) => ({ error: e }),
		);
		const outcome = await Promise.race([answer, exited]);
		if (outcome === 'exited') {
			stop.abort();
			throw exitedError();
		}
		if ('error' in outcome) last = outcome.error.message;
		else if (outcome.res.ok && (!json || isJson(outcome.text))) return;
		else last = `HTTP ${outcome.res.status} ${outcome.text.slice(0, 100)}`;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`${url} not up within ${timeoutMs} ms (${last})`);
}

function isJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/** Ends a child started with startChild, and its process group; waits for it to exit. */
export async function stopChild(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
		return;
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	const signal = (sig: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, sig);
		} catch {
			/* already gone */
		}
	};
	signal('SIGTERM');
	const timer = setTimeout(() => signal('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

export const seconds = (startMs: number) => `${((Date.now() - startMs) / 1000).toFixed(1)} s`;

let runRoot: string | undefined;

/** A new folder under this run's temp root (one root per process, so one removal cleans up). */
export function tempDir(prefix: string): string {
	runRoot ??= mkdtempSync(path.join(tmpdir(), 'sora-e2e-'));
	return mkdtempSync(path.join(runRoot, `${prefix}-`));
}

export function tempRoot(): string | undefined {
	return runRoot;
}

export function removeTempDirs(): void {
	if (runRoot) rmSync(runRoot, { recursive: true, force: true });
	runRoot = undefined;
}

/** The last `lines` lines of a log file ("(no log)" when it cannot be read). */
export function logTail(file: string, lines: number): string {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch (e) {
		return `(no log: ${(e as Error).message})`;
	}
}
