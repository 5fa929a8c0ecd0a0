/**
 * The bench's tables, printed from its results (what bench/results.json holds): after a run, and
 * alone with `npm run bench -- --print` (no case is run). A section the results lack (a results.json
 * written before that case existed) says so in a row, instead of printing its headers alone.
 */
import type { BatchCase, BatchResult } from './batch';
import type { EditUploadCaseResult } from './editUploadCase';
import type { HostPaceResult } from './hostPace';
import type { MeasureCostResult } from './measureCost';
import type { MemoryCaseResult } from './memoryCase';
import type { RpmResult } from './rpm';
import { type Cell, fixed, seconds, table, verdict } from './table';

export const T_MS = 2000;
export const POLL_INTERVAL_S = 10;
export const HINT_MS = 250;
export const LONGER_T_MS = 30_000;
export const SLACK_MS = 1000;
export const ISSUE_BUILTIN = {
	n: 4,
	generationMs: 3000,
	wallMs: 84_000,
	source: 'issue #4: n8n 2.40.7 built-in OpenAI node, loopback server',
};
export const LARGE_VIDEO_BYTES = 1024 ** 3;
export const MEMORY_TARGET_MIB = 100;
/** When the node's first two status checks come after a create (DEFAULT_TIMING, schedule.ts), at T = 2 s. */
const FIRST_CHECK_MS = 1000;
const SECOND_CHECK_MS = 2500;

export interface BatchRow extends BatchResult {
	c1WallMs: number;
	c1Extrapolated: boolean;
	speedupVsC1: number;
	targetWallMs: number;
	wallOk: boolean;
}

export interface BenchResults {
	quick?: boolean;
	totalWallSeconds: number;
	batch: BatchRow[];
	c1N64: { extrapolated: boolean; wallMs: number };
	polls: { hint250ms: BatchResult[]; longer: BatchResult };
	comparison: { issueBuiltin: typeof ISSUE_BUILTIN; measured: BatchResult; speedup: number };
	hostPace?: HostPaceResult[];
	requestsPerMinute?: RpmResult[];
	memory?: MemoryCaseResult & { targetGrowthMiB: number; growthOk: boolean };
	measuring?: MeasureCostResult;
	editUpload?: EditUploadCaseResult;
}

export const targetWall = (r: BatchCase) =>
	(r.n <= r.maxConcurrentJobs
		? r.generationMs
		: Math.ceil(r.n / r.maxConcurrentJobs) * r.generationMs) + SLACK_MS;
const pollTarget = (r: BatchCase) =>
	r.generationMs / (r.pollAfterMs ?? r.pollIntervalSeconds * 1000) + 2;
const intervalMs = (r: BatchCase) => r.pollAfterMs ?? r.pollIntervalSeconds * 1000;

/** A table, or its title and one row saying the results have no figures for it. */
function section(title: string, headers: string[], rows: Cell[][] | undefined): string {
	if (rows?.length) return table(title, headers, rows);
	return table(title, headers, [
		['(no figures in these results: run npm run bench)', ...headers.slice(1).map(() => '')],
	]);
}

function batchTable(results: BenchResults): string {
	const rows = results.batch;
	const body: Cell[][] = rows.map((r) => [
		r.n,
		r.maxConcurrentJobs,
		seconds(r.wallMs),
		fixed(r.wallOverT),
		seconds(r.idealMs, 0),
		fixed(r.wallOverIdeal),
		`${seconds(r.c1WallMs)}${r.c1Extrapolated ? '*' : ''}`,
		r.maxConcurrentJobs === 1 ? '1.00×' : `${fixed(r.speedupVsC1, 1)}×`,
		seconds(r.targetWallMs, 0),
		verdict(r.wallOk),
	]);
	if (results.c1N64.extrapolated)
		body.push([
			'64',
			'1',
			`${seconds(results.c1N64.wallMs)}*`,
			'',
			'',
			'',
			'* extrapolated from N=16 ×4',
			'',
			'',
			'',
		]);
	const detection = rows.map((r) => r.detectionLatencyMs.median).sort((a, b) => a - b);
	const medianDetection = detection.length ? detection[Math.floor(detection.length / 2)] : 0;
	const longer = results.polls.longer;
	const note = [
		`What the target means: a round of generation (there are ⌈N/c⌉) ends for the node when a status check sees it done. The first check comes`,
		`${seconds(FIRST_CHECK_MS, 0)} s after the create, the second at about ${seconds(SECOND_CHECK_MS, 1)} s; a short video (T = ${seconds(T_MS, 0)} s) is seen done at the second, ${medianDetection} ms after it`,
		`ended (median detection here). So each round costs T + about ${fixed(medianDetection / 1000, 1)} s: with N ≤ c (one round) the target is met; with more rounds`,
		`(c = 1, or N > c) the ${seconds(SLACK_MS, 0)} s of slack for the whole batch runs out from the 3rd round on. That is the poll schedule, not idle waiting.`,
		`A long video is seen done just after it ends (progress predicts the end): at T = ${seconds(longer.generationMs, 0)} s the median detection is ${longer.detectionLatencyMs.median} ms`,
		`(Polls table, last row), so there a round costs about T and ⌈N/c⌉·T + 1 s holds.`,
	].join('\n');
	return `${table(
		`Batch — Create + Wait + Download, T = ${T_MS / 1000} s, Poll Interval ${POLL_INTERVAL_S} s (target: wall ≤ T + 1 s when N ≤ c, else ≤ ⌈N/c⌉·T + 1 s)`,
		[
			'N',
			'c',
			'wall s',
			'wall/T',
			'⌈N/c⌉·T s',
			'wall/ideal',
			'c=1 wall s',
			'vs c=1',
			'target s',
			'',
		],
		body,
	)}\n${note}`;
}

