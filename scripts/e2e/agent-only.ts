/** The agent phase alone (n8n 2.x): `npx ts-node --transpile-only scripts/e2e/agent-only.ts` (SORA_E2E_SKIP_EDITOR=1: no screenshots; SORA_E2E_LOOP_1X=1: example 4's short loop in n8n 1.x instead). */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { provision } from './provision';
import { buildAndPack, installIntoCustomExtensions, REPO_ROOT } from './pack';
import { runAgentPhase, runExample4LoopPhase } from './agent-phase';
import { printSummary } from './checks';
(async () => {
	const artifacts = path.join(REPO_ROOT, 'artifacts');
	mkdirSync(artifacts, { recursive: true });
	const p = await provision(undefined, { n8n1: Boolean(process.env.SORA_E2E_LOOP_1X) });
	const packed = await buildAndPack(path.join(artifacts, 'e2e-agent.log'));
	const customDir = await installIntoCustomExtensions(
		packed.tarball,
		path.join(artifacts, 'e2e-agent.log'),
	);
	const checks = process.env.SORA_E2E_LOOP_1X
		? await runExample4LoopPhase(p.n8n1!, customDir)
		: await runAgentPhase(p.n8n2, customDir, artifacts, {
				browser: !process.env.SORA_E2E_SKIP_EDITOR,
			});
	const ok = printSummary('agent phase', checks);
	process.exit(ok ? 0 : 1);
})().catch((e) => {
	console.error(e);
	process.exit(1);
});
