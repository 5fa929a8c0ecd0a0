/**
 * npm run bench: figures (not timed tests) for the wait engine against the reference server.
 *   batch      N = 1, 4, 16, 64 videos of T = 2 s, Max Concurrent Jobs 1, 8, 64 (Poll Interval 10 s)
 *   polls      status requests per video and detection latency; also with a 250 ms poll-after hint
 *   longer     N = 4, T = 30 s: the adaptive schedule and the completion prediction on a longer video
 *   comparison N = 4, T = 3 s next to the issue's figure for n8n's built-in OpenAI node (84 s)
 *   hostPace   a new-api gateway refreshing statuses every 15 s, T = 60 s: status checks per video
 *   rpm        requests per minute under Max Requests per Minute, and against a host's own 429 limit
 *   memory     one 1 GiB video through the Download operation into the filesystem binary store
 *              (child process, bench/memory.ts) vs plain curl of the same URL
 *   editUpload Edit of 8 uploaded 200 MiB source videos (child process, bench/editUpload.ts): RSS
 *              growth while they stream from the binary store (alone: ts-node bench/editUploadCase.ts)
 * Prints tables and writes bench/results.json. `--quick` extrapolates c=1/N=64 from N=16.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { startReferenceServer } from '../test/server';
import { runBatch, type BatchCase, type BatchResult } from './batch';
import { runHostPaceCase, type HostPaceResult } from './hostPace';
import { runEditUploadCase } from './editUploadCase';
import { runMemoryCase } from './memoryCase';
import { runRpmCase, type RpmResult } from './rpm';
import { machine, writeResults } from './results';
import { fixed, seconds, table, verdict } from './table';

const NS = [1, 4, 16, 64];
const CONCURRENCY = [8, 64];
const T_MS = 2000;
const POLL_INTERVAL_S = 10;
const HINT_MS = 250;
const LONGER_T_MS = 30_000;
const SLACK_MS = 1000;
const ISSUE_BUILTIN = { n: 4, generationMs: 3000, wallMs: 84_000, source: 'issue #4: n8n 2.40.7 built-in OpenAI node, loopback server' };
const LARGE_VIDEO_BYTES = 1024 ** 3;
const MEMORY_TARGET_MIB = 100;

const quick = process.argv.includes('--quick');

interface BatchRow extends BatchResult {
	c1WallMs: number;
	c1Extrapolated: boolean;
	speedupVsC1: number;
	targetWallMs: number;
	wallOk: boolean;
}

function log(message: string) {
	process.stderr.write(`${message}\n`);
}

async function measure(server: Awaited<ReturnType<typeof startReferenceServer>>, spec: BatchCase): Promise<BatchResult> {
	const result = await runBatch(server, spec);
	const hint = spec.pollAfterMs ? ` hint=${spec.pollAfterMs}ms` : '';
	log(`  N=${spec.n} T=${seconds(spec.generationMs, 0)}s c=${spec.maxConcurrentJobs}${hint}: ${seconds(result.wallMs)} s, ` +
		`${fixed(result.statusPollsPerVideo.mean)} polls/video, detection ≤ ${result.detectionLatencyMs.max} ms`);
	if (result.okItems !== spec.n || result.contractViolations) throw new Error(`N=${spec.n}: ${result.okItems} ok items, ${result.contractViolations} contract violations`);
	return result;
}

const targetWall = (r: BatchCase) => (r.n <= r.maxConcurrentJobs ? r.generationMs : Math.ceil(r.n / r.maxConcurrentJobs) * r.generationMs) + SLACK_MS;
const pollTarget = (r: BatchCase) => r.generationMs / (r.pollAfterMs ?? r.pollIntervalSeconds * 1000) + 2;
const intervalMs = (r: BatchCase) => r.pollAfterMs ?? r.pollIntervalSeconds * 1000;

async function main() {
	const started = performance.now();
	const spec = (n: number, c: number, extra: Partial<BatchCase> = {}): BatchCase => ({
		n, generationMs: T_MS, maxConcurrentJobs: c, pollIntervalSeconds: POLL_INTERVAL_S, ...extra,
	});

	const server = await startReferenceServer({ generationMs: T_MS });
	const batch: BatchResult[] = [];
	const c1 = new Map<number, { wallMs: number; extrapolated: boolean; result?: BatchResult }>();
	const hinted: BatchResult[] = [];
	let comparison: BatchResult;
	let longer: BatchResult;
	try {
		log('warm-up');
		await runBatch(server, spec(2, 8, { generationMs: 200 }));
		log('batch (Max Concurrent Jobs 8 and 64)');
		for (const c of CONCURRENCY) for (const n of NS) batch.push(await measure(server, spec(n, c)));
		log('batch (Max Concurrent Jobs 1)');
		for (const n of NS) {
			if (quick && n === 64) continue;
			const result = await measure(server, spec(n, 1));
			c1.set(n, { wallMs: result.wallMs, extrapolated: false, result });
		}
		if (!c1.has(64)) c1.set(64, { wallMs: c1.get(16)!.wallMs * 4, extrapolated: true });
		log(`polls with openai-poll-after-ms: ${HINT_MS}`);
		for (const c of CONCURRENCY) for (const n of NS) hinted.push(await measure(server, spec(n, c, { pollAfterMs: HINT_MS })));
		log('longer videos');
		longer = await measure(server, spec(4, 8, { generationMs: LONGER_T_MS }));
		log('comparison case');
		comparison = await measure(server, spec(ISSUE_BUILTIN.n, 8, { generationMs: ISSUE_BUILTIN.generationMs }));
	} finally {
		await server.close();
	}
	log('host pace: new-api refreshing every 15 s, T = 60 s, Poll Interval unset');
	const hostPace: HostPaceResult[] = [await runHostPaceCase('auto'), await runHostPaceCase('newApi')];
	log('requests per minute: node cap 30/min; host limit 40/min (429 beyond)');
	const rpm: RpmResult[] = [
		await runRpmCase({ label: 'no cap', items: 12, generationMs: 20_000 }),
		await runRpmCase({ label: 'Max Requests per Minute 30', items: 12, generationMs: 20_000, nodeCap: 30 }),
		await runRpmCase({ label: 'host answers 429 above 40/min', items: 12, generationMs: 20_000, hostLimit: 40 }),
	];
	log(`memory: ${LARGE_VIDEO_BYTES / 1024 ** 2} MiB through the node (child process) and curl`);
	const memory = await runMemoryCase(LARGE_VIDEO_BYTES);
	log('edit upload: 8 items × 200 MiB source videos through Edit (child process)');
	const editUpload = await runEditUploadCase(8, 200 * 1024 ** 2, MEMORY_TARGET_MIB);
	const totalMs = performance.now() - started;

	const c1Rows = [...c1.entries()].filter(([, v]) => v.result).map(([, v]) => v.result!);
	const rows: BatchRow[] = [...c1Rows, ...batch].map((r) => {
		const base = c1.get(r.n)!;
		const targetWallMs = targetWall(r);
		return { ...r, c1WallMs: base.wallMs, c1Extrapolated: base.extrapolated, speedupVsC1: base.wallMs / r.wallMs, targetWallMs, wallOk: r.wallMs <= targetWallMs };
	});
	if (c1.get(64)!.extrapolated) log('note: c=1/N=64 extrapolated from N=16 (×4)');

	const out: string[] = [];
	out.push(table(
		`Batch — Create + Wait + Download, T = ${T_MS / 1000} s, Poll Interval ${POLL_INTERVAL_S} s (target: wall ≤ T + 1 s when N ≤ c, else ≤ ⌈N/c⌉·T + 1 s)`,
		['N', 'c', 'wall s', 'wall/T', '⌈N/c⌉·T s', 'wall/ideal', 'c=1 wall s', 'vs c=1', 'target s', ''],
		[...rows.map((r) => [r.n, r.maxConcurrentJobs, seconds(r.wallMs), fixed(r.wallOverT), seconds(r.idealMs, 0), fixed(r.wallOverIdeal),
			`${seconds(r.c1WallMs)}${r.c1Extrapolated ? '*' : ''}`, r.maxConcurrentJobs === 1 ? '1.00×' : `${fixed(r.speedupVsC1, 1)}×`, seconds(r.targetWallMs, 0), verdict(r.wallOk)]),
		...(c1.get(64)!.extrapolated ? [['64', '1', `${seconds(c1.get(64)!.wallMs)}*`, '', '', '', '* extrapolated from N=16 ×4', '', '', '']] : [])],
	));
	const pollRow = (r: BatchResult) => {
		const target = pollTarget(r);
		const ok = r.statusPollsPerVideo.max <= target && r.detectionLatencyMs.max <= intervalMs(r);
		return [r.n, r.maxConcurrentJobs, r.pollAfterMs ? `hint ${r.pollAfterMs} ms` : `adaptive, cap ${r.pollIntervalSeconds} s`,
			fixed(r.statusPollsPerVideo.mean), r.statusPollsPerVideo.max, `≤ ${fixed(target, 1)}`,
			r.detectionLatencyMs.median, r.detectionLatencyMs.max, `≤ ${intervalMs(r)}`, r.tailMs, verdict(ok)];
	};
	out.push(table(
		'Polls — status GETs per video; detection = first "completed" answer − job completion (ms); tail = node returned − last completion (ms)',
		['N', 'c', 'schedule', 'polls/video', 'max', 'target', 'detect med', 'detect max', 'target', 'tail', '', ''],
		[...rows.map(pollRow), ...hinted.map(pollRow), [...pollRow(longer), `T = ${LONGER_T_MS / 1000} s`]],
	));
	const speedup = ISSUE_BUILTIN.wallMs / comparison.wallMs;
	out.push(table(
		`Comparison — ${ISSUE_BUILTIN.n} items, T = ${ISSUE_BUILTIN.generationMs / 1000} s`,
		['node', 'wall s', 'wall/T', 'source'],
		[
			['n8n built-in OpenAI', seconds(ISSUE_BUILTIN.wallMs, 1), fixed(ISSUE_BUILTIN.wallMs / ISSUE_BUILTIN.generationMs, 1), `${ISSUE_BUILTIN.source} (not re-run)`],
			['n8n-nodes-sora, c=8', seconds(comparison.wallMs), fixed(comparison.wallOverT), `measured here, ${fixed(speedup, 1)}× faster`],
		],
	));
	out.push(table(
		'Host pace — status GETs per video on a host that refreshes statuses slowly (target ≤ T / refresh + 2)',
		['case', 'N', 'T s', 'wall s', 'polls/video', 'max', 'target', 'ok items', ''],
		hostPace.map((r) => [r.label, r.items, seconds(r.generationMs, 0), seconds(r.wallMs), fixed(r.statusPollsPerVideo.reduce((a, b) => a + b, 0) / Math.max(1, r.statusPollsPerVideo.length)),
			Math.max(...r.statusPollsPerVideo), `≤ ${fixed(r.targetPolls, 0)}`, `${r.okItems}/${r.items}`, verdict(r.okItems === r.items && Math.max(...r.statusPollsPerVideo) <= r.targetPolls)]),
	));
	out.push(table(
		'Requests per minute — 12 gateway videos of 20 s, Poll Interval 1 s; polls + downloads in the busiest 60 s window',
		['case', 'wall s', 'requests', 'max per 60 s', 'cap', '429s', 'ok items', ''],
		rpm.map((r) => [r.label, seconds(r.wallMs), r.pollAndDownloadRequests, r.maxPerMinute, r.nodeCapPerMinute ?? r.hostLimitPerMinute ?? '—', r.rateLimited429, `${r.okItems}/${r.items}`,
			verdict(r.okItems === r.items && (r.nodeCapPerMinute === null || r.maxPerMinute <= r.nodeCapPerMinute))]),
	));
	const m = memory.node;
	out.push(table(
		`Memory — one ${LARGE_VIDEO_BYTES / 1024 ** 3} GiB video, Download operation → BinaryDataService (filesystem), RSS sampled every 50 ms (target growth < ${MEMORY_TARGET_MIB} MiB)`,
		['path', 'MiB/s', 'seconds', 'RSS base MiB', 'RSS peak MiB', 'growth MiB', 'vs curl', ''],
		[
			['node (child process)', fixed(m.mibPerSecond, 0), seconds(m.wallMs), fixed(m.baselineRssMiB, 0), fixed(m.peakRssMiB, 0), fixed(m.peakRssGrowthMiB, 1), fixed(memory.throughputRatio), verdict(m.peakRssGrowthMiB < MEMORY_TARGET_MIB)],
			...memory.curl.map((run, index) => [`curl -o /dev/null (${index ? 'after' : 'before'})`, fixed(run.mibPerSecond, 0), fixed(run.seconds), '', '', '', '', '']),
			['curl -o file (temp dir)', fixed(memory.curlToFile.mibPerSecond, 0), fixed(memory.curlToFile.seconds), '', '', '', fixed(memory.throughputRatioToFile), '(node ÷ this)'],
		],
	));
	out.push(table(
		`Edit upload — ${editUpload.items} items × ${editUpload.fileBytes / 1024 ** 2} MiB source videos streamed from the binary store (target: RSS growth < ${MEMORY_TARGET_MIB} MiB)`,
		['items', 'wall s', 'baseline RSS MiB', 'peak RSS MiB', 'growth MiB', 'ok items', ''],
		[[editUpload.items, seconds(editUpload.wallMs), fixed(editUpload.baselineRssMiB, 0), fixed(editUpload.peakRssMiB, 0), fixed(editUpload.peakRssGrowthMiB, 1), editUpload.okItems, verdict(editUpload.growthOk)]],
	));
	out.push(`Total bench wall time: ${seconds(totalMs, 1)} s${quick ? ' (--quick)' : ''}`);
	console.log(`\n${out.join('\n\n')}`);

	writeResults(path.join(__dirname, 'results.json'), {
		date: new Date().toISOString(),
		machine: machine(),
		totalWallSeconds: totalMs / 1000,
		method: {
			server: 'test/server reference server on 127.0.0.1 in the bench process; n8n-core WorkflowExecute via test/harness/runNode (Input → Sora node)',
			node: 'Create, Wait for Completion, Download Video; prompt without markers; generation time set with setOptions({ generationMs })',
			wall: 'performance.now() around runNode (workflow start → node output), after one unrecorded warm-up run',
			statusPolls: 'GET /videos/{id} per video counted from server.requests (create answers not counted)',
			detectionLatency: 'per video: first time the server serialized the video with status "completed" (StoredVideo.prototype.toJSON wrapped by the bench) − StoredVideo.finishMs',
			tail: 'Date.now() when runNode returned − the latest finishMs of the batch',
			targets: `wall ≤ T + ${SLACK_MS} ms when N ≤ c, else ≤ ⌈N/c⌉·T + ${SLACK_MS} ms; polls ≤ T/interval + 2; detection ≤ interval`,
			memory: 'child process (bench/memory.ts, --expose-gc), warm-up with the thumbnail, gc, baseline RSS, then process.memoryUsage().rss every 50 ms during the Download; server and curl run in the parent',
		},
		batch: rows,
		c1N64: { extrapolated: c1.get(64)!.extrapolated, wallMs: c1.get(64)!.wallMs },
		polls: { hint250ms: hinted, longer },
		comparison: { issueBuiltin: ISSUE_BUILTIN, measured: comparison, speedup },
		hostPace,
		requestsPerMinute: rpm,
		memory: { ...memory, targetGrowthMiB: MEMORY_TARGET_MIB, growthOk: m.peakRssGrowthMiB < MEMORY_TARGET_MIB },
		editUpload,
	});
	log(`wrote ${path.relative(process.cwd(), path.join(__dirname, 'results.json'))}`);
}

/** The harness's temporary n8n user folder of this process (the small videos of the batches). */
function removeHarnessFolder() {
	if (process.env.SORA_HARNESS_USER_FOLDER) rmSync(process.env.SORA_HARNESS_USER_FOLDER, { recursive: true, force: true });
}

main().then(
	() => {
		removeHarnessFolder();
		process.exit(0);
	},
	(error) => {
		console.error(error);
		removeHarnessFolder();
		process.exit(1);
	},
);
