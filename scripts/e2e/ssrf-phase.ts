/**
 * Issue 26 in real n8n with its own SSRF guard on: N8N_SSRF_PROTECTION_ENABLED=true, the loopback
 * reference server allowed (N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.1/32), every other default range
 * blocked (127.0.0.0/8 among them).
 *   1. Create with wait against the allowed server: creates, waits, downloads; ffprobe measures the
 *      MP4 as asked (720x1280, 4 s).
 *   2. A LaoZhang host whose video_url names 127.0.0.2 (loopback like Base URL, so the node's own
 *      address check lets it through; outside the allowed range, so n8n's guard refuses it before
 *      connecting: no packet leaves, and the file listener there sees 0 requests): the item fails
 *      with n8n's block named, and the download is not retried.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { looksLikeMp4, readBinary } from './binary';
import { Checks, short } from './checks';
import { SORA_TYPE } from './hosts-workflows';
import { probe } from './media';
import { createInstance, execute, importCredentials, importWorkflows } from './n8n';
import { LOOPBACK } from './ports';
import { seconds } from './proc';
import type { N8nRuntime } from './provision';
import { startReferenceServer } from '../../test/server';

export const SSRF_ENV = {
	N8N_SSRF_PROTECTION_ENABLED: 'true',
	N8N_SSRF_ALLOWED_IP_RANGES: `${LOOPBACK}/32`,
};
/** A loopback address outside the allowed range: the result files' listener of the LaoZhang host. */
const BLOCKED_LOOPBACK = '127.0.0.2';
const API_KEY = 'sk-e2e-ssrf';

const credential = (id: string, name: string) => ({ id, name, type: 'soraApi' });
const OPENAI_CREDENTIAL = credential('soraE2eSsrfCred1', 'Sora account (allowed loopback host)');
const LAOZHANG_CREDENTIAL = credential('soraE2eSsrfCred2', 'Sora account (video_url on 127.0.0.2)');

