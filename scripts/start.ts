/**
 * npm start — try the node in real n8n with one command:
 * provisions n8n 2.x (cached), builds and installs the packed package, starts the reference server,
 * starts n8n's editor on http://localhost:5678 with a credential for that server, the e2e workflow
 * and the examples imported (webhook examples active), creates the owner account, and prints how to
 * sign in and what to click. Ctrl+C stops everything.
 * Env: N8N_PORT (5678), SORA_SERVER_PORT (5680), SORA_SERVER_GENERATION_MS (8000).
 */
import { CREDENTIAL, credentialFor, loadWorkflow } from './e2e/cases';
import { loadExamples } from './e2e/examples';
import { DEFAULT_OWNER, type Server, activateWorkflows, assertPortFree, prepareInstance, setupOwner, startServer } from './e2e/n8n';
import { buildAndPack, installIntoCustomExtensions } from './e2e/pack';
import { removeTempDirs, stopChild } from './e2e/proc';
import { provision } from './e2e/provision';
import { type RunningServer, startReferenceServer } from './e2e/reference-server';
import { type Sink, startSink } from './e2e/sink';
import { newSigningSecret, startsOnWebhook, triggerUrl, withSink } from './e2e/webhooks';

let api: RunningServer | undefined;
let n8n: Server | undefined;
let sink: Sink | undefined;

async function stopAll(code: number) {
	console.log('\n[start] stopping n8n and the reference server');
	await stopChild(n8n?.child);
	await api?.stop();
	await sink?.close();
	removeTempDirs(); // every start is a fresh instance: nothing in it is used again
	process.exit(code);
}

async function main() {
	const n8nPort = Number(process.env.N8N_PORT ?? 5678);
	const n8nUrl = `http://localhost:${n8nPort}`;
	await assertPortFree(n8nPort);
	const { n8n2 } = await provision(undefined, { n8n1: false });
	console.log('[start] building and packing the package');
	const packed = await buildAndPack();
	const customDir = await installIntoCustomExtensions(packed.tarball);
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));
	process.on('SIGHUP', () => void stopAll(0));

	// Uploads of the examples (to a made-up social network) land here instead, and are printed.
	sink = await startSink();
	const uploads = sink.requests;
	setInterval(() => {
		for (const r of uploads.splice(0)) console.log(`[upload stand-in] ${r.method} ${r.url.pathname}${r.url.search}: ${r.body.length} bytes ${r.contentType}`);
	}, 500).unref();

	const examples = loadExamples().map((e) => ({ ...e, workflow: withSink(e.workflow, sink!.url) }));
	const active = examples.filter(startsOnWebhook);
	const withTrigger = active.find((e) => triggerUrl(n8nUrl, e.workflow));
	const secret = newSigningSecret();
	api = await startReferenceServer({
		port: Number(process.env.SORA_SERVER_PORT ?? 5680),
		generationMs: Number(process.env.SORA_SERVER_GENERATION_MS ?? 8000),
		webhook: withTrigger ? { url: triggerUrl(n8nUrl, withTrigger.workflow)!, secret } : undefined,
	});
	console.log(`[start] reference server (Videos API) at ${api.baseUrl}`);

	const firstSteps = loadWorkflow('video-flow.json');
	const inst = await prepareInstance(n8n2, customDir, credentialFor(api, secret), [firstSteps, ...examples.map((e) => e.workflow)]);
	await activateWorkflows(inst, active.map((e) => e.workflow.id));
	console.log(`[start] starting ${n8n2.label} (user folder ${inst.userFolder}, log ${inst.logFile})`);
	n8n = await startServer(inst, n8nPort);
	await setupOwner(n8n.url);
	console.log(instructions(n8n.url, api.baseUrl, firstSteps.name, active));
	await new Promise(() => {});
}

function instructions(url: string, apiUrl: string, firstSteps: string, active: ReturnType<typeof loadExamples>): string {
	const lines = [
		'',
		`  n8n is running: ${url}`,
		`  Sign in with   ${DEFAULT_OWNER.email}  /  ${DEFAULT_OWNER.password}`,
		'',
		`  The credential "${CREDENTIAL.name}" points at the reference server ${apiUrl}, which makes`,
		'  short placeholder videos instead of calling a real provider (about 8 s each).',
		'',
		`  1. Open the workflow "${firstSteps}" and click "Execute workflow".`,
		'     Double-click the Create node: its output has the MP4 under "Binary"; the other nodes show Get, List, Delete.',
		'  2. Double-click any Sora node to see its parameters. Put "[fail]" in a prompt to see a failed',
		'     generation, "[gen=20000]" to make one take 20 s.',
	];
	for (const example of active) {
		lines.push(`  •  "${example.workflow.name}" is active:`);
		const answersFile = example.workflow.nodes.some((n) => n.type === 'n8n-nodes-base.respondToWebhook' && n.parameters?.respondWith === 'binary');
		for (const node of example.workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook')) {
			lines.push(
				`     curl -X ${node.parameters.httpMethod ?? 'GET'} ${url}/webhook/${node.parameters.path} -H 'content-type: application/json' \\`,
				`       -d '{"prompt": "A paper boat drifting on a pond at dawn"}'${answersFile ? ' --output video.mp4' : ''}`,
			);
		}
		if (triggerUrl(url, example.workflow)) {
			lines.push('     The reference server sends its signed "video completed" webhooks to this workflow\'s Sora Trigger;');
			lines.push('     the upload it makes is printed here as [upload stand-in].');
		}
	}
	lines.push(
		'',
		'  See the runs under Overview → Executions. Ctrl+C stops n8n and the reference server.',
		'  Every npm start makes a fresh n8n: export workflows you want to keep (… → Download).',
		'',
	);
	return lines.join('\n');
}

main().catch((e) => {
	console.error('[start] failed:', e);
	void stopAll(1);
});
