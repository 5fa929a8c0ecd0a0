import { execFile, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startReferenceServer } from '../test/server';
import type { MemoryResult } from './memory';

export interface CurlResult {
	mibPerSecond: number;
	seconds: number;
	bytes: number;
}

export interface MemoryCaseResult {
	node: MemoryResult;
	/** Plain curl -o /dev/null of the same content URL, before and after the node's download. */
	curl: CurlResult[];
	/** curl -o <file in the temp dir>: the network plus the disk write the node also pays. */
	curlToFile: CurlResult;
	/** Node throughput ÷ the better curl -o /dev/null run (the physical reference). */
	throughputRatio: number;
	/** Node throughput ÷ curl to a file. */
	throughputRatioToFile: number;
}

const MiB = 1024 * 1024;

/** Asynchronous on purpose: the reference server runs in this process and must keep serving. */
function curl(url: string, apiKey: string, output = '/dev/null'): Promise<CurlResult> {
	return new Promise((resolve, reject) => {
		execFile(
			'curl',
			[
				'-s',
				'-o',
				output,
				'-H',
				`Authorization: Bearer ${apiKey}`,
				'-w',
				'%{speed_download} %{time_total} %{size_download}',
				url,
			],
			(error, stdout) => {
				if (error) return reject(error);
				const [speed, seconds, bytes] = stdout.trim().split(' ').map(Number);
				resolve({ mibPerSecond: speed / MiB, seconds, bytes });
			},
		);
	});
}

/** bench/memory.ts in a child process of its own (fresh RSS baseline), with `env` added. */
export function runChild(env: Record<string, string>): Promise<MemoryResult> {
	const childEnv: NodeJS.ProcessEnv = {
		...process.env,
		...env,
		TS_NODE_TRANSPILE_ONLY: 'true',
		TS_NODE_PREFER_TS_EXTS: 'true',
	};
	// a fresh harness user folder for the child (the parent's would be inherited otherwise)
	delete childEnv.SORA_HARNESS_USER_FOLDER;
	delete childEnv.N8N_USER_FOLDER;
	return new Promise((resolve, reject) => {
		let result: MemoryResult | undefined;
		const child = fork(path.join(__dirname, 'memory.ts'), [], {
			env: childEnv,
			execArgv: ['--expose-gc', '-r', 'ts-node/register'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		child.on('message', (message) => (result = message as MemoryResult));
		child.on('error', reject);
		child.on('exit', (code) =>
			result ? resolve(result) : reject(new Error(`bench/memory.ts exited with ${code}`)),
		);
	});
}

const API_KEY = 'sk-test';

/**
 * A reference server in this process serving one completed video of `bytes` (the fixture MP4,
 * its moov first, then zero padding), and the child env that downloads it.
 */
export async function largeVideoServer(bytes: number) {
	const server = await startReferenceServer({ largeVideoBytes: bytes, generationMs: 1 });
	const created = await fetch(`${server.url}/videos`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${API_KEY}`,
			'content-type': 'application/json',
			'user-agent': 'sora-bench',
		},
		body: JSON.stringify({
			prompt: 'a large video',
			model: 'sora-2',
			seconds: '4',
			size: '720x1280',
		}),
	});
	const { id } = (await created.json()) as { id: string };
	server.completeNow(id);
	const childEnv = {
		BENCH_BASE_URL: server.url,
		BENCH_VIDEO_ID: id,
		BENCH_EXPECTED_BYTES: String(bytes),
	};
	return { server, id, childEnv, url: `${server.url}/videos/${id}/content?variant=video` };
}

/** One video of `bytes` through the node vs curl, from a reference server in this process. */
export async function runMemoryCase(bytes: number): Promise<MemoryCaseResult> {
	const apiKey = API_KEY;
	const { server, childEnv, url } = await largeVideoServer(bytes);
	try {
		const before = await curl(url, apiKey);
		const node = await runChild(childEnv);
		const after = await curl(url, apiKey);
		const scratch = mkdtempSync(path.join(tmpdir(), 'sora-bench-curl-'));
		let curlToFile: CurlResult;
		try {
			curlToFile = await curl(url, apiKey, path.join(scratch, 'video.mp4'));
		} finally {
			rmSync(scratch, { recursive: true, force: true });
		}
		for (const run of [before, after, curlToFile])
			if (run.bytes !== bytes) throw new Error(`curl got ${run.bytes} bytes, expected ${bytes}`);
		if (node.storedFileBytes !== bytes)
			throw new Error(`the node stored ${node.storedFileBytes} bytes, expected ${bytes}`);
		const reference = Math.max(before.mibPerSecond, after.mibPerSecond);
		return {
			node,
			curl: [before, after],
			curlToFile,
			throughputRatio: node.mibPerSecond / reference,
			throughputRatioToFile: node.mibPerSecond / curlToFile.mibPerSecond,
		};
	} finally {
		await server.close();
	}
}