function createWorkflow(
	id: string,
	cred: { id: string; name: string },
	parameters: Record<string, unknown>,
) {
	return {
		id,
		name: `Sora with n8n's SSRF guard: ${cred.name}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-start`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-sora`,
				name: 'Sora',
				type: SORA_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: {
					resource: 'video',
					operation: 'create',
					prompt: 'A paper boat on a rainy street',
					waitForCompletion: true,
					downloadVideo: true,
					waitOptions: { pollIntervalSeconds: 1 },
					...parameters,
				},
				credentials: { soraApi: { id: cred.id, name: cred.name } },
			},
		],
		connections: { Start: { main: [[{ node: 'Sora', type: 'main', index: 0 }]] } },
	};
}

const ALLOWED_WORKFLOW = 'soraE2eSsrfAllowed';
const BLOCKED_WORKFLOW = 'soraE2eSsrfBlocked';

function soraRun(run: any) {
	return run?.data?.resultData?.runData?.Sora?.[0];
}

export async function runSsrfPhase(runtime: N8nRuntime, customDir: string): Promise<Checks[]> {
	const t = Date.now();
	const checks = new Checks(
		`${runtime.version} with N8N_SSRF_PROTECTION_ENABLED=true (${SSRF_ENV.N8N_SSRF_ALLOWED_IP_RANGES} allowed)`,
	);
	const allowed = await startReferenceServer({
		apiKey: API_KEY,
		port: 0,
		host: LOOPBACK,
		generationMs: 800,
		sizedVideos: true,
	});
	const laoZhang = await startReferenceServer({
		apiKey: API_KEY,
		port: 0,
		host: LOOPBACK,
		mode: 'laozhang',
		generationMs: 800,
		refreshMs: 200,
		cdnHost: BLOCKED_LOOPBACK,
	});
	const probeDir = mkdtempSync(path.join(tmpdir(), 'sora-e2e-ssrf-'));
	try {
		const inst = createInstance(runtime, customDir, SSRF_ENV);
		await importCredentials(inst, [
			{
				...OPENAI_CREDENTIAL,
				data: { apiKey: API_KEY, baseUrl: allowed.url, authHeader: 'bearer' },
			},
			{
				...LAOZHANG_CREDENTIAL,
				data: {
					apiKey: API_KEY,
					baseUrl: laoZhang.url,
					hostType: 'laoZhang',
					authHeader: 'bearer',
				},
			},
		]);
		await importWorkflows(inst, [
			createWorkflow(ALLOWED_WORKFLOW, OPENAI_CREDENTIAL, {
				model: { __rl: true, mode: 'id', value: 'sora-2' },
				duration: 4,
				size: '720x1280',
			}),
			createWorkflow(BLOCKED_WORKFLOW, LAOZHANG_CREDENTIAL, {
				model: { __rl: true, mode: 'id', value: 'muse-video' },
				duration: 8,
				size: '',
				aspectRatio: '9:16',
			}),
		]);

		await checks.step('an allowed host: Create with wait creates, waits, downloads', async () => {
			const result = await execute(inst, ALLOWED_WORKFLOW);
			checks.equal(result.exitCode, 0, 'allowed host: n8n execute exit code');
			const item = soraRun(result.run)?.data?.main?.[0]?.[0];
			checks.equal(item?.json?.status, 'completed', 'allowed host: the video is completed');
			const bytes = item?.binary?.data ? readBinary(inst.userFolder, item.binary.data) : undefined;
			checks.that(
				bytes && looksLikeMp4(bytes),
				'allowed host: an MP4 on binary "data"',
				item?.binary,
			);
			if (bytes) {
				const file = path.join(probeDir, 'allowed.mp4');
				writeFileSync(file, bytes);
				const probed = probe(file);
				checks.that(
					probed.width === 720 &&
						probed.height === 1280 &&
						Math.abs(Number(probed.duration) - 4) < 0.1,
					`allowed host: ffprobe measures the MP4 as asked (720x1280, 4 s): ${probed.width}x${probed.height}, ${probed.duration} s`,
					probed,
				);
			}
			checks.equal(allowed.createCount, 1, 'allowed host: one job created');
		});

		await checks.step(`a video_url on ${BLOCKED_LOOPBACK}: n8n's block, named`, async () => {
			const result = await execute(inst, BLOCKED_WORKFLOW);
			const run = soraRun(result.run);
			const error = run?.error ?? result.run?.data?.resultData?.error;
			const text = `${error?.message ?? ''}\n${error?.description ?? ''}`;
			checks.that(result.exitCode !== 0 || error, 'blocked URL: the run fails', result.exitCode);
			checks.equal(laoZhang.createCount, 1, 'blocked URL: the job was created once');
			checks.that(
				laoZhang.cdn.url.startsWith(`http://${BLOCKED_LOOPBACK}:`),
				`blocked URL: the host names its result files on ${BLOCKED_LOOPBACK}`,
				laoZhang.cdn.url,
			);
			checks.that(
				text.includes(`n8n's SSRF protection blocked ${BLOCKED_LOOPBACK}`),
				"blocked URL: the error names n8n's SSRF protection and the address",
				short(text, 600),
			);
			checks.that(
				/N8N_SSRF_ALLOWED_IP_RANGES/.test(text),
				'blocked URL: the error says how to allow it (N8N_SSRF_ALLOWED_IP_RANGES)',
				short(text, 600),
			);
			checks.that(
				!/connection failed|kept failing|attempts/i.test(text),
				'blocked URL: not reported or retried as a connection failure',
				short(text, 600),
			);
			checks.equal(
				laoZhang.cdn.requests.length,
				0,
				`blocked URL: requests that reached ${BLOCKED_LOOPBACK}`,
			);
		});
		for (const [label, server] of [
			['openai', allowed],
			['laozhang', laoZhang],
		] as const)
			checks.that(
				server.contractViolations.length === 0,
				`reference server (${label}): no contract violations`,
				server.contractViolations,
			);
	} catch (e) {
		checks.that(false, `ssrf phase: ${(e as Error).message}`);
	} finally {
		rmSync(probeDir, { recursive: true, force: true });
		await allowed.close();
		await laoZhang.close();
	}
	console.log(`[e2e] ${runtime.label}: SSRF guard phase done in ${seconds(t)}`);
	return [checks];
}
