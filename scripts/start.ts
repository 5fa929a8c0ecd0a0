/**
 * npm start — try the node in real n8n with one command:
 * provisions n8n 2.x (cached), builds and installs the packed package, starts the reference server,
 * starts n8n's editor on http://localhost:5678 (loopback only) with a credential for that server, the
 * e2e workflow and the examples imported (webhook examples active), creates the owner account, and
 * prints how to sign in and what to click. Ctrl+C stops everything.
 * Ports: 5678 and 5680 when free, else free ports (said so); n8n's task broker always on a free port.
 * A second reference server in the new-api gateway mode (the models users run today: Kling, Veo, Seedance…
 * through one gateway) comes with its own credential and the workflow "Models today" (models-today.ts).
 * Env: N8N_PORT (5678; when set it must be free), SORA_SERVER_PORT (5680; same), SORA_SERVER_GENERATION_MS (8000).
 */
import { CREDENTIAL, credentialFor, loadWorkflow } from './e2e/cases';
import { gatewayCredentialFor, loadExamples } from './e2e/examples';
import {
	DEFAULT_OWNER,
	type Server,
	activateWorkflows,
	importCredentials,
	prepareInstance,
	setupOwner,
	startServer,
} from './e2e/n8n';
import { buildAndPack, installIntoCustomExtensions } from './e2e/pack';
import { ensureFfmpeg } from './e2e/media';
import { choosePort } from './e2e/ports';
import { removeTempDirs, stopChild, tempRoot } from './e2e/proc';
import { provision } from './e2e/provision';
import { type RunningServer, startReferenceServer } from './e2e/reference-server';
import { type Sink, startSink } from './e2e/sink';
import { newSigningSecret, startsOnWebhook, triggerUrl, withSink } from './e2e/webhooks';
import {
	MODELS_TODAY_CREDENTIAL,
	modelsTodayCredential,
	modelsTodayWorkflow,
} from './models-today';

let api: RunningServer | undefined;
let gateway: RunningServer | undefined;
let n8n: Server | undefined;
let sink: Sink | undefined;

async function stopAll(code: number) {
	console.log('\n[start] stopping n8n and the reference server');
	await stopChild(n8n?.child);
	await api?.stop();
	await gateway?.stop();
	await sink?.close();
	// Every start is a fresh instance: nothing in it is used again, unless it failed (its log tells why).
	if (code === 0) removeTempDirs();
	else if (tempRoot()) console.log(`[start] n8n's user folder and log kept in ${tempRoot()}`);
	process.exit(code);
}

