/**
 * What measuring the MP4 costs (issue 19): the 1 GiB download of the memory case, through the node's
 * Download operation in a child process (bench/memory.ts), with the box walker measuring and with it
 * off (as before: with a Content-Length it did not run). Runs alternate off/on so that the shared
 * machine's drift hits both; each mode's median is compared (time, CPU, RSS growth). The wall time of
 * one download moves by more than 2% by itself here, so the time verdict is the walker's own time on
 * the whole file (in this process) against the download's: what measuring adds to each chunk.
 * Alone: npx ts-node --transpile-only --prefer-ts-exts bench/measureCost.ts [rounds]
 */
import { performance } from 'node:perf_hooks';

import { Mp4BoxWalker } from '../nodes/Sora/domain/mp4Boxes';
import { readFixture } from '../test/server';
import type { MemoryResult } from './memory';
import { largeVideoServer, runChild } from './memoryCase';

export interface MeasureModeResult {
	runs: Array<
		Pick<MemoryResult, 'wallMs' | 'cpuMs' | 'peakRssGrowthMiB' | 'mibPerSecond' | 'measured'>
	>;
	medianWallMs: number;
	medianCpuMs: number;
	medianRssGrowthMiB: number;
}

/** The walker alone, in this process: a 1 GiB MP4 (the fixture's ftyp and moov, then an mdat of zeros) pushed in 16 KiB chunks (Node's HTTP chunks are at most that). */
export interface WalkerAloneResult {
	chunks: number;
	ms: number;
	nsPerChunk: number;
	/** The moov bytes it kept (all it keeps besides one 8-16 byte header). */
	keptMoovBytes: number;
	measured: boolean;
}

export interface MeasureCostResult {
	bytes: number;
	walkerAlone: WalkerAloneResult;
	rounds: number;
	off: MeasureModeResult;
	on: MeasureModeResult;
	/** on ÷ off of the median wall time: 1.02 = 2% slower (on a shared machine, within wallNoise). */
	timeRatio: number;
	/** (max − min) ÷ median of the runs without measuring: how much the wall time moves by itself. */
	wallNoise: number;
	/** The walker's own time on the whole file ÷ the median download without it: what measuring adds. */
	walkerShare: number;
	cpuRatio: number;
	/** on − off of the median peak RSS growth. */
	rssDeltaMiB: number;
	targets: { timeRatio: number; rssDeltaMiB: number };
	/** walkerShare ≤ 2%: the wall ratio alone cannot resolve 2% when wallNoise is larger. */
	timeOk: boolean;
	rssOk: boolean;
}

export const MEASURE_TARGETS = { timeRatio: 1.02, rssDeltaMiB: 5 };

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summary(runs: MemoryResult[]): MeasureModeResult {
	return {
		runs: runs.map(({ wallMs, cpuMs, peakRssGrowthMiB, mibPerSecond, measured }) => ({
			wallMs,
			cpuMs,
			peakRssGrowthMiB,
			mibPerSecond,
			measured,
		})),
		medianWallMs: median(runs.map((run) => run.wallMs)),
		medianCpuMs: median(runs.map((run) => run.cpuMs)),
		medianRssGrowthMiB: median(runs.map((run) => run.peakRssGrowthMiB)),
	};
}

const CHUNK = 16 * 1024;

export function runWalkerAlone(bytes: number): WalkerAloneResult {
	const fixture = readFixture('video.mp4');
	const ftypSize = fixture.readUInt32BE(0);
	const moovSize = fixture.readUInt32BE(ftypSize);
	const head = fixture.subarray(0, ftypSize + moovSize);
	const mdatHeader = Buffer.alloc(16);
	mdatHeader.writeUInt32BE(1, 0);
	mdatHeader.write('mdat', 4, 'latin1');
	mdatHeader.writeBigUInt64BE(BigInt(bytes - head.length), 8);
	const zeros = Buffer.alloc(CHUNK);
	const walker = new Mp4BoxWalker();
	const started = performance.now();
	walker.push(Buffer.concat([head, mdatHeader]));
	let chunks = 1;
	for (let left = bytes - head.length - 16; left > 0; left -= CHUNK, chunks++)
		walker.push(left >= CHUNK ? zeros : zeros.subarray(0, left));
	const verdict = walker.finish();
	const measured = walker.measured();
	const ms = performance.now() - started;
	if (verdict.kind !== 'complete' || measured?.bytes !== bytes)
		throw new Error(`the walker read ${JSON.stringify(verdict)}, ${JSON.stringify(measured)}`);
	return {
		chunks,
		ms,
		nsPerChunk: (ms * 1e6) / chunks,
		keptMoovBytes: moovSize - 8,
		measured: measured !== undefined,
	};
}

