/**
 * Runs a script inside a network namespace of its own, so that a test can put "inside" addresses
 * (the cloud metadata endpoint, private and CGNAT ranges, a unique-local IPv6) on that namespace's
 * own loopback, run a server there, and prove what the node sends to it, without a packet ever
 * leaving the machine: the namespace has no interface but its loopback and no route out.
 *
 * `unshare --net --mount` makes a fresh network namespace and a private mount namespace (where a
 * temporary file is bind-mounted over /etc/hosts, so names can resolve to inside addresses). The
 * kernel frees both when the last process in them exits: nothing to clean up by name, nothing left
 * behind if the test process dies. The runner still kills the script's process group on timeout and
 * reports the namespace's id, so a test can check it is gone (`namespaceAlive`).
 *
 * Needs root (CI has it) and util-linux's unshare and iproute2's ip; `netnsSupport()` says whether
 * this machine allows it, for `describe.skip` elsewhere.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Addresses put on the namespace's loopback by default: link-local (metadata), RFC 1918, CGNAT, unique-local. */
export const INSIDE_ADDRESSES = [
	'169.254.169.254/32',
	'10.0.0.1/32',
	'100.64.0.1/32',
	'fd00::1/128',
];

export interface NetnsOptions {
	/** CIDRs added to the namespace's loopback (127.0.0.1 and ::1 are always there). Default INSIDE_ADDRESSES. */
	addresses?: string[];
	/** A private /etc/hosts: name → address, e.g. { 'metadata.internal': '169.254.169.254' }. */
	hosts?: Record<string, string>;
	/** Extra environment for the script. */
	env?: NodeJS.ProcessEnv;
	/** Killed (its whole process group) after this long; default 120 s. */
	timeoutMs?: number;
}

export interface NetnsResult {
	code: number | null;
	stdout: string;
	stderr: string;
	/** The namespace's id as the kernel names it, e.g. `net:[4026532174]`. */
	namespace: string;
	/** The last line of stdout parsed as JSON, when it is JSON (the script's report). */
	report?: unknown;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const NAMESPACE_MARK = 'NETNS_ID ';

/** Why this machine cannot run namespaced tests, or undefined when it can. */
export function netnsSupport(): string | undefined {
	const probe = spawnSync(
		'unshare',
		['--net', '--mount', '--propagation', 'private', '--', 'ip', 'link', 'set', 'lo', 'up'],
		{ encoding: 'utf8' },
	);
	if (probe.error) return `unshare/ip not available: ${probe.error.message}`;
	if (probe.status !== 0) return `unshare --net is not permitted here: ${probe.stderr.trim()}`;
	return undefined;
}

function setupScript(options: NetnsOptions, hostsFile: string | undefined): string {
	const lines = ['set -e', 'ip link set lo up'];
	for (const address of options.addresses ?? INSIDE_ADDRESSES) {
		lines.push(`ip ${address.includes(':') ? '-6 ' : ''}addr add ${address} dev lo`);
	}
	if (hostsFile) lines.push(`mount --bind ${hostsFile} /etc/hosts`);
	lines.push(`echo "${NAMESPACE_MARK}$(readlink /proc/self/ns/net)" >&2`, 'exec "$@"');
	return lines.join('\n');
}

/**
 * Runs `command` (e.g. ['node', 'x.js'] or tsNodeCommand('test/…/script.ts')) in a fresh network
 * namespace with the addresses on its loopback and the private /etc/hosts; resolves when it exits.
 */
export async function runInNetns(
	command: string[],
	options: NetnsOptions = {},
): Promise<NetnsResult> {
	const scratch = mkdtempSync(path.join(tmpdir(), 'sora-netns-'));
	try {
		let hostsFile: string | undefined;
		if (options.hosts) {
			hostsFile = path.join(scratch, 'hosts');
			const entries = Object.entries(options.hosts).map(([name, address]) => `${address} ${name}`);
			writeFileSync(hostsFile, ['127.0.0.1 localhost', '::1 localhost', ...entries, ''].join('\n'));
		}
		const child = spawn(
			'unshare',
			[
				'--net',
				'--mount',
				'--propagation',
				'private',
				'--',
				'sh',
				'-c',
				setupScript(options, hostsFile),
				'netns',
				...command,
			],
			{ cwd: REPO_ROOT, env: { ...process.env, ...options.env }, detached: true },
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
		}, options.timeoutMs ?? 120_000);
		const code = await new Promise<number | null>((resolve, reject) => {
			child.once('error', reject);
			child.once('close', (exitCode) => resolve(exitCode));
		}).finally(() => clearTimeout(timer));
		const namespace = new RegExp(`${NAMESPACE_MARK}(\\S+)`).exec(stderr)?.[1] ?? '';
		stderr = stderr.replace(new RegExp(`${NAMESPACE_MARK}\\S+\\n?`), '');
		const lastLine = stdout.trim().split('\n').pop() ?? '';
		let report: unknown;
		try {
			report = lastLine ? JSON.parse(lastLine) : undefined;
		} catch {
			report = undefined;
		}
		return { code, stdout, stderr, namespace, report };
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

/** A TypeScript script run with the repo's ts-node (transpile only), for runInNetns. */
export function tsNodeCommand(script: string, ...args: string[]): string[] {
	return [
		path.join(REPO_ROOT, 'node_modules', '.bin', 'ts-node'),
		'--transpile-only',
		'--prefer-ts-exts',
		path.resolve(REPO_ROOT, script),
		...args,
	];
}

/** Whether any process on this machine is still in the namespace (its id from NetnsResult.namespace). */
export function namespaceAlive(namespace: string): boolean {
	for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
		try {
			if (readlinkSync(`/proc/${pid}/ns/net`) === namespace) return true;
		} catch {
			// The process ended while we looked, or is not ours to read.
		}
	}
	return false;
}
