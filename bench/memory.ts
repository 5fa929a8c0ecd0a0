/**
 * The memory case, in a process of its own (fresh RSS baseline): downloads one large video through
 * the node's Download operation into n8n-core's BinaryDataService (filesystem mode) from a
 * reference server that runs in the parent process, so the server's buffers are not counted here.
 * Env: BENCH_BASE_URL, BENCH_VIDEO_ID, BENCH_EXPECTED_BYTES; BENCH_MEASURE=off downloads as before
 * the MP4 was measured (the box walker sees no chunk: with a Content-Length it did not run at all).
 * Answers one MemoryResult over IPC. Spawned by bench/memoryCase.ts and bench/measureCost.ts.
 */
import { rmSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { Mp4BoxWalker } from '../nodes/Sora/domain/mp4Boxes';
import { binaryDataService, runNode } from '../test/harness/runNode';

export interface MemoryResult {
	bytes: number;
	wallMs: number;
	mibPerSecond: number;
	baselineRssMiB: number;
	peakRssMiB: number;
	peakRssGrowthMiB: number;
	samples: number;
	/** getrusage's ru_maxrss over the child's life (includes start-up), for reference. */
	kernelMaxRssMiB: number;
	storedFileBytes: number;
	fileDeleted: boolean;
	/** CPU time (user + system) of this process during the download. */
	cpuMs: number;
	/** Whether the MP4 was measured (BENCH_MEASURE not off), and the item carried `measured`. */
	measuring: boolean;
	measured: boolean;
}

const MiB = 1024 * 1024;
const SAMPLE_MS = 50;

async function download(variant: 'video' | 'thumbnail') {
	const result = await runNode({
		parameters: {
			resource: 'video',
			operation: 'download',
			videoId: process.env.BENCH_VIDEO_ID!,
			variant,
			binaryPropertyName: 'data',
		},
		credentials: { apiKey: 'sk-test', baseUrl: process.env.BENCH_BASE_URL! },
	});
	if (result.error) throw result.error;
	const binary = result.items[0]?.binary?.data;
	if (!binary?.id) throw new Error(`the ${variant} download produced no stored binary`);
	return { binary, measured: result.items[0].json.measured !== undefined };
}

const measuring = process.env.BENCH_MEASURE !== 'off';
if (!measuring) {
	Mp4BoxWalker.prototype.push = () => undefined;
	Mp4BoxWalker.prototype.measured = () => undefined;
}

function sampleRss(): { stop(): { peak: number; samples: number } } {
	let peak = process.memoryUsage().rss;
	let samples = 0;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
		samples++;
	}, SAMPLE_MS);
	return {
		stop() {
			clearInterval(timer);
			return { peak: Math.max(peak, process.memoryUsage().rss), samples };
		},
	};
}

async function main(): Promise<MemoryResult> {
	const service = await binaryDataService();
	const gc = (globalThis as { gc?: () => void }).gc;
	const userFolder = process.env.SORA_HARNESS_USER_FOLDER!;
	try {
		// warm-up: load every code path of a streamed download with a small file
		const { binary: warm } = await download('thumbnail');
		rmSync(service.getPath(warm.id!), { force: true });
		gc?.();
		await new Promise((resolve) => setTimeout(resolve, 200));

		const baseline = process.memoryUsage().rss;
		const sampler = sampleRss();
		const started = performance.now();
		const cpu = process.cpuUsage();
		const { binary, measured } = await download('video');
		const wallMs = performance.now() - started;
		const { user, system } = process.cpuUsage(cpu);
		const { peak, samples } = sampler.stop();
		const kernelMaxRssMiB = (process.resourceUsage().maxRSS * 1024) / MiB;

		const file = service.getPath(binary.id!);
		const storedFileBytes = statSync(file).size;
		rmSync(file, { force: true });
		const bytes = Number(process.env.BENCH_EXPECTED_BYTES);
		const fileDeleted = !statSafe(file);
		return {
			bytes,
			wallMs,
			mibPerSecond: bytes / MiB / (wallMs / 1000),
			baselineRssMiB: baseline / MiB,
			peakRssMiB: peak / MiB,
			peakRssGrowthMiB: (peak - baseline) / MiB,
			samples,
			kernelMaxRssMiB,
			storedFileBytes,
			fileDeleted,
			cpuMs: (user + system) / 1000,
			measuring,
			measured,
		};
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

function statSafe(file: string): boolean {
	try {
		statSync(file);
		return true;
	} catch {
		return false;
	}
}

main().then(
	(result) => {
		process.send!(result, () => process.exit(0));
	},
	(error: Error) => {
		console.error(error);
		process.exit(1);
	},
);
