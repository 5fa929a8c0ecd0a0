/**
 * npm run test:e2e:queue — the queue-mode phase alone (npm run test:e2e runs it too, after the
 * single-process phases): provision n8n 2.x, build and pack the package, install it, run phase.ts.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { printSummary } from '../checks';
import { REPO_ROOT, buildAndPack, installIntoCustomExtensions } from '../pack';
import { removeTempDirs, seconds, tempRoot } from '../proc';
import { provision } from '../provision';
import { runQueuePhase } from './phase';

async function main(): Promise<number> {
	const t = Date.now();
	const artifacts = path.join(REPO_ROOT, 'artifacts');
	mkdirSync(artifacts, { recursive: true });
	const logFile = path.join(artifacts, 'e2e-queue.log');
	const { n8n2 } = await provision(undefined, { n8n1: false });
	const packed = await buildAndPack(logFile);
	const customDir = await installIntoCustomExtensions(packed.tarball, logFile);
	console.log(`[e2e] queue mode on ${n8n2.label} (${seconds(t)})`);
	const checks = await runQueuePhase(n8n2, customDir, artifacts);
	const ok = printSummary(`${n8n2.label} queue mode`, checks);
	const all = checks.flatMap((c) => c.results);
	if (ok) removeTempDirs();
	else console.log(`\n[e2e] temp folders kept in ${tempRoot()}; logs in artifacts/queue/`);
	console.log(`\n[e2e] queue ${ok ? 'PASSED' : 'FAILED'} in ${seconds(t)}`);
	console.log(
		`e2e queue: ${all.filter((r) => r.ok).length} passed, ${all.filter((r) => !r.ok).length} failed`,
	);
	return ok ? 0 : 1;
}

process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error('[e2e] queue aborted:', e);
		process.exit(1);
	},
);
