/**
 * npm run test:e2e — the packed package in real n8n.
 *   1. provision the n8n the chosen phases need (2.x on Node 24, 1.123.x and 1.85.x on Node 20) into the
 *      cache (skipped when done)
 *   2. build, pack, check the tarball (conformance), install it into a custom-extensions folder
 *   3. start the shared reference server; for each n8n in turn, the chosen phases that list it, in the
 *      order of the table in phases.ts (what each proves, the n8n it runs in, how to choose phases)
 * SORA_E2E_DECOYS=1 holds 5678-5680 for the whole run (as another n8n would): every port must be chosen free.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Checks, printSummary } from './checks';
import { checkConformance } from './conformance';
import { startDecoys } from './decoys';
import { ensureFfmpeg } from './media';
import {
	REPO_ROOT,
	buildAndPack,
	installIntoCustomExtensions,
	resolvesOnlyThroughN8n,
} from './pack';
import { type N8nLine, chosenLines, chosenPhases } from './phases';
import { removeTempDirs, seconds, tempRoot } from './proc';
import { type N8nRuntime, provision } from './provision';
import { startReferenceServer } from './reference-server';

export const ARTIFACTS = path.join(REPO_ROOT, 'artifacts');

async function main(): Promise<number> {
	const t = Date.now();
	mkdirSync(ARTIFACTS, { recursive: true });
	const logFile = path.join(ARTIFACTS, 'e2e.log');
	const phases = chosenPhases();
	const lines = chosenLines(phases, process.env.SORA_E2E_ONLY);
	console.log(`[e2e] phases ${phases.map((p) => p.name).join(', ')} in n8n ${lines.join(', ')}`);
	const results: { title: string; checks: Checks[] }[] = [];
	const decoys = process.env.SORA_E2E_DECOYS ? await startDecoys() : undefined;
	if (decoys)
		console.log(
			`[e2e] decoy listeners on ${decoys.ports.join(', ') || '(none free)'}: n8n must not need them`,
		);

	const provisioned = await provision(undefined, {
		n8n1: lines.includes('1.123') || lines.includes('1.85'),
		n8n1Oldest: lines.includes('1.85'),
	});
	// The reference server makes each video's MP4 at its size and length with ffmpeg; the e2e reads files with ffprobe.
	if (!(await ensureFfmpeg((m) => console.log(`[e2e] ${m}`))))
		throw new Error('ffmpeg/ffprobe missing and apt-get could not install them');
	console.log(`[e2e] provisioned (${seconds(t)}); building and packing`);
	const packed = await buildAndPack(logFile);
	console.log(`[e2e] packed ${packed.tarball}`);

	const conformance = await checkConformance(packed);
	results.push({ title: 'package conformance', checks: [conformance] });

	const customDir = await installIntoCustomExtensions(packed.tarball, logFile);
	conformance.that(
		resolvesOnlyThroughN8n(customDir),
		'no n8n-workflow next to the installed package (n8n supplies its own)',
	);

	const server = await startReferenceServer({
		logFile: path.join(ARTIFACTS, 'reference-server.log'),
	});
	console.log(`[e2e] reference server ${server.baseUrl}`);
	try {
		const runtimes: Array<[N8nLine, N8nRuntime | undefined]> = [
			['2.x', provisioned.n8n2],
			['1.123', provisioned.n8n1],
			['1.85', provisioned.n8n1Oldest],
		];
		const browser = !process.env.SORA_E2E_SKIP_EDITOR;
		for (const [line, runtime] of runtimes) {
			if (!runtime || !lines.includes(line)) continue;
			if (line === '1.85' && runtime.version === provisioned.n8n1?.version) continue; // the same n8n as 1.123's line
			for (const phase of phases.filter((p) => p.n8n.includes(line))) {
				const tp = Date.now();
				const checks = await phase.run({
					runtime,
					line,
					customDir,
					server,
					artifacts: ARTIFACTS,
					browser,
				});
				results.push({ title: `${runtime.label}: ${phase.name}`, checks });
				console.log(`[e2e] ${runtime.label}: ${phase.name} done (${seconds(tp)})`);
			}
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
