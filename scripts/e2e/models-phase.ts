/**
 * The model families in real n8n (issue 19, "Done when"), for one n8n: per host mode a reference server (in
 * this process, loopback, free port: its request log shows what was sent and paid for), a credential with
 * the host's Host Type, and one workflow with, per host x family pair of models.md (test/models/pairs.ts),
 *   - a Create asking for the duration, aspect ratio or resolution and first frame the pair takes: the
 *     downloaded MP4 is measured with ffprobe against what was asked (and its first frame is the image),
 *     and the node's own `asAsked` says so;
 *   - a Create asking for a field the pair cannot take: refused with a message naming it, and no POST.
 * Each workflow runs with `n8n execute`. Run alone with SORA_E2E_MODELS_ONLY=1 (2.x and 1.123.x).
 */
import type { Pair } from '../../test/models/pairs';
import { PAIRS } from '../../test/models/pairs';
import { PORTRAIT_PNG } from '../../test/server/family-jobs';
import { greyThumbnail, probeMp4, thumbnailDistance } from '../../test/server/probe-mp4';
import { type ReferenceServer, startReferenceServer } from '../../test/server';
import type { ServerMode } from '../../test/server/types';
import { readBinary } from './binary';
import { Checks, short } from './checks';
import {
	ASKED,
	REFUSED,
	modelsCredential,
	modelsWorkflow,
	modelsWorkflowId,
	refusedPrompt,
} from './models-workflows';
import {
	createInstance,
	execute,
	importCredentials,
	importWorkflows,
	nodeItems,
	type N8nInstance,
} from './n8n';
import { LOOPBACK } from './ports';
import { seconds } from './proc';
import type { N8nRuntime } from './provision';

const API_KEY = 'sk-e2e-models';

export async function runModelsPhase(
	runtime: N8nRuntime,
	customDir: string,
	pairs: Pair[] = PAIRS,
): Promise<Checks[]> {
	const t = Date.now();
	const setup = new Checks(`${runtime.version} models`);
	const results: Checks[] = [setup];
	const modes = [...new Set(pairs.map((pair) => pair.mode))];
	const servers = new Map<ServerMode, ReferenceServer>();
	try {
		for (const mode of modes) {
			servers.set(
				mode,
				await startReferenceServer({
					mode,
					apiKey: API_KEY,
					port: 0,
					host: LOOPBACK,
					generationMs: 1500,
					refreshMs: 200,
				}),
			);
		}
		const credentials = modes.map((mode) =>
			modelsCredential(
				mode,
				pairs.find((pair) => pair.mode === mode)!.hostType,
				servers.get(mode)!.url,
				API_KEY,
			),
		);
		const workflows = modes.map((mode, index) =>
			modelsWorkflow(
				mode,
				pairs.filter((pair) => pair.mode === mode),
				index,
			),
		);
		const inst = createInstance(runtime, customDir);
		await importCredentials(inst, credentials);
		await importWorkflows(inst, workflows);
		for (const mode of modes) {
			const checks = new Checks(`${runtime.version} models through ${mode}`);
			results.push(checks);
			const server = servers.get(mode)!;
			const te = Date.now();
			const result = await execute(inst, modelsWorkflowId(mode));
			checks.equal(
				result.exitCode,
				0,
				`n8n execute of the ${mode} workflow: exit code (${seconds(te)})`,
			);
			if (
				!checks.that(
					result.run,
					'n8n printed the run JSON',
					(result.stderr || result.stdout).slice(-1500),
				)
			)
				continue;
			for (const pair of pairs.filter((entry) => entry.mode === mode)) {
				await checks.step(ASKED(pair), () => checkAsked(checks, pair, result.run, server, inst));
				await checks.step(REFUSED(pair), () => checkRefused(checks, pair, result.run, server));
			}
			checks.that(
				server.contractViolations.length === 0,
				`reference server (${mode}): no dialect violations`,
				server.contractViolations,
			);
		}
	} catch (e) {
		setup.that(false, `models phase: ${(e as Error).message}`);
	} finally {
		await Promise.all([...servers.values()].map((server) => server.close()));
	}
	console.log(`[e2e] ${runtime.label}: models phase done in ${seconds(t)}`);
	return results;
}

async function checkAsked(
	checks: Checks,
	pair: Pair,
	run: unknown,
	server: ReferenceServer,
	inst: N8nInstance,
): Promise<void> {
	const name = ASKED(pair);
	const item = nodeItems(run, name)[0];
	if (!checks.that(item && !item.json?.error, `${name}: no error`, item?.json?.error)) return;
	const binary = item.binary?.data;
	const bytes = binary && readBinary(inst.userFolder, binary);
	if (
		!checks.that(
			bytes,
			`${name}: the MP4 was downloaded into binary "data"`,
			Object.keys(item.binary ?? {}),
		)
	)
		return;
	const probed = probeMp4(bytes!);
	const measured = `${probed.width}x${probed.height}, ${probed.durationSeconds.toFixed(1)} s`;
	const asked = `${pair.expected.width}x${pair.expected.height}, ${pair.expected.seconds} s`;
	checks.that(
		probed.width === pair.expected.width &&
			probed.height === pair.expected.height &&
			Math.abs(probed.durationSeconds - pair.expected.seconds) <= 0.5,
		`${name}: ffprobe measures ${measured} (asked ${pair.ask.duration} s ${pair.ask.aspectRatio ?? pair.ask.resolution ?? ''}: ${asked})`,
		measured,
	);
	checks.that(item.json.asAsked === true, `${name}: the node says the video is as asked`, {
		asAsked: item.json.asAsked,
		differences: item.json.differences,
	});
	if (pair.ask.firstFrame) {
		const video = [...server.videos.values()].find(
			(entry) => entry.prompt.includes(pair.model) && !entry.prompt.startsWith('e2e refused'),
		);
		checks.that(
			video?.rendered?.firstFrameReached,
			`${name}: the first frame reached the model`,
			video?.rendered?.reached,
		);
		const distance = thumbnailDistance(
			greyThumbnail(bytes!, 'video.mp4'),
			greyThumbnail(PORTRAIT_PNG, 'image.png'),
		);
		checks.that(
			distance < 12,
			`${name}: the MP4 starts with the first frame (thumbnail distance ${distance.toFixed(1)})`,
			distance,
		);
	}
}

function checkRefused(checks: Checks, pair: Pair, run: unknown, server: ReferenceServer): void {
	const name = REFUSED(pair);
	const error = String(nodeItems(run, name)[0]?.json?.error ?? '');
	checks.that(
		pair.refused.names.test(error),
		`${name}: refused naming ${short(Object.keys(pair.refused.parameters))} ("${error}")`,
		error,
	);
	const paid = server.requests.filter(
		(request) => request.method === 'POST' && promptOf(request) === refusedPrompt(pair),
	);
	checks.that(
		paid.length === 0,
		`${name}: no POST reached the host`,
		paid.map((request) => request.path),
	);
}

function promptOf(request: { json?: unknown; form?: Record<string, string> }): unknown {
	return (request.json as { prompt?: unknown } | undefined)?.prompt ?? request.form?.prompt;
}
