/**
 * npm run test:e2e — the packed package in real n8n.
 *   1. provision n8n 2.x (Node 24) and 1.x (Node 20) into the cache (skipped when done)
 *   2. build, pack, check the tarball (conformance), install it into a custom-extensions folder
 *   3. start the reference server; for each n8n: fresh user folder, import the credential and the
 *      workflows, execute each e2e workflow, check its output
 *   4. `n8n start` with the e2e trigger and the webhook examples active: signed, forged and repeated
 *      deliveries, the examples' webhooks; the editor test in n8n 2.x (playwright-core + chromium); the
 *      new user's first try (discover.ts: node creator search, Create, Binary view, ffprobe) in 2.x and 1.123
 *   5. n8n 2.x in queue mode: Postgres, Redis, main, two workers, two webhook processors (queue/phase.ts)
 *   6. the reference server's host modes (new-api, OpenRouter, LaoZhang) in 2.x and 1.123.x (hosts-phase.ts)
 *   7. the posting examples (Telegram, Discord, S3 → Instagram, TikTok, YouTube) against loopback
 *      stand-ins of the platforms in 2.x and 1.123.x (platforms-phase.ts)
 *   8. the model families: every host x family pair of models.md, asked → the MP4 measured with ffprobe, a
 *      field the pair cannot take refused with no POST, in 2.x and 1.123.x (models-phase.ts)
 * n8n versions: 2.x, 1.123.x and the oldest 1.x the package loads on (provision.ts).
 * Env: SORA_E2E_ONLY=2|1 runs one major; SORA_E2E_SKIP_EDITOR=1 skips the browser tests;
 * SORA_E2E_SKIP_QUEUE=1 skips the queue-mode phase (npm run test:e2e:queue runs it alone);
 * SORA_E2E_HOSTS_ONLY=1 runs only the host-modes phase (hosts-phase.ts, in 2.x and 1.123.x; also skips queue mode);
 * SORA_E2E_PLATFORMS_ONLY=1 runs only the posting examples' phase (platforms-phase.ts, in 2.x and 1.123.x; also skips queue mode);
 * SORA_E2E_MODELS_ONLY=1 runs only the models phase (models-phase.ts, in 2.x and 1.123.x; also skips queue mode);
 * SORA_E2E_DECOYS=1 holds 5678-5680 for the whole run (as another n8n would): every port must be chosen free.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runAgentPhase, runExample4LoopPhase } from './agent-phase';
import { type Checks, printSummary } from './checks';
import { runCliPhase } from './cli-phase';
import { checkConformance } from './conformance';
import { startDecoys } from './decoys';
import { ensureFfmpeg } from './media';
import { REPO_ROOT, buildAndPack, installIntoCustomExtensions, resolvesOnlyThroughN8n } from './pack';
import { removeTempDirs, seconds, tempRoot } from './proc';
import { type N8nRuntime, provision } from './provision';
import { startReferenceServer } from './reference-server';
import { runHostsPhase } from './hosts-phase';
import { runLoopPhase } from './loop-phase';
import { runPlatformsPhase } from './platforms-phase';
import { runModelsPhase } from './models-phase';
import { runQueuePhase } from './queue/phase';
import { runServerPhase } from './server-phase';

export const ARTIFACTS = path.join(REPO_ROOT, 'artifacts');

async function main(): Promise<number> {
	const t = Date.now();
	mkdirSync(ARTIFACTS, { recursive: true });
	const logFile = path.join(ARTIFACTS, 'e2e.log');
	const only = process.env.SORA_E2E_ONLY;
	const platformsOnly = Boolean(process.env.SORA_E2E_PLATFORMS_ONLY);
	const modelsOnly = Boolean(process.env.SORA_E2E_MODELS_ONLY);
	const hostsOnly = Boolean(process.env.SORA_E2E_HOSTS_ONLY) || platformsOnly || modelsOnly;
	const results: { title: string; checks: Checks[] }[] = [];
	const decoys = process.env.SORA_E2E_DECOYS ? await startDecoys() : undefined;
	if (decoys) console.log(`[e2e] decoy listeners on ${decoys.ports.join(', ') || '(none free)'}: n8n must not need them`);

	const provisioned = await provision(undefined, { n8n1: only !== '2' });
	// The reference server makes each video's MP4 at its size and length with ffmpeg; the e2e reads files with ffprobe.
	if (!(await ensureFfmpeg((m) => console.log(`[e2e] ${m}`)))) throw new Error('ffmpeg/ffprobe missing and apt-get could not install them');
	console.log(`[e2e] provisioned (${seconds(t)}); building and packing`);
	const packed = await buildAndPack(logFile);
	console.log(`[e2e] packed ${packed.tarball}`);

	const conformance = await checkConformance(packed);
	results.push({ title: 'package conformance', checks: [conformance] });

	const customDir = await installIntoCustomExtensions(packed.tarball, logFile);
	conformance.that(resolvesOnlyThroughN8n(customDir), 'no n8n-workflow next to the installed package (n8n supplies its own)');

	const server = await startReferenceServer({ logFile: path.join(ARTIFACTS, 'reference-server.log') });
	console.log(`[e2e] reference server ${server.baseUrl}`);
	try {
		const runtimes = [provisioned.n8n2, provisioned.n8n1, provisioned.n8n1Oldest].filter(
			(r, i, all): r is N8nRuntime =>
				r !== undefined && (!only || r.version.startsWith(`${only}.`)) && all.findIndex((o) => o?.version === r.version) === i,
		);
		for (const runtime of runtimes) {
			if (hostsOnly && runtime !== provisioned.n8n2 && runtime !== provisioned.n8n1) continue;
			const checks: Checks[] = [];
			if (!hostsOnly) {
				checks.push(...(await runCliPhase(runtime, customDir, server)));
				const browser = !process.env.SORA_E2E_SKIP_EDITOR;
				const editor = browser && runtime === provisioned.n8n2;
				const discover = browser && (runtime === provisioned.n8n2 || runtime === provisioned.n8n1);
				checks.push(...(await runServerPhase(runtime, customDir, ARTIFACTS, { editor, discover })));
			}
			const current = runtime === provisioned.n8n2 || runtime === provisioned.n8n1;
			const onlyOne = process.env.SORA_E2E_HOSTS_ONLY || platformsOnly || modelsOnly;
			if (current && (!onlyOne || process.env.SORA_E2E_HOSTS_ONLY)) checks.push(...(await runHostsPhase(runtime, customDir)));
			if (current && (!onlyOne || platformsOnly)) checks.push(...(await runPlatformsPhase(runtime, customDir)));
			if (current && (!onlyOne || modelsOnly)) checks.push(...(await runModelsPhase(runtime, customDir)));
			if (!hostsOnly && (runtime === provisioned.n8n2 || runtime === provisioned.n8n1)) checks.push(...(await runLoopPhase(runtime, customDir)));
			if (runtime === provisioned.n8n2 && !hostsOnly) {
				checks.push(...(await runAgentPhase(runtime, customDir, ARTIFACTS, { browser: !process.env.SORA_E2E_SKIP_EDITOR })));
			} else if (runtime === provisioned.n8n1 && !hostsOnly) checks.push(...(await runExample4LoopPhase(runtime, customDir)));
			results.push({ title: runtime.label, checks });
		}
		if (only !== '1' && !hostsOnly && !process.env.SORA_E2E_SKIP_QUEUE) {
			const tq = Date.now();
			const checks = await runQueuePhase(provisioned.n8n2, customDir, ARTIFACTS);
			results.push({ title: `${provisioned.n8n2.label} queue mode`, checks });
			console.log(`[e2e] queue-mode phase done (${seconds(tq)})`);
		}
	} finally {
		await server.stop();
		await decoys?.close();
	}

	let ok = true;
	for (const r of results) ok = printSummary(r.title, r.checks) && ok;
	const all = results.flatMap((r) => r.checks.flatMap((c) => c.results));
	const failed = all.filter((r) => !r.ok).length;
	if (ok) removeTempDirs();
	else console.log(`\n[e2e] n8n user folders and logs kept in ${tempRoot()}`);
	console.log(`\n[e2e] ${ok ? 'PASSED' : 'FAILED'} in ${seconds(t)}`);
	console.log(`e2e: ${all.length - failed} passed, ${failed} failed`);
	return ok ? 0 : 1;
}

// Exiting ends the reference server and n8n (see proc.ts).
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error('[e2e] aborted:', e);
		process.exit(1);
	},
);