export async function runMeasureCostCase(
	bytes: number,
	rounds = 3,
	log: (line: string) => void = () => {},
): Promise<MeasureCostResult> {
	const { server, childEnv } = await largeVideoServer(bytes);
	const runs: Record<'off' | 'on', MemoryResult[]> = { off: [], on: [] };
	try {
		for (let round = 0; round < rounds; round++) {
			for (const mode of round % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
				const result = await runChild({ ...childEnv, BENCH_MEASURE: mode });
				if (result.storedFileBytes !== bytes)
					throw new Error(`the node stored ${result.storedFileBytes} bytes, expected ${bytes}`);
				if (result.measured !== (mode === 'on'))
					throw new Error(
						`measuring ${mode}, but the item ${result.measured ? 'carried' : 'lacked'} measured`,
					);
				runs[mode].push(result);
				log(
					`  measuring ${mode}: ${(result.wallMs / 1000).toFixed(2)} s, CPU ${(result.cpuMs / 1000).toFixed(2)} s, RSS +${result.peakRssGrowthMiB.toFixed(1)} MiB`,
				);
			}
		}
	} finally {
		await server.close();
	}
	const [off, on] = [summary(runs.off), summary(runs.on)];
	const timeRatio = on.medianWallMs / off.medianWallMs;
	const rssDeltaMiB = on.medianRssGrowthMiB - off.medianRssGrowthMiB;
	const offWalls = runs.off.map((run) => run.wallMs);
	const walkerAlone = runWalkerAlone(bytes);
	const walkerShare = walkerAlone.ms / off.medianWallMs;
	return {
		bytes,
		walkerAlone,
		walkerShare,
		wallNoise: (Math.max(...offWalls) - Math.min(...offWalls)) / off.medianWallMs,
		rounds,
		off,
		on,
		timeRatio,
		cpuRatio: on.medianCpuMs / off.medianCpuMs,
		rssDeltaMiB,
		targets: MEASURE_TARGETS,
		timeOk: 1 + walkerShare <= MEASURE_TARGETS.timeRatio,
		rssOk: rssDeltaMiB <= MEASURE_TARGETS.rssDeltaMiB,
	};
}

if (require.main === module) {
	const rounds = Number(process.argv[2]) || 3;
	runMeasureCostCase(1024 ** 3, rounds, (line) => process.stderr.write(`${line}\n`)).then(
		(result) => {
			const { off, on } = result;
			process.stdout.write(
				`${JSON.stringify({ ...result, off: { ...off, runs: undefined }, on: { ...on, runs: undefined } }, null, 2)}\n` +
					`measuring the MP4 on a 1 GiB download: time ×${result.timeRatio.toFixed(3)} (median ${(on.medianWallMs / 1000).toFixed(2)} s vs ${(off.medianWallMs / 1000).toFixed(2)} s; ` +
					`runs without measuring spread ${(result.wallNoise * 100).toFixed(0)}%), walker ${(result.walkerShare * 100).toFixed(2)}% of the download, ` +
					`CPU ×${result.cpuRatio.toFixed(3)}, RSS ${result.rssDeltaMiB >= 0 ? '+' : ''}${result.rssDeltaMiB.toFixed(1)} MiB; ` +
					`the walker alone: ${result.walkerAlone.ms.toFixed(1)} ms for ${result.walkerAlone.chunks} chunks of 16 KiB, keeping ${result.walkerAlone.keptMoovBytes} bytes\n`,
			);
		},
		(error: Error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