function pollsTable(results: BenchResults): string {
	const pollRow = (r: BatchResult): Cell[] => {
		const target = pollTarget(r);
		const ok = r.statusPollsPerVideo.max <= target && r.detectionLatencyMs.max <= intervalMs(r);
		return [
			r.n,
			r.maxConcurrentJobs,
			r.pollAfterMs ? `hint ${r.pollAfterMs} ms` : `adaptive, cap ${r.pollIntervalSeconds} s`,
			fixed(r.statusPollsPerVideo.mean),
			r.statusPollsPerVideo.max,
			`≤ ${fixed(target, 1)}`,
			r.detectionLatencyMs.median,
			r.detectionLatencyMs.max,
			`≤ ${intervalMs(r)}`,
			r.tailMs,
			verdict(ok),
		];
	};
	const { longer, hint250ms } = results.polls;
	return table(
		'Polls — status GETs per video; detection = first "completed" answer − job completion (ms); tail = node returned − last completion (ms)',
		[
			'N',
			'c',
			'schedule',
			'polls/video',
			'max',
			'target',
			'detect med',
			'detect max',
			'target',
			'tail',
			'',
			'',
		],
		[
			...results.batch.map(pollRow),
			...hint250ms.map(pollRow),
			[...pollRow(longer), `T = ${longer.generationMs / 1000} s`],
		],
	);
}

function comparisonTable({ comparison }: BenchResults): string {
	const { issueBuiltin, measured, speedup } = comparison;
	return table(
		`Comparison — ${issueBuiltin.n} items, T = ${issueBuiltin.generationMs / 1000} s`,
		['node', 'wall s', 'wall/T', 'source'],
		[
			[
				'n8n built-in OpenAI',
				seconds(issueBuiltin.wallMs, 1),
				fixed(issueBuiltin.wallMs / issueBuiltin.generationMs, 1),
				`${issueBuiltin.source} (not re-run)`,
			],
			[
				'n8n-nodes-sora, c=8',
				seconds(measured.wallMs),
				fixed(measured.wallOverT),
				`measured here, ${fixed(speedup, 1)}× faster`,
			],
		],
	);
}

function hostPaceTable({ hostPace }: BenchResults): string {
	return section(
		'Host pace — status GETs per video on a host that refreshes statuses slowly (target ≤ T / refresh + 2)',
		['case', 'N', 'T s', 'wall s', 'polls/video', 'max', 'target', 'ok items', ''],
		hostPace?.map((r) => [
			r.label,
			r.items,
			seconds(r.generationMs, 0),
			seconds(r.wallMs),
			fixed(
				r.statusPollsPerVideo.reduce((a, b) => a + b, 0) /
					Math.max(1, r.statusPollsPerVideo.length),
			),
			Math.max(...r.statusPollsPerVideo),
			`≤ ${fixed(r.targetPolls, 0)}`,
			`${r.okItems}/${r.items}`,
			verdict(r.okItems === r.items && Math.max(...r.statusPollsPerVideo) <= r.targetPolls),
		]),
	);
}

function rpmTable({ requestsPerMinute }: BenchResults): string {
	return section(
		'Requests per minute — 12 gateway videos of 20 s, Poll Interval 1 s; polls + downloads in the busiest 60 s window',
		['case', 'wall s', 'requests', 'max per 60 s', 'cap', '429s', 'ok items', ''],
		requestsPerMinute?.map((r) => [
			r.label,
			seconds(r.wallMs),
			r.pollAndDownloadRequests,
			r.maxPerMinute,
			r.nodeCapPerMinute ?? r.hostLimitPerMinute ?? '—',
			r.rateLimited429,
			`${r.okItems}/${r.items}`,
			verdict(
				r.okItems === r.items &&
					(r.nodeCapPerMinute === null || r.maxPerMinute <= r.nodeCapPerMinute),
			),
		]),
	);
}

