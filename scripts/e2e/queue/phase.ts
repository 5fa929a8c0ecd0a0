/**
 * The queue-mode phase of the e2e: the topology of topology.ts (Postgres, Redis, n8n main, two
 * workers, two webhook processors, binary data in the database) with the packed package on every
 * process, against the reference server (in this process, so its request log counts creates and
 * downloads). Cases: burst-and-trigger.ts, failures.ts. Logs: artifacts/queue/.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startReferenceServer } from '../../../test/server';
import { CREDENTIAL, credentialFor, loadWorkflow } from '../cases';
import { Checks } from '../checks';
import { loadExamples } from '../examples';
import { login, setupOwner } from '../n8n';
import type { N8nRuntime } from '../provision';
import type { RunningServer } from '../reference-server';
import { newSigningSecret } from '../webhooks';
import { checkTriggerBehindProcessors, checkWebhookBurst } from './burst-and-trigger';
import { startCluster } from './cluster';
import type { QueueContext } from './context';
import { checkVideoAboveStoreLimit, checkWorkerStoppedMidWait } from './failures';

/** N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE for the phase, low so a 12 MiB video is above it. */
export const STORE_LIMIT_MIB = 8;
/** N8N_GRACEFUL_SHUTDOWN_TIMEOUT on the workers, shorter than the slow video, so SIGTERM cuts its wait. */
const WORKER_GRACE_SECONDS = 5;
const SLOW_VIDEO_MS = 40_000;

/** Example 1 (webhook → generate → answer with the MP4), and a copy that answers at once and waits 40 s. */
function workflows() {
	// Queue mode's checks count the creates of the OpenAI-compatible reference server and compare its fixture:
	// example 1's Create asks that server's sora-2 here (the CLI and server phases run it on the new-api gateway).
	const example = loadExamples().find((e) => e.file.startsWith('01-'))!.workflow;
	const onOpenAiServer = (n: any) =>
		n.credentials?.soraApi
			? {
					...n,
					credentials: { soraApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
					parameters: { ...n.parameters, model: { __rl: true, mode: 'id', value: 'sora-2' } },
				}
			: n;
	const burst = { ...example, nodes: example.nodes.map(onOpenAiServer) };
	const slow = {
		...burst,
		id: 'soraQueueSlow',
		name: 'Sora queue e2e: a slow video (worker stopped mid-wait)',
		nodes: burst.nodes
			.filter((n) => n.type !== 'n8n-nodes-base.respondToWebhook')
			.map((n) =>
				n.type === 'n8n-nodes-base.webhook'
					? {
							...n,
							id: `${n.id.slice(0, -2)}f1`,
							webhookId: `${n.webhookId.slice(0, -2)}f1`,
							parameters: { ...n.parameters, path: 'sora/queue-slow', responseMode: 'onReceived' },
						}
					: {
							...n,
							id: `${n.id.slice(0, -2)}f2`,
							parameters: {
								...n.parameters,
								prompt: `queue e2e: stopped worker [gen=${SLOW_VIDEO_MS}]`,
							},
						},
			),
		connections: {
			'Video Request': { main: [[{ node: 'Generate Video', type: 'main', index: 0 }]] },
		},
	};
	const trigger = loadWorkflow('trigger.json') as unknown as { id: string; nodes: any[] };
	return { burst, slow, trigger };
}

export async function runQueuePhase(
	runtime: N8nRuntime,
	customDir: string,
	artifacts: string,
): Promise<Checks[]> {
	const setup = new Checks(`${runtime.version} queue mode`);
	const results = [setup];
	const logDir = path.join(artifacts, 'queue');
	rmSync(logDir, { recursive: true, force: true }); // logs are appended to: start clean
	mkdirSync(logDir, { recursive: true });
	const apiKey = 'sk-test';
	const server = await startReferenceServer({ apiKey, generationMs: 1500 });
	const secret = newSigningSecret();
	const wf = workflows();
	const figures: Record<string, unknown> = {};
	let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
	try {
		const t = Date.now();
		cluster = await startCluster({
			runtime,
			customDir,
			credentials: [credentialFor({ apiKey, baseUrl: server.url } as RunningServer, secret)],
			workflows: [wf.burst, wf.slow, wf.trigger],
			activeWorkflowIds: [wf.burst.id, wf.slow.id, wf.trigger.id],
			binaryDataMaxFileSizeMiB: STORE_LIMIT_MIB,
			workerEnv: { N8N_GRACEFUL_SHUTDOWN_TIMEOUT: String(WORKER_GRACE_SECONDS) },
			logDir,
		});
		figures.startSeconds = (Date.now() - t) / 1000;
		setup.that(
			true,
			`main + ${cluster.workers.length} workers + ${cluster.webhooks.length} webhook processors up in ${(figures.startSeconds as number).toFixed(1)} s (logs ${logDir})`,
		);
		await setupOwner(cluster.main.url);
		const ctx: QueueContext = {
			cluster,
			runtime,
			server,
			apiKey,
			secret,
			cookie: await login(cluster.main.url),
			figures,
			async createVideo(prompt) {
				const res = await fetch(`${server.url}/videos`, {
					method: 'POST',
					headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
					body: JSON.stringify({ prompt, model: 'sora-2', seconds: '4', size: '720x1280' }),
				});
				const { id } = (await res.json()) as { id: string };
				server.completeNow(id);
				return id;
			},
		};
		const step = async (title: string, fn: (c: Checks) => Promise<void>) => {
			const checks = new Checks(`${runtime.version} queue: ${title}`);
			results.push(checks);
			const ts = Date.now();
			await checks.step(title, () => fn(checks));
			console.log(`[e2e] queue: ${title} (${((Date.now() - ts) / 1000).toFixed(1)} s)`);
		};
		await step('24 webhook requests at once', (c) => checkWebhookBurst(c, ctx, wf.burst));
		await step('Sora Trigger behind two webhook processors', (c) =>
			checkTriggerBehindProcessors(c, ctx, wf.trigger),
		);
		await step(`a video above the ${STORE_LIMIT_MIB} MiB store limit`, (c) =>
			checkVideoAboveStoreLimit(c, ctx, wf.burst, STORE_LIMIT_MIB),
		);
		await step('a worker stopped (SIGTERM) mid-wait', (c) =>
			checkWorkerStoppedMidWait(c, ctx, wf.slow, WORKER_GRACE_SECONDS),
		);
	} catch (e) {
		setup.that(false, `queue phase: ${(e as Error).message}`);
	} finally {
		await cluster?.stop();
		await server.close();
		writeFileSync(path.join(logDir, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
	}
	return results;
}
