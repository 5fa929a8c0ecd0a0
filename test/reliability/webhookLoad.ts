/**
 * Webhook deliveries under load: N POSTs through the loopback HTTP front of the trigger harness
 * (test/harness/runWebhook.ts) with undici, some concurrency, a share of them forged, expired or
 * replayed. Used by bench/webhook-load.ts (1,000 deliveries) and webhookLoad.test.ts (200).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { Pool } from 'undici';

import { startWebhookFront, TriggerHarness } from '../harness/runWebhook';
import { signWebhook, startReferenceServer, type ReferenceServer } from '../server';
import { call } from '../server/test-client';
import { mulberry32 } from '../server/faults';

export type DeliveryKind =
	| 'valid'
	| 'forged-signature'
	| 'tampered-body'
	| 'unsigned'
	| 'expired'
	| 'replayed';
export const INVALID_KINDS: DeliveryKind[] = [
	'forged-signature',
	'tampered-body',
	'unsigned',
	'expired',
	'replayed',
];

export interface LoadOptions {
	deliveries: number;
	/** Share of deliveries that are forged, expired or replayed. */
	invalidShare: number;
	concurrency: number;
	seed: number;
}

export const DEFAULT_LOAD: LoadOptions = {
	deliveries: 1000,
	invalidShare: 0.1,
	concurrency: 32,
	seed: 4242,
};

interface PlannedDelivery {
	kind: DeliveryKind;
	/** The webhook-id of the event (for a replay: of the original). */
	webhookId: string;
	body: string;
	headers: Record<string, string>;
}

export interface MemorySample {
	rssMiB: number;
	heapUsedMiB: number;
}

export interface LoadReport {
	options: LoadOptions;
	wallSeconds: number;
	deliveriesPerSecond: number;
	byKind: Record<string, number>;
	statusesByKind: Record<string, Record<string, number>>;
	uniqueValidEvents: number;
	workflowsStarted: number;
	runsCompleted: number;
	runsWithError: number;
	eventsStartedTwice: number;
	invalidThatStarted: number;
	validNeverStarted: number;
	clientErrors: number;
	processErrors: string[];
	latencyMs: { p50: number; p95: number; p99: number; max: number };
	runErrors: string[];
	memory: {
		before: MemorySample;
		waves: MemorySample[];
		after: MemorySample;
		peakRssMiB: number;
		rssGrowthMiB: number;
		heapGrowthMiB: number;
		heapGrowthFirstToLastWaveMiB: number;
	};
	checks: Record<string, boolean>;
}

let gc: (() => void) | undefined;
function collectGarbage() {
	if (!gc) {
		setFlagsFromString('--expose_gc');
		gc = runInNewContext('gc') as () => void;
	}
	gc();
	gc();
}

function memory(): MemorySample {
	const usage = process.memoryUsage();
	return {
		rssMiB: Math.round((usage.rss / 2 ** 20) * 10) / 10,
		heapUsedMiB: Math.round((usage.heapUsed / 2 ** 20) * 10) / 10,
	};
}

function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return 0;
	return (
		Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10
	);
}

function plan(
	options: LoadOptions,
	secret: string,
	videos: { completed: string[]; failed: string[] },
): PlannedDelivery[] {
	const random = mulberry32(options.seed);
	const now = Math.floor(Date.now() / 1000);
	const planned: PlannedDelivery[] = [];
	const valid: PlannedDelivery[] = [];
	let invalidIndex = 0;
	for (let index = 0; index < options.deliveries; index++) {
		const invalid = random() < options.invalidShare;
		let kind: DeliveryKind = invalid
			? INVALID_KINDS[invalidIndex++ % INVALID_KINDS.length]
			: 'valid';
		if (kind === 'replayed' && !valid.length) kind = 'forged-signature';
		if (kind === 'replayed') {
			const original = valid[Math.floor(random() * valid.length)];
			planned.push({ ...original, kind });
			continue;
		}
		const webhookId = `evt_load_${options.seed}_${index}`;
		const failed = random() < 0.2;
		const pool = failed ? videos.failed : videos.completed;
		const videoId = pool[Math.floor(random() * pool.length)];
		const type = failed ? 'video.failed' : 'video.completed';
		const body = JSON.stringify({
			id: webhookId,
			object: 'event',
			created_at: now,
			type,
			data: { id: videoId },
		});
		const timestamp = kind === 'expired' ? now - 3600 : now;
		const signingSecret =
			kind === 'forged-signature' ? `whsec_${randomBytes(24).toString('base64')}` : secret;
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'webhook-id': webhookId,
			'webhook-timestamp': String(timestamp),
			'webhook-signature': signWebhook(signingSecret, webhookId, timestamp, body),
		};
		if (kind === 'unsigned') delete headers['webhook-signature'];
		const delivery: PlannedDelivery = {
			kind,
			webhookId,
			headers,
			body: kind === 'tampered-body' ? body.replace(videoId, 'video_evil') : body,
		};
		planned.push(delivery);
		if (kind === 'valid') valid.push(delivery);
	}
	return planned;
}

