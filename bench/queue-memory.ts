/**
 * npm run bench:queue — worker memory for one 200 MiB video in real n8n queue mode, per binary data mode.
 * For each mode (database, filesystem): the queue-mode topology of scripts/e2e/queue/topology.ts with
 * one worker, the packed package, a webhook workflow (answers on receipt) whose Sora node creates,
 * waits and downloads the video. A small video first warms the worker up; then the worker's RSS
 * (/proc/<pid>/status VmRSS, every 100 ms) from just before the request until the execution ends, and
 * Postgres's total RSS the same way. Writes bench/queue-memory.json. Needs the e2e's n8n cache (provisions it).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { startReferenceServer } from '../test/server';
import { credentialFor } from '../scripts/e2e/cases';
import { listExecutions } from '../scripts/e2e/executions';
import { loadExamples } from '../scripts/e2e/examples';
import { login, setupOwner } from '../scripts/e2e/n8n';
import { REPO_ROOT, buildAndPack, installIntoCustomExtensions } from '../scripts/e2e/pack';
import { provision } from '../scripts/e2e/provision';
import type { RunningServer } from '../scripts/e2e/reference-server';
import { type QueueCluster, startCluster } from '../scripts/e2e/queue/cluster';

const MiB = 1024 * 1024;
const VIDEO_MIB = 200;
const MODES = ['database', 'filesystem'] as const;

function rssMiB(pid: number): number {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** The summed RSS of every process whose command line names this Postgres data folder. */
function postgresRssMiB(dataDirHint: string): number {
	let total = 0;
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		try {
			const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
			if (comm === 'postgres' && (cmd.includes(dataDirHint) || isChildOfPostgres(pid, dataDirHint)))
				total += rssMiB(Number(pid));
		} catch {
			/* gone */
		}
	}
	return total;
}

function isChildOfPostgres(pid: string, hint: string): boolean {
	const ppid = /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
	return Boolean(ppid && readFileSync(`/proc/${ppid}/cmdline`, 'utf8').includes(hint));
}

async function runOnce(
	cluster: QueueCluster,
	cookie: string,
	workflowId: string,
	path_: string,
	pgHint: string,
) {
	const worker = cluster.workers[0];
	const before = (await listExecutions(cluster.main.url, cookie, workflowId)).length;
	const base = { worker: rssMiB(worker.child.pid!), postgres: postgresRssMiB(pgHint) };
	const peak = { ...base };
	const t = Date.now();
	const res = await request(`${cluster.webhooks[0].url}/webhook/${path_}`, {
		method: 'POST',
		body: '{}',
		headers: { 'content-type': 'application/json' },
	});
	await res.body.text();
	let status = 'unknown';
	for (;;) {
		peak.worker = Math.max(peak.worker, rssMiB(worker.child.pid!));
		peak.postgres = Math.max(peak.postgres, postgresRssMiB(pgHint));
		const executions = await listExecutions(cluster.main.url, cookie, workflowId);
		if (
			executions.length > before &&
			!['new', 'running', 'waiting', 'unknown'].includes(executions[0].status)
		) {
			status = executions[0].status;
			break;
		}
		if (Date.now() - t > 600_000) throw new Error('execution did not end within 10 min');
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		status,
		seconds: (Date.now() - t) / 1000,
		workerBaseMiB: base.worker,
		workerGrowthMiB: peak.worker - base.worker,
		postgresGrowthMiB: peak.postgres - base.postgres,
	};
}

async function main() {
	const artifacts = path.join(REPO_ROOT, 'artifacts', 'bench-queue');
	mkdirSync(artifacts, { recursive: true });
	const { n8n2 } = await provision(undefined, { n8n1: false });
	const packed = await buildAndPack(path.join(artifacts, 'pack.log'));
	const customDir = await installIntoCustomExtensions(packed.tarball);
	const example = loadExamples().find((e) => e.file.startsWith('01-'))!.workflow;
	const workflow = {
		...example,
		id: 'soraBenchQueueMem',
		nodes: example.nodes
			.filter((n) => n.type !== 'n8n-nodes-base.respondToWebhook')
			.map((n) =>
				n.type === 'n8n-nodes-base.webhook'
					? {
							...n,
							parameters: {
								...n.parameters,
								path: 'sora/bench-memory',
								responseMode: 'onReceived',
							},
						}
					: { ...n, parameters: { ...n.parameters, prompt: 'bench: worker memory' } },
			),
		connections: {
			'Video Request': { main: [[{ node: 'Generate Video', type: 'main', index: 0 }]] },
		},
	};
	const results: Record<string, unknown> = {};
	for (const mode of MODES) {
		const server = await startReferenceServer({ apiKey: 'sk-test', generationMs: 500 });
		let cluster: QueueCluster | undefined;
		mkdirSync(path.join(artifacts, mode), { recursive: true });
		try {
			cluster = await startCluster({
				runtime: n8n2,
				customDir,
				credentials: [credentialFor({ apiKey: 'sk-test', baseUrl: server.url } as RunningServer)],
				workflows: [workflow],
				activeWorkflowIds: [workflow.id],
				binaryDataMode: mode,
				processes: (p) => p.name === 'n8n-worker-1' || p.name === 'n8n-webhook-1',
				logDir: path.join(artifacts, mode),
			});
			await setupOwner(cluster.main.url);
			const cookie = await login(cluster.main.url);
			const pgHint = cluster.postgres.dir;
			const warm = await runOnce(cluster, cookie, workflow.id, 'sora/bench-memory', pgHint);
			server.setOptions({ largeVideoBytes: VIDEO_MIB * MiB });
			const big = await runOnce(cluster, cookie, workflow.id, 'sora/bench-memory', pgHint);
			results[mode] = { videoMiB: VIDEO_MIB, warmUp: warm, ...big };
			process.stderr.write(`${mode}: ${JSON.stringify(results[mode])}\n`);
		} finally {
			await cluster?.stop();
			await server.close();
		}
	}
	const out = {
		n8n: n8n2.version,
		measuredAt: new Date().toISOString(),
		note: 'RSS growth = peak during the execution minus just before it; one worker, after a warm-up run',
		results,
	};
	writeFileSync(
		path.join(REPO_ROOT, 'bench', 'queue-memory.json'),
		`${JSON.stringify(out, null, 2)}\n`,
	);
	console.table(Object.fromEntries(MODES.map((m) => [m, results[m]])));
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(1);
	},
);
