/**
 * npm start — try the node in real n8n with one command:
 * provisions n8n 2.x (cached), builds and installs the packed package, starts the reference server,
 * starts n8n's editor on http://localhost:5678 with a credential for that server and the examples
 * imported, creates the owner account, and prints how to log in and what to click. Ctrl+C stops all.
 * Env: N8N_PORT (5678), SORA_SERVER_PORT (5680), SORA_SERVER_GENERATION_MS (8000).
 */
import { CREDENTIAL, credentialFor } from './e2e/cases';
import { loadExamples } from './e2e/examples';
import { DEFAULT_OWNER, type Server, prepareInstance, setupOwner, startServer } from './e2e/n8n';
import { buildAndPack, installIntoCustomExtensions } from './e2e/pack';
import { stopChild } from './e2e/proc';
import { provision } from './e2e/provision';
import { type RunningServer, startReferenceServer } from './e2e/reference-server';

let api: RunningServer | undefined;
let n8n: Server | undefined;

async function stopAll(code: number) {
	console.log('\n[start] stopping n8n and the reference server');
	await stopChild(n8n?.child);
	await api?.stop();
	process.exit(code);
}

async function main() {
	const n8nPort = Number(process.env.N8N_PORT ?? 5678);
	const { n8n2 } = await provision(undefined, { n8n1: false });
	console.log('[start] building and packing the package');
	const packed = await buildAndPack();
	const customDir = await installIntoCustomExtensions(packed.tarball);

	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));
	process.on('SIGHUP', () => void stopAll(0));
	api = await startReferenceServer({
		port: Number(process.env.SORA_SERVER_PORT ?? 5680),
		generationMs: Number(process.env.SORA_SERVER_GENERATION_MS ?? 8000),
	});
	console.log(`[start] reference server (Videos API) at ${api.baseUrl}`);

	const examples = loadExamples();
	const inst = await prepareInstance(n8n2, customDir, credentialFor(api), examples.map((e) => e.workflow));
	console.log(`[start] starting ${n8n2.label} (user folder ${inst.userFolder}, log ${inst.logFile})`);
	n8n = await startServer(inst, n8nPort);
	await setupOwner(n8n.url);

	const lines = [
		'',
		`  n8n is running: ${n8n.url}`,
		`  Sign in with   ${DEFAULT_OWNER.email}  /  ${DEFAULT_OWNER.password}`,
		'',
		`  The credential "${CREDENTIAL.name}" (type Sora (Videos API) API) points at the reference server ${api.baseUrl},`,
		'  which makes short fake videos instead of calling a real provider.',
		'',
		examples.length
			? `  Workflows: open ${examples.map((e) => `"${e.workflow.name}"`).join(', ')} from the Overview page,`
			: '  No examples/ workflows yet: create a workflow, click "+" and search "Sora",',
		examples.length ? '  then click "Execute workflow" at the bottom of the canvas.' : `  pick the action "Generate a video", choose the credential "${CREDENTIAL.name}", and click "Execute step".`,
		'  Double-click a Sora node to see its parameters; the MP4 appears in the output panel under "Binary".',
		'  Put "[fail]" in a prompt to see a failed generation, "[gen=20000]" to make one take 20 s.',
		'',
		'  Ctrl+C stops n8n and the reference server.',
		'',
	];
	console.log(lines.join('\n'));
	await new Promise(() => {});
}

main().catch((e) => {
	console.error('[start] failed:', e);
	void stopAll(1);
});
