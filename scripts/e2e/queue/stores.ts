/**
 * Postgres and Redis for the queue-mode e2e, from Debian's packages (apt-get install when missing),
 * each in a private temporary folder, listening on 127.0.0.1 only, on a free port, stopped by PID.
 * Postgres refuses to run as root: as root, its folder belongs to the `postgres` user of the Debian
 * package and it runs as that user.
 */
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { LOOPBACK, freePort } from '../ports';
import { run, startChild, stopChild } from '../proc';

export interface Store {
	host: string;
	port: number;
	child: ChildProcess;
	dir: string;
	stop(): Promise<void>;
}

export interface PostgresStore extends Store {
	database: string;
	user: string;
	password: string;
}

const isRoot = () => userInfo().uid === 0;

async function aptInstall(pkg: string, logFile: string): Promise<void> {
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run('apt-get', ['update'], { env, logFile });
	await run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, logFile });
}

function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root).filter((v) =>
		existsSync(path.join(root, v, 'bin', 'postgres')),
	);
	versions.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

function privateDir(prefix: string, owner?: { uid: number; gid: number }): string {
	const dir = mkdtempSync(path.join(tmpdir(), `sora-e2e-${prefix}-`));
	if (owner) chownSync(dir, owner.uid, owner.gid);
	chmodSync(dir, 0o700);
	return dir;
}

async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
	if (!isRoot()) return undefined;
	const { stdout } = await run('id', ['-u', 'postgres']);
	const { stdout: gid } = await run('id', ['-g', 'postgres']);
	return { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
}

/** As root, runs the command as the postgres user (runuser is in util-linux, on every Debian). */
const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
	isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

export async function startPostgres(logFile: string): Promise<PostgresStore> {
	let bin = postgresBinDir();
	if (!bin) {
		await aptInstall('postgresql', logFile);
		bin = postgresBinDir();
		if (!bin)
			throw new Error('postgresql installed, but no /usr/lib/postgresql/<version>/bin/postgres');
	}
	const owner = await postgresUser();
	const dir = privateDir('postgres', owner);
	try {
		return await initAndStartPostgres(bin, dir, owner, logFile);
	} catch (e) {
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
}

async function initAndStartPostgres(
	bin: string,
	dir: string,
	owner: { uid: number; gid: number } | undefined,
	logFile: string,
): Promise<PostgresStore> {
	const data = path.join(dir, 'data');
	const password = `pw-${Math.random().toString(36).slice(2)}`;
	const pwFile = path.join(dir, 'pw');
	writeFileSync(pwFile, password);
	if (owner) chownSync(pwFile, owner.uid, owner.gid);
	const user = 'n8n';
	await run(
		...asPostgres(path.join(bin, 'initdb'), [
			'-D',
			data,
			'-U',
			user,
			`--pwfile=${pwFile}`,
			'--auth=scram-sha-256',
			'-E',
			'UTF8',
		]),
		{ logFile },
	);
	rmSync(pwFile);
	const port = await freePort();
	const child = startChild(
		...asPostgres(path.join(bin, 'postgres'), [
			'-D',
			data,
			'-h',
			LOOPBACK,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'max_connections=200',
			'-c',
			'fsync=off',
		]),
		{ logFile },
	);
	const store: PostgresStore = {
		host: LOOPBACK,
		port,
		child,
		dir,
		database: 'n8n',
		user,
		password,
		stop: () => stopStore(child, dir),
	};
	const env = { ...process.env, PGPASSWORD: password };
	const psql = (sql: string) =>
		run(
			path.join(bin, 'psql'),
			['-h', LOOPBACK, '-p', String(port), '-U', user, '-d', 'postgres', '-c', sql],
			{ env, check: false },
		);
	try {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const res = await psql('select 1');
			if (res.code === 0) break;
			if (child.exitCode !== null || Date.now() > deadline)
				throw new Error(`postgres did not start (log ${logFile}): ${res.stderr.trim()}`);
			await new Promise((r) => setTimeout(r, 300));
		}
		const created = await psql('create database n8n');
		if (created.code !== 0) throw new Error(`create database n8n: ${created.stderr.trim()}`);
	} catch (e) {
		await stopChild(child, 15_000);
		throw e;
	}
	return store;
}

export async function startRedis(logFile: string): Promise<Store> {
	let bin = '/usr/bin/redis-server';
	if (!existsSync(bin)) {
		await aptInstall('redis-server', logFile);
		if (!existsSync(bin)) throw new Error('redis-server installed, but no /usr/bin/redis-server');
	}
	const dir = privateDir('redis');
	const port = await freePort();
	const child = startChild(
		bin,
		[
			'--bind',
			LOOPBACK,
			'--port',
			String(port),
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--protected-mode',
			'yes',
		],
		{ logFile },
	);
	const store: Store = { host: LOOPBACK, port, child, dir, stop: () => stopStore(child, dir) };
	const deadline = Date.now() + 30_000;
	for (;;) {
		const res = await run('redis-cli', ['-h', LOOPBACK, '-p', String(port), 'ping'], {
			check: false,
		}).catch(() => ({ code: 1, stdout: '' }));
		if (res.code === 0 && res.stdout.includes('PONG')) return store;
		if (child.exitCode !== null || Date.now() > deadline) {
			await store.stop();
			throw new Error(`redis did not start (log ${logFile})`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
}

async function stopStore(child: ChildProcess, dir: string): Promise<void> {
	await stopChild(child, 15_000);
	rmSync(dir, { recursive: true, force: true });
}
