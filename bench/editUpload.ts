/**
 * The Edit-upload memory case, in a process of its own (fresh RSS baseline): 8 input items, each
 * carrying a 200 MiB source video in n8n-core's filesystem binary store, go through the node's
 * Edit operation (Source Video: Upload) to a host in the parent process that only counts what it
 * receives. Memory must not grow with the files: they are streamed from the store while sent.
 * Env: BENCH_BASE_URL, BENCH_ITEMS, BENCH_FILE_BYTES. Answers one EditUploadResult over IPC.
 * Spawned by bench/editUploadCase.ts.
 */
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';

import { binaryDataService, runNode } from '../test/harness/runNode';
import { readFixture } from '../test/server';

export interface EditUploadResult {
	items: number;
	fileBytes: number;
	wallMs: number;
	baselineRssMiB: number;
	peakRssMiB: number;
	peakRssGrowthMiB: number;
	samples: number;
	okItems: number;
}

const MiB = 1024 * 1024;
const CHUNK = Buffer.alloc(MiB);

/** The fixture MP4 followed by zero padding up to `bytes`, generated chunk by chunk (never held whole). */
function paddedVideo(bytes: number): Readable {
	const head = readFixture('video.mp4');
	async function* chunks() {
		yield head;
		for (let left = bytes - head.length; left > 0; left -= CHUNK.length)
			yield left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
	}
	return Readable.from(chunks(), { objectMode: false });
}

async function main(): Promise<EditUploadResult> {
	await binaryDataService();
	const items = Number(process.env.BENCH_ITEMS);
	const fileBytes = Number(process.env.BENCH_FILE_BYTES);
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	await new Promise((resolve) => setTimeout(resolve, 200));
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	let samples = 0;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
		samples++;
	}, 50);
	const started = performance.now();
	const result = await runNode({
		parameters: {
			resource: 'video',
			operation: 'edit',
			videoSource: 'binary',
			videoBinaryProperty: 'data',
			prompt: 'add snow',
			waitForCompletion: false,
		},
		credentials: { apiKey: 'sk-test', baseUrl: process.env.BENCH_BASE_URL! },
		// a Readable where the harness takes a Buffer: its Input node stores it with prepareBinaryData
		items: Array.from({ length: items }, () => ({
			json: {},
			binary: {
				data: {
					data: paddedVideo(fileBytes) as unknown as Buffer,
					fileName: 'source.mp4',
					mimeType: 'video/mp4',
				},
			},
		})),
	});
	const wallMs = performance.now() - started;
	clearInterval(timer);
	peak = Math.max(peak, process.memoryUsage().rss);
	if (result.error) throw result.error;
	return {
		items,
		fileBytes,
		wallMs,
		baselineRssMiB: baseline / MiB,
		peakRssMiB: peak / MiB,
		peakRssGrowthMiB: (peak - baseline) / MiB,
		samples,
		okItems: result.items.filter((item) => typeof item.json.id === 'string').length,
	};
}

main().then(
	(result) => {
		process.send?.(result);
		process.exit(0);
	},
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
