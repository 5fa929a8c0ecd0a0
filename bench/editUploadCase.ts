import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { EditUploadResult } from './editUpload';

export interface EditUploadCaseResult extends EditUploadResult {
	/** Bytes of each upload body the host received (multipart, so a little over the file). */
	receivedBodyBytes: number[];
	targetGrowthMiB: number;
	growthOk: boolean;
}

/**
 * A host that takes Edit uploads and only counts them (its memory is not the node's), answering
 * each with a queued video; the node runs in a child process (bench/editUpload.ts).
 */
export async function runEditUploadCase(
	items: number,
	fileBytes: number,
	targetGrowthMiB: number,
): Promise<EditUploadCaseResult> {
	const received: number[] = [];
	let next = 0;
	const host = createServer((req, res) => {
		let bytes = 0;
		const hash = createHash('sha256');
		req.on('data', (chunk: Buffer) => {
			bytes += chunk.length;
			hash.update(chunk);
		});
		req.on('end', () => {
			received.push(bytes);
			const video = {
				id: `video_edit_${++next}`,
				object: 'video',
				model: 'sora-2',
				status: 'queued',
				progress: 0,
				created_at: Math.floor(Date.now() / 1000),
				prompt: 'add snow',
				size: '720x1280',
				seconds: '4',
			};
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(video));
		});
	});
	await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/v1`;
	try {
		const result = await new Promise<EditUploadResult>((resolve, reject) => {
			let answer: EditUploadResult | undefined;
			const env: NodeJS.ProcessEnv = {
				...process.env,
				BENCH_BASE_URL: baseUrl,
				BENCH_ITEMS: String(items),
				BENCH_FILE_BYTES: String(fileBytes),
				TS_NODE_TRANSPILE_ONLY: 'true',
				TS_NODE_PREFER_TS_EXTS: 'true',
			};
			delete env.SORA_HARNESS_USER_FOLDER;
			delete env.N8N_USER_FOLDER;
			const child = fork(path.join(__dirname, 'editUpload.ts'), [], {
				env,
				execArgv: ['--expose-gc', '-r', 'ts-node/register'],
				stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			});
			child.on('message', (message) => (answer = message as EditUploadResult));
			child.on('error', reject);
			child.on('exit', (code) =>
				answer ? resolve(answer) : reject(new Error(`bench/editUpload.ts exited with ${code}`)),
			);
		});
		return {
			...result,
			receivedBodyBytes: received,
			targetGrowthMiB,
			growthOk: result.peakRssGrowthMiB < targetGrowthMiB,
		};
	} finally {
		host.close();
	}
}

/** npm run bench -- --only editUpload: this case alone. */
if (require.main === module) {
	runEditUploadCase(8, 200 * 1024 * 1024, 100).then(
		(result) => {
			console.log(JSON.stringify(result, null, 2));
			process.exit(0);
		},
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