async function seedVideos(
	server: ReferenceServer,
	count: number,
	failed: boolean,
): Promise<string[]> {
	const ids: string[] = [];
	for (let index = 0; index < count; index++) {
		const prompt = `webhook load ${index}${failed ? ' [fail]' : ''}`;
		const created = await call(server, 'POST', '/videos', {
			json: { prompt, model: 'sora-2', seconds: '4', size: '720x1280' },
		});
		server.completeNow(created.json.id);
		ids.push(created.json.id as string);
	}
	return ids;
}

export const WAVES = 4;

export async function runWebhookLoad(
	partial: Partial<LoadOptions> = {},
	log: (line: string) => void = () => {},
): Promise<LoadReport> {
	const options = { ...DEFAULT_LOAD, ...partial };
	const processErrors: string[] = [];
	const onError = (error: unknown) => processErrors.push(String((error as Error)?.stack ?? error));
	process.on('unhandledRejection', onError);
	process.on('uncaughtException', onError);

	// Every started run does what the trigger does by default: GET the video (Fetch Video on), from the reference server.
	const server = await startReferenceServer({ generationMs: 60_000 });
	const videos = {
		completed: await seedVideos(server, 20, false),
		failed: await seedVideos(server, 5, true),
	};
	const secret = `whsec_${randomBytes(24).toString('base64')}`;
	const credentials = { apiKey: 'sk-test', baseUrl: server.url, webhookSecret: secret };
	const harness = new TriggerHarness({
		parameters: { fetchVideo: true, downloadVideo: false },
		credentials,
	});
	const front = await startWebhookFront(harness);
	const url = new URL(front.url);
	const pool = new Pool(url.origin, { connections: options.concurrency });
	const planned = plan(options, secret, videos);

	const send = async (delivery: PlannedDelivery) => {
		const started = performance.now();
		try {
			const answer = await pool.request({
				method: 'POST',
				path: url.pathname,
				body: delivery.body,
				headers: delivery.headers,
			});
			const text = await answer.body.text();
			return { status: answer.statusCode, text, ms: performance.now() - started };
		} catch (error) {
			return {
				status: -1,
				text: String((error as Error).message),
				ms: performance.now() - started,
			};
		}
	};

	// Warm up (module loading, JIT, the binary data service) before the memory baseline.
	const warmup = new TriggerHarness({
		parameters: { fetchVideo: true, downloadVideo: false },
		credentials,
	});
	for (const delivery of plan(
		{ ...options, deliveries: 20, invalidShare: 0, seed: options.seed + 1 },
		secret,
		videos,
	)) {
		const { run } = await warmup.receive({ body: delivery.body, headers: delivery.headers });
		await run;
	}
	collectGarbage();
	const before = memory();
	let peakRss = before.rssMiB;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, memory().rssMiB)), 50);

	log(
		`webhook load: ${options.deliveries} deliveries, ${options.invalidShare * 100}% forged/expired/replayed, concurrency ${options.concurrency}, ${WAVES} waves`,
	);
	const results: Array<{ status: number; text: string; ms: number }> = new Array(planned.length);
	const startsPerId = new Map<string, number>();
	const waves: MemorySample[] = [];
	let runsCompleted = 0;
	let runsWithError = 0;
	const runErrors: string[] = [];
	const started = performance.now();
	const waveSize = Math.ceil(planned.length / WAVES);
	for (let wave = 0; wave < WAVES; wave++) {
		let next = wave * waveSize;
		const end = Math.min(planned.length, next + waveSize);
		const runs: Array<Promise<void>> = [];
		const worker = async () => {
			while (next < end) {
				const index = next++;
				results[index] = await send(planned[index]);
			}
		};
		await Promise.all(Array.from({ length: options.concurrency }, worker));
		// Every answer that started a workflow: which event, and its run to completion.
		for (const answer of front.answers.splice(0)) {
			if (!answer.started) continue;
			const webhookId = String(answer.workflowData?.[0]?.[0]?.json.webhookId);
			startsPerId.set(webhookId, (startsPerId.get(webhookId) ?? 0) + 1);
			runs.push(
				front.nextRun().then(
					(run) => {
						runsCompleted++;
						if (run.error) (runsWithError++, runErrors.push(run.error.message));
					},
					(error: Error) => {
						runsWithError++;
						runErrors.push(error.message);
					},
				),
			);
		}
		await Promise.all(runs);
		collectGarbage();
		waves.push(memory());
		log(
			`  wave ${wave + 1}/${WAVES}: ${end} sent, heap ${waves.at(-1)!.heapUsedMiB} MiB, RSS ${waves.at(-1)!.rssMiB} MiB`,
		);
	}
	const wallMs = performance.now() - started;
	clearInterval(sampler);
	await pool.close();
	await front.close();
	await server.close();
	collectGarbage();
	const after = memory();
	process.off('unhandledRejection', onError);
	process.off('uncaughtException', onError);

	const byKind: Record<string, number> = {};
	const statusesByKind: Record<string, Record<string, number>> = {};
	planned.forEach((delivery, index) => {
		byKind[delivery.kind] = (byKind[delivery.kind] ?? 0) + 1;
		const statuses = (statusesByKind[delivery.kind] ??= {});
		const answer = results[index];
		const label =
			answer.status === 200 && answer.text.includes('redelivery')
				? '200 redelivery'
				: String(answer.status);
		statuses[label] = (statuses[label] ?? 0) + 1;
	});
	const validIds = new Set(planned.filter((d) => d.kind === 'valid').map((d) => d.webhookId));
	const workflowsStarted = [...startsPerId.values()].reduce((sum, n) => sum + n, 0);
	const latencies = results.map((r) => r.ms).sort((a, b) => a - b);

	const report: LoadReport = {
		options,
		wallSeconds: Math.round(wallMs / 100) / 10,
		deliveriesPerSecond: Math.round(planned.length / (wallMs / 1000)),
		byKind,
		statusesByKind,
		uniqueValidEvents: validIds.size,
		workflowsStarted,
		runsCompleted,
		runsWithError,
		runErrors: [...new Set(runErrors)].slice(0, 5),
		eventsStartedTwice: [...startsPerId.values()].filter((n) => n > 1).length,
		invalidThatStarted: [...startsPerId.keys()].filter((id) => !validIds.has(id)).length,
		validNeverStarted: [...validIds].filter((id) => !startsPerId.has(id)).length,
		clientErrors: results.filter((r) => r.status < 0).length,
		processErrors,
		latencyMs: {
			p50: percentile(latencies, 50),
			p95: percentile(latencies, 95),
			p99: percentile(latencies, 99),
			max: percentile(latencies, 100),
		},
		memory: {
			before,
			waves,
			after,
			peakRssMiB: peakRss,
			rssGrowthMiB: Math.round((after.rssMiB - before.rssMiB) * 10) / 10,
			heapGrowthMiB: Math.round((after.heapUsedMiB - before.heapUsedMiB) * 10) / 10,
			heapGrowthFirstToLastWaveMiB:
				Math.round((waves.at(-1)!.heapUsedMiB - waves[0].heapUsedMiB) * 10) / 10,
		},
		checks: {},
	};
	const statuses = (kind: DeliveryKind) => statusesByKind[kind] ?? {};
	report.checks = {
		'workflows started = unique valid events':
			workflowsStarted === validIds.size && runsCompleted === validIds.size,
		'each valid event started exactly once':
			report.eventsStartedTwice === 0 && report.validNeverStarted === 0,
		'no forged/expired delivery started a workflow': report.invalidThatStarted === 0,
		'forged, tampered, unsigned and expired answered 401': (
			['forged-signature', 'tampered-body', 'unsigned', 'expired'] as const
		).every((kind) => Object.keys(statuses(kind)).every((status) => status === '401')),
		// Under concurrency a replay can overtake its original: then the replay starts the run and the original is the redelivery.
		'each replay pair: one start, one 200 redelivery':
			(statuses('valid')['200 redelivery'] ?? 0) + (statuses('replayed')['200 redelivery'] ?? 0) ===
			(byKind.replayed ?? 0),
		'no run failed': runsWithError === 0,
		'no connection error, no 5xx':
			report.clientErrors === 0 && results.every((r) => r.status < 500),
		'no unhandled rejection or exception': processErrors.length === 0,
		'heap steady (after GC, last wave within 16 MiB of the first)':
			Math.abs(report.memory.heapGrowthFirstToLastWaveMiB) <= 16,
	};
	return report;
}