async function main() {
	const log = (m: string) => console.log(`[start] ${m}`);
	const n8nPort = await choosePort('N8N_PORT', 5678, log);
	const n8nUrl = `http://localhost:${n8nPort}`;
	const { n8n2 } = await provision(undefined, { n8n1: false });
	// Placeholder videos of the size and length asked for need ffmpeg; without it every video is the 2 s fixture.
	if (!(await ensureFfmpeg(log)))
		log(
			'no ffmpeg: every video will be the 320x180, 2 s placeholder whatever its size and seconds',
		);
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
		for (const r of uploads.splice(0))
			console.log(
				`[upload stand-in] ${r.method} ${r.url.pathname}${r.url.search}: ${r.body.length} bytes ${r.contentType}`,
			);
	}, 500).unref();

	const examples = loadExamples().map((e) => ({ ...e, workflow: withSink(e.workflow, sink!.url) }));
	const active = examples.filter(startsOnWebhook);
	const withTrigger = active.find((e) => triggerUrl(n8nUrl, e.workflow));
	const secret = newSigningSecret();
	api = await startReferenceServer({
		port: await choosePort('SORA_SERVER_PORT', 5680, log),
		generationMs: Number(process.env.SORA_SERVER_GENERATION_MS ?? 8000),
		webhook: withTrigger ? { url: triggerUrl(n8nUrl, withTrigger.workflow)!, secret } : undefined,
	});
	console.log(`[start] reference server (Videos API) at ${api.baseUrl}`);
	gateway = await startReferenceServer({
		mode: 'newapi',
		refreshMs: 2000,
		generationMs: Number(process.env.SORA_SERVER_GENERATION_MS ?? 8000),
	});
	console.log(
		`[start] reference new-api gateway (Kling, Veo, Seedance, Hailuo, Wan, Vidu…) at ${gateway.baseUrl}`,
	);

	const firstSteps = firstStepsWorkflow();
	const modelsToday = modelsTodayWorkflow();
	const inst = await prepareInstance(n8n2, customDir, credentialFor(api, secret), [
		firstSteps,
		modelsToday,
		...examples.map((e) => e.workflow),
	]);
	// The examples that ask Veo or Kling name the gateway credential "Video gateway (New-API)".
	await importCredentials(inst, [modelsTodayCredential(gateway), gatewayCredentialFor(gateway)]);
	await activateWorkflows(
		inst,
		active.map((e) => e.workflow.id),
	);
	console.log(
		`[start] starting ${n8n2.label} (user folder ${inst.userFolder}, log ${inst.logFile})`,
	);
	n8n = await startServer(inst, n8nPort, { keepPort: true });
	await setupOwner(n8n.url);
	console.log(instructions(n8n.url, api.baseUrl, firstSteps, active));
	console.log(
		`  "${modelsToday.name}" (${n8n.url}/workflow/${modelsToday.id}) asks the new-api gateway at ${gateway.baseUrl}\n  (credential "${MODELS_TODAY_CREDENTIAL.name}") for Kling and Veo videos of a chosen length and shape: each\n  output item says what the MP4 measures and whether it is as asked.\n`,
	);
	await new Promise(() => {});
}

/** The e2e video flow, with the prompt a person would write (without the e2e's marker). */
function firstStepsWorkflow() {
	const workflow = loadWorkflow('video-flow.json') as ReturnType<typeof loadWorkflow> & {
		nodes: any[];
	};
	const nodes = workflow.nodes.map((n) =>
		typeof n.parameters?.prompt === 'string'
			? {
					...n,
					parameters: { ...n.parameters, prompt: n.parameters.prompt.replace(/^e2e: */, '') },
				}
			: n,
	);
	return { ...workflow, nodes };
}

function instructions(
	url: string,
	apiUrl: string,
	firstSteps: { id: string; name: string },
	active: ReturnType<typeof loadExamples>,
): string {
	const lines = [
		'',
		`  n8n is running. Open ${url}/workflow/${firstSteps.id}`,
		`  and sign in with   ${DEFAULT_OWNER.email}  /  ${DEFAULT_OWNER.password}`,
		'',
		`  The credential "${CREDENTIAL.name}" points at the reference server ${apiUrl}, which makes`,
		'  placeholder videos (of the size and length asked for) instead of calling a real provider (about 8 s each).',
		'',
		`  1. In the workflow "${firstSteps.name}", click "Execute workflow".`,
		'     Double-click the Create node: its output has the MP4 under "Binary"; the other nodes show Get, List, Delete.',
		'  2. Double-click any Sora node to see its parameters. Put "[fail]" in a prompt to see a failed',
		'     generation, "[gen=20000]" to make one take 20 s.',
	];
	for (const example of active) {
		lines.push(`  •  "${example.workflow.name}" is active:`);
		const answersFile = example.workflow.nodes.some(
			(n) => n.type === 'n8n-nodes-base.respondToWebhook' && n.parameters?.respondWith === 'binary',
		);
		for (const node of example.workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook')) {
			lines.push(
				`     curl -X ${node.parameters.httpMethod ?? 'GET'} ${url}/webhook/${node.parameters.path} -H 'content-type: application/json' \\`,
				`       -d '{"prompt": "A paper boat drifting on a pond at dawn"}'${answersFile ? ' --output video.mp4' : ''}`,
			);
		}
		if (triggerUrl(url, example.workflow)) {
			lines.push(
				'     The reference server sends its signed "video completed" webhooks to this workflow\'s Sora Trigger;',
			);
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
	console.error(`[start] failed: ${e instanceof Error ? e.message : String(e)}`);
	void stopAll(1);
});
