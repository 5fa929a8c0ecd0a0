/**
 * Ports for the n8n processes and servers the e2e and `npm start` open: every one chosen free
 * (another n8n may hold 5678-5680), and, when a wanted port is taken, a message naming what holds it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The loopback address every listener of ours binds to. */
export const LOOPBACK = '127.0.0.1';

/** A port nothing listens on now (the kernel's pick; bound on every address, so free on loopback too). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
	});
}

/** True when `port` can be bound on the loopback address (a listener on any address of it makes it taken). */
export function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
	return new Promise((resolve) => {
		const srv = createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, host, () => srv.close(() => resolve(true)));
	});
}

/** What listens on a TCP port, as "pid 123: node /path/n8n start" (from `ss -ltnp` and /proc), or undefined. */
export function portHolder(port: number): string | undefined {
	let out: string;
	try {
		out = execFileSync('ss', ['-H', '-ltnp', `sport = :${port}`], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
			timeout: 5000,
		});
	} catch {
		return undefined;
	}
	const pids = [...new Set([...out.matchAll(/pid=(\d+)/g)].map((m) => m[1]))];
	if (pids.length === 0)
		return out.trim()
			? `an unknown process (${out.trim().split('\n')[0].replace(/\s+/g, ' ')})`
			: undefined;
	return pids.map((pid) => `pid ${pid}: ${commandLine(pid)}`).join('; ');
}

function commandLine(pid: string): string {
	try {
		const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
		return cmd.length > 160 ? `${cmd.slice(0, 157)}...` : cmd;
	} catch {
		return '(command line unreadable)';
	}
}

/** "port 5678 is taken (pid 123: node …)", or "(by a process this user cannot see)". */
export function describeTakenPort(port: number): string {
	return `port ${port} is taken (${portHolder(port) ?? 'by a process this user cannot see'})`;
}

/**
 * The port to use for a listener with a default: the env variable's value when set (and then it must be
 * free, or this throws naming what holds it), else the default when free, else a free port (noted by `log`).
 */
export async function choosePort(
	envName: string,
	fallback: number,
	log: (m: string) => void,
): Promise<number> {
	const wanted = process.env[envName];
	if (wanted) {
		const port = Number(wanted);
		if (!Number.isInteger(port) || port <= 0 || port > 65535)
			throw new Error(`${envName}=${wanted} is not a port number`);
		if (!(await isPortFree(port)))
			throw new Error(
				`${envName}=${port}: ${describeTakenPort(port)}; stop it, or choose another port (or leave ${envName} unset to get a free one)`,
			);
		return port;
	}
	if (await isPortFree(fallback)) return fallback;
	const port = await freePort();
	log(`${describeTakenPort(fallback)}; using port ${port} instead (set ${envName} to choose)`);
	return port;
}