function memoryTable({ memory }: BenchResults): string {
	const m = memory?.node;
	return section(
		`Memory — one ${LARGE_VIDEO_BYTES / 1024 ** 3} GiB video, Download operation → BinaryDataService (filesystem), RSS sampled every 50 ms (target growth < ${MEMORY_TARGET_MIB} MiB)`,
		['path', 'MiB/s', 'seconds', 'RSS base MiB', 'RSS peak MiB', 'growth MiB', 'vs curl', ''],
		memory && m
			? [
					[
						'node (child process)',
						fixed(m.mibPerSecond, 0),
						seconds(m.wallMs),
						fixed(m.baselineRssMiB, 0),
						fixed(m.peakRssMiB, 0),
						fixed(m.peakRssGrowthMiB, 1),
						fixed(memory.throughputRatio),
						verdict(m.peakRssGrowthMiB < MEMORY_TARGET_MIB),
					],
					...memory.curl.map((run, index) => [
						`curl -o /dev/null (${index ? 'after' : 'before'})`,
						fixed(run.mibPerSecond, 0),
						fixed(run.seconds),
						'',
						'',
						'',
						'',
						'',
					]),
					[
						'curl -o file (temp dir)',
						fixed(memory.curlToFile.mibPerSecond, 0),
						fixed(memory.curlToFile.seconds),
						'',
						'',
						'',
						fixed(memory.throughputRatioToFile),
						'(node ÷ this)',
					],
				]
			: undefined,
	);
}

function editUploadTable({ editUpload }: BenchResults): string {
	const e = editUpload;
	return section(
		`Edit upload — ${e?.items ?? 8} items × ${(e?.fileBytes ?? 200 * 1024 ** 2) / 1024 ** 2} MiB source videos streamed from the binary store (target: RSS growth < ${MEMORY_TARGET_MIB} MiB)`,
		['items', 'wall s', 'baseline RSS MiB', 'peak RSS MiB', 'growth MiB', 'ok items', ''],
		e
			? [
					[
						e.items,
						seconds(e.wallMs),
						fixed(e.baselineRssMiB, 0),
						fixed(e.peakRssMiB, 0),
						fixed(e.peakRssGrowthMiB, 1),
						e.okItems,
						verdict(e.growthOk),
					],
				]
			: undefined,
	);
}

function measuringTable({ measuring }: BenchResults): string {
	const m = measuring;
	return section(
		`Measuring the MP4 — the same ${LARGE_VIDEO_BYTES / 1024 ** 3} GiB download, medians of ${m?.rounds ?? 3} runs each, alternating (targets: time ×≤ ${m?.targets.timeRatio ?? 1.02}, RSS ≤ +${m?.targets.rssDeltaMiB ?? 5} MiB)`,
		['MP4 measured', 'wall s', 'CPU s', 'RSS growth MiB', 'item has measured', ''],
		m
			? [
					[
						'no (as before)',
						seconds(m.off.medianWallMs),
						seconds(m.off.medianCpuMs),
						fixed(m.off.medianRssGrowthMiB, 1),
						'no',
						'',
					],
					[
						'yes',
						seconds(m.on.medianWallMs),
						seconds(m.on.medianCpuMs),
						fixed(m.on.medianRssGrowthMiB, 1),
						'yes',
						'',
					],
					[
						'ratio / delta',
						`×${fixed(m.timeRatio, 3)} (runs spread ${fixed(m.wallNoise * 100, 0)}%)`,
						`×${fixed(m.cpuRatio, 3)}`,
						fixed(m.rssDeltaMiB, 1),
						'',
						verdict(m.rssOk),
					],
					[
						'walker alone (in process)',
						fixed(m.walkerAlone.ms / 1000, 4),
						`${fixed(m.walkerShare * 100, 2)}% of the download`,
						`keeps ${m.walkerAlone.keptMoovBytes} B`,
						`${m.walkerAlone.chunks} chunks of 16 KiB`,
						verdict(m.timeOk),
					],
				]
			: undefined,
	);
}

/** Every table, as `npm run bench` prints them. */
export function renderReport(results: BenchResults): string {
	return [
		batchTable(results),
		pollsTable(results),
		comparisonTable(results),
		hostPaceTable(results),
		rpmTable(results),
		memoryTable(results),
		measuringTable(results),
		editUploadTable(results),
		`Total bench wall time: ${fixed(results.totalWallSeconds, 1)} s${results.quick ? ' (--quick)' : ''}`,
	].join('\n\n');
}
