/**
 * Starts the topology of topology.ts on loopback: Postgres, Redis, then n8n main, workers and
 * webhook processors of one n8n 2.x, every port chosen free (n8n's HTTP port, the task broker,
 * the worker health server), each process with its own user folder and log.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import {
	type CredentialToImport,
	type N8nInstance,
	activateWorkflows,
	createInstance,
	explainLog,
	importCredentials,
	importWorkflows,
} from '../n8n';
import { LOOPBACK, freePort } from '../ports';
import { seconds, startChild, stopChild, waitForUrl } from '../proc';
import type { N8nRuntime } from '../provision';
import { type PostgresStore, type Store, startPostgres, startRedis } from './stores';
import { type Endpoints, type ProcessSpec, PROCESSES, roleEnv, sharedEnv } from './topology';

export interface RunningProcess {
	spec: ProcessSpec;
	child: ChildProcess;
	inst: N8nInstance;
	/** The HTTP URL of main and webhook processors; the health URL of workers. */
	url: string;
}

export interface QueueCluster {
	main: RunningProcess;
	workers: RunningProcess[];
	webhooks: RunningProcess[];
	postgres: PostgresStore;
	/** The instance the CLI (import, publish) and the REST checks use: main's. */
	inst: N8nInstance;
	stopProcess(p: RunningProcess, graceMs?: number): Promise<void>;
	stop(): Promise<void>;
}

export interface ClusterOptions {
	runtime: N8nRuntime;
	customDir: string;
	credentials: CredentialToImport[];
	workflows: object[];
	activeWorkflowIds: string[];
	binaryDataMaxFileSizeMiB?: number;
	binaryDataMode?: Endpoints['binaryDataMode'];
	/** Which processes of the topology to start (default all; main always). */
	processes?: (spec: ProcessSpec) => boolean;
	/** Worker env on top of the topology's (e.g. N8N_GRACEFUL_SHUTDOWN_TIMEOUT). */
	workerEnv?: Record<string, string>;
	logDir: string;
}

export async function startCluster(opts: ClusterOptions): Promise<QueueCluster> {
	const t = Date.now();
	const stores: Store[] = [];
	const running: RunningProcess[] = [];
	const stopAll = async () => {
		// n8n first, then Redis and Postgres (or the workers log failed shutdowns).
		await Promise.all(running.map((p) => stopChild(p.child, 20_000)));
		for (const s of stores.reverse()) await s.stop();
	};
	try {
		const postgres: PostgresStore = await startPostgres(path.join(opts.logDir, 'postgres.log'));
		stores.push(postgres);
		const redis = await startRedis(path.join(opts.logDir, 'redis.log'));
		stores.push(redis);
		const ports = new Map<string, number>();
		for (const spec of PROCESSES) ports.set(spec.name, await freePort());
		const firstWebhook = PROCESSES.find((p) => p.role === 'webhook')!;
		const env = sharedEnv({
			postgres,
			redis,
			encryptionKey: randomBytes(24).toString('base64'),
			webhookUrl: `http://localhost:${ports.get(firstWebhook.name)}/`,
			customExtensionsDir: opts.customDir,
			binaryDataMaxFileSizeMiB: opts.binaryDataMaxFileSizeMiB,
			binaryDataMode: opts.binaryDataMode,
		});
		const instanceFor = async (spec: ProcessSpec) => {
			const port = ports.get(spec.name)!;
			const own: Record<string, string> = {
				...roleEnv(spec.role),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				N8N_RUNNERS_BROKER_LISTEN_ADDRESS: LOOPBACK,
				N8N_LISTEN_ADDRESS: LOOPBACK,
				...(spec.role === 'worker'
					? {
							QUEUE_HEALTH_CHECK_PORT: String(port),
							N8N_WORKER_SERVER_ADDRESS: LOOPBACK,
							...opts.workerEnv,
						}
					: { N8N_PORT: String(port), N8N_HOST: 'localhost' }),
			};
			const inst = createInstance(opts.runtime, opts.customDir, { ...env, ...own });
			inst.logFile = path.join(opts.logDir, `${spec.name}.log`);
			return inst;
		};
		const [mainSpec, ...all] = PROCESSES;
		const others = all.filter(opts.processes ?? (() => true));
		const mainInst = await instanceFor(mainSpec);
		// Import and publish before any process starts (publish:workflow works only then).
		await importCredentials(mainInst, opts.credentials);
		await importWorkflows(mainInst, opts.workflows);
		await activateWorkflows(mainInst, opts.activeWorkflowIds);
		const start = async (spec: ProcessSpec, inst: N8nInstance): Promise<RunningProcess> => {
			const port = ports.get(spec.name)!;
			const child = startChild(inst.runtime.node, [inst.runtime.bin, ...spec.args], {
				env: inst.env,
				cwd: inst.userFolder,
				logFile: inst.logFile,
			});
			const url = `http://${LOOPBACK}:${port}`;
			const p = { spec, child, inst, url };
			running.push(p);
			return p;
		};
		const main = await start(mainSpec, mainInst);
		try {
			await waitForUrl(`${main.url}/healthz`, 180_000, main.child);
			await waitForUrl(`${main.url}/rest/settings`, 120_000, main.child, true);
		} catch (e) {
			throw new Error(`${mainSpec.name}: ${(e as Error).message}\n${explainLog(mainInst.logFile)}`);
		}
		console.log(
			`[e2e] queue: Postgres, Redis and n8n main up (${seconds(t)}); starting workers and webhook processors`,
		);
		// Workers and webhook processors start once main has migrated the database.
		const rest = await Promise.all(
			others.map(async (spec) => start(spec, await instanceFor(spec))),
		);
		await Promise.all(
			rest.map((p) =>
				waitForUrl(
					`${p.url}/healthz${p.spec.role === 'worker' ? '/readiness' : ''}`,
					180_000,
					p.child,
				).catch((e) => {
					throw new Error(`${p.spec.name}: ${(e as Error).message}\n${explainLog(p.inst.logFile)}`);
				}),
			),
		);
		console.log(`[e2e] queue: all ${running.length} n8n processes up (${seconds(t)})`);
		return {
			main,
			workers: rest.filter((p) => p.spec.role === 'worker'),
			webhooks: rest.filter((p) => p.spec.role === 'webhook'),
			postgres,
			inst: mainInst,
			stopProcess: (p, graceMs = 60_000) => stopChild(p.child, graceMs),
			stop: stopAll,
		};
	} catch (e) {
		await stopAll();
		throw e;
	}
}
