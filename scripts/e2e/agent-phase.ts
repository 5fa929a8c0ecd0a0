/**
 * Issue 15 in real n8n 2.x: the Sora node as an AI Agent's tool, and example 4's loop (Create →
 * Wait → Get routed by status → back to Wait) without holding a worker. One fresh instance, a
 * reference server and the fake chat-completions server (test/fake-llm) in this process, on loopback:
 *   1. `n8n execute` of example 4 with a 1 s Wait and a 5 s render: Check Status loops through
 *      Still Generating, then Completed → Download MP4;
 *   2. `n8n start` with example 4 (webhook-started, Wait 66 s) and the agent workflow active:
 *      /types/nodes.json lists CUSTOM.soraTool; the agent's answer names the video the reference
 *      server created once, with the prompt of the model's tool call; example 4's execution goes to
 *      "waiting" (saved with waitTill, the worker free) and resumes to success;
 *   3. screenshots of the agent's execution and of the loop in the editor (docs/).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ReferenceServer, startReferenceServer } from '../../test/server';
import { type FakeLlm, startFakeLlm } from '../../test/fake-llm';
import { looksLikeMp4, readBinary } from './binary';
import { CREDENTIAL, WORKFLOWS_DIR } from './cases';
import { Checks } from './checks';
import { type ExecutionSummary, executionData, listExecutions } from './executions';
import { GATEWAY_CREDENTIAL, loadExamples, shortWait } from './examples';
import {
	CUSTOM_PREFIX,
	type N8nInstance,
	activateWorkflows,
	createInstance,
	execute,
	importCredentials,
	importWorkflows,
	login,
	setupOwner,
	startServer,
} from './n8n';
import { REPO_ROOT } from './pack';
import { LOOPBACK, freePort } from './ports';
import { seconds, stopChild } from './proc';
import type { N8nRuntime } from './provision';
import { screenshotAgentRun } from './agent-screens';

const API_KEY = 'sk-e2e-agent';
const EXAMPLE = '04-long-videos-without-holding-a-worker.json';
/** The prompt the fake model puts into its call of the Sora tool. */
export const TOOL_PROMPT = 'A paper boat drifting on a pond at dawn (asked by the agent)';
const LONG_WAIT_SECONDS = 66;
const FAKE_LLM_CREDENTIAL = {
	id: 'fakeLlmCredential1',
	name: 'Fake chat completions',
	type: 'openAiApi',
};

/** Example 4 asks Kling through a new-api gateway (its credential): a reference server in the newapi mode. */
const startGateway = () =>
	startReferenceServer({
		apiKey: API_KEY,
		port: 0,
		host: LOOPBACK,
		generationMs: 1500,
		mode: 'newapi',
		refreshMs: 500,
	});
const gatewayCredential = (gateway: ReferenceServer) => ({
	...GATEWAY_CREDENTIAL,
	data: { apiKey: API_KEY, baseUrl: gateway.url, authHeader: 'bearer', hostType: 'newApi' },
});

function example4() {
	const example = loadExamples().find((e) => e.file === EXAMPLE);
	if (!example) throw new Error(`examples/${EXAMPLE} is missing`);
	return example.workflow;
}

/** Example 4 for `n8n execute`: Wait 1 s, and a render of 5 s so that the loop goes round. */
function shortLoop() {
	const wf = example4();
	const nodes = wf.nodes.map((n) => {
		if (n.type === 'n8n-nodes-base.wait') return shortWait(n);
		if (n.name === 'Start Video')
			return { ...n, parameters: { ...n.parameters, prompt: `${n.parameters.prompt} [gen=5000]` } };
		return n;
	});
	return { ...wf, id: 'soraE2eLoopShort1', name: `${wf.name} (e2e, short waits)`, nodes };
}

/** Example 4 started by a webhook, with its Wait above 65 s: n8n saves the execution as waiting. */
function longLoop() {
	const wf = example4();
	const nodes = wf.nodes.map((n) => {
		if (n.type === 'n8n-nodes-base.manualTrigger') {
			return {
				...n,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: 'b4e2e000-0000-4000-8000-0000000000bb',
				parameters: {
					httpMethod: 'POST',
					path: 'sora-loop',
					responseMode: 'onReceived',
					options: {},
				},
			};
		}
		return n.type === 'n8n-nodes-base.wait' ? shortWait(n, LONG_WAIT_SECONDS) : n;
	});
	return {
		...wf,
		id: 'soraE2eLoopLong1',
		name: `${wf.name} (e2e, wait ${LONG_WAIT_SECONDS} s)`,
		nodes,
	};
}

function agentWorkflow() {
	return JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, 'agent-tool.json'), 'utf8'));
}

const runsOf = (run: any, node: string): any[] =>
	run?.data?.resultData?.runData?.[node] ?? run?.resultData?.runData?.[node] ?? [];

/** Every run of Check Status put completed videos on output 0 and the others on output 1; the last one completed. */
function checkLoop(checks: Checks, run: any, label: string, userFolder: string) {
	const rounds = runsOf(run, 'Check Status');
	const routed = rounds.map((r) =>
		(r.data?.main ?? []).map((items: any[] | null) => (items ?? []).map((i) => i.json?.status)),
	);
	checks.that(
		rounds.length >= 1,
		`${label}: Check Status ran ${rounds.length} time(s): ${JSON.stringify(routed)}`,
	);
	checks.that(
		routed.every(
			(outputs: string[][]) =>
				(outputs[0] ?? []).every((s) => s === 'completed') &&
				(outputs[1] ?? []).every((s) => s !== 'completed'),
		),
		`${label}: Completed got only completed videos, Still Generating only the others`,
		routed,
	);
	const download = runsOf(run, 'Download MP4')[0]?.data?.main?.[0]?.[0];
	const bin = download?.binary?.data;
	const bytes = bin ? readBinary(userFolder, bin) : undefined;
	checks.that(
		bytes && looksLikeMp4(bytes),
		`${label}: Download MP4 output the MP4 of ${download?.json?.id} (${bytes?.length ?? 0} bytes)`,
		download,
	);
	return rounds.length;
}

/** POSTs to a production webhook, again while n8n answers 404 (it may register active webhooks after /rest/settings answers). */
async function post(
	url: string,
	body: unknown,
	timeoutMs = 60_000,
): Promise<{ status: number; text: string }> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const answer = { status: res.status, text: await res.text() };
		if (answer.status !== 404 || Date.now() > deadline) return answer;
		await new Promise((r) => setTimeout(r, 1000));
	}
}

async function checkToolListed(checks: Checks, baseUrl: string, cookie: string) {
	const types = (await (
		await fetch(`${baseUrl}/types/nodes.json`, { headers: { cookie } })
	).json()) as any[];
	const tool = types.find((t) => t.name === `${CUSTOM_PREFIX}.soraTool`);
	checks.that(tool, `/types/nodes.json lists ${CUSTOM_PREFIX}.soraTool (the node as an AI tool)`);
	checks.that(
		JSON.stringify(tool?.outputs) === JSON.stringify(['ai_tool']),
		`${CUSTOM_PREFIX}.soraTool outputs ai_tool`,
		tool?.outputs,
	);
}

async function checkAgent(checks: Checks, n8nUrl: string, server: ReferenceServer, llm: FakeLlm) {
	const t = Date.now();
	const answer = await post(`${n8nUrl}/webhook/sora-agent`, {
		request: 'Make a four second video of a paper boat on a pond and tell me its id.',
	});
	checks.equal(answer.status, 200, `POST /webhook/sora-agent (${seconds(t)})`);
	// The agent asks the OpenAI-compatible server (example 4 asks the new-api gateway): its create has the model's prompt.
	const creates = server.requests.filter(
		(r) =>
			r.method === 'POST' &&
			/\/videos$/.test(r.path) &&
			(r.json as { prompt?: string })?.prompt === TOOL_PROMPT,
	);
	checks.equal(
		creates.length,
		1,
		"the reference server saw one create with the prompt of the model's tool call",
	);
	const videoId = /video_[A-Za-z0-9_-]+/.exec(answer.text)?.[0];
	const video = videoId
		? ((await (
				await fetch(`${server.url}/videos/${videoId}`, {
					headers: { authorization: `Bearer ${API_KEY}` },
				})
			).json()) as { prompt?: string; status?: string })
		: undefined;
	checks.that(
		videoId && video?.prompt === TOOL_PROMPT,
		`the agent's answer names that video (${videoId}, ${video?.status}): ${answer.text.slice(0, 200)}`,
		video,
	);
	checks.that(
		videoId && !server.requests.some((r) => r.path.includes(`${videoId}/content`)),
		'as a tool the node downloaded nothing',
	);
	const toolResult = llm.requests
		.flatMap((r) => r.body?.messages ?? [])
		.find((m: any) => m.role === 'tool');
	const text =
		typeof toolResult?.content === 'string'
			? toolResult.content
			: JSON.stringify(toolResult?.content ?? '');
	checks.that(
		/"status":\s*"completed"/.test(text) && /contentUrl/.test(text),
		'the tool answered the model with the status and a content URL',
		text.slice(0, 400),
	);
	checks.equal(
		llm.requests.filter((r) => /chat\/completions$/.test(r.path)).length,
		2,
		'the model was asked twice (tool call, then the final answer)',
	);
}

/** Example 4 with a 66 s Wait: "waiting" with waitTill (in n8n's database, read through its REST API), then success. */
async function checkLongWait(
	checks: Checks,
	runtime: N8nRuntime,
	n8nUrl: string,
	cookie: string,
	workflowId: string,
	userFolder: string,
) {
	const t = Date.now();
	const started = await post(`${n8nUrl}/webhook/sora-loop`, {});
	checks.equal(started.status, 200, 'POST /webhook/sora-loop answers at once');
	let waiting: ExecutionSummary | undefined;
	let last: ExecutionSummary | undefined;
	const deadline = Date.now() + (LONG_WAIT_SECONDS + 90) * 1000;
	while (Date.now() < deadline) {
		[last] = await listExecutions(n8nUrl, cookie, workflowId);
		if (last?.status === 'waiting') waiting ??= last;
		if (last && ['success', 'error', 'crashed', 'canceled'].includes(last.status)) break;
		await new Promise((r) => setTimeout(r, 2000));
	}
	checks.that(
		waiting,
		`the execution went to "waiting" (waitTill ${(waiting as any)?.waitTill ?? '?'})`,
		last,
	);
	checks.equal(
		last?.status,
		'success',
		`the execution resumed after the wait and succeeded (${seconds(t)})`,
	);
	if (last)
		checkLoop(
			checks,
			await executionData(runtime, n8nUrl, cookie, last.id),
			'wait 66 s',
			userFolder,
		);
}

async function checkShortLoop(
	runtime: N8nRuntime,
	inst: N8nInstance,
	workflowId: string,
): Promise<Checks> {
	const loop = new Checks(`${runtime.version} examples/${EXAMPLE} (n8n execute, Wait 1 s)`);
	await loop.step('short waits', async () => {
		const te = Date.now();
		const result = await execute(inst, workflowId);
		loop.equal(result.exitCode, 0, `n8n execute exit code (${seconds(te)})`);
		if (
			!loop.that(
				result.run,
				'n8n printed the run JSON',
				(result.stderr || result.stdout).slice(-1500),
			)
		)
			return;
		const rounds = checkLoop(loop, result.run, 'wait 1 s', inst.userFolder);
		loop.that(
			rounds >= 2,
			`the loop went round: Still Generating → Wait → Check Status again (${rounds} checks for a 5 s render)`,
		);
	});
	return loop;
}

/** n8n 1.x: Route by Status's outputs and example 4's loop with short waits (`n8n execute`). */
export async function runExample4LoopPhase(
	runtime: N8nRuntime,
	customDir: string,
): Promise<Checks[]> {
	const gateway = await startGateway();
	try {
		const inst = createInstance(runtime, customDir);
		await importCredentials(inst, [gatewayCredential(gateway)]);
		const short = shortLoop();
		await importWorkflows(inst, [short]);
		return [await checkShortLoop(runtime, inst, short.id)];
	} finally {
		await gateway.close();
	}
}

export async function runAgentPhase(
	runtime: N8nRuntime,
	customDir: string,
	artifacts: string,
	opts: { browser: boolean },
): Promise<Checks[]> {
	const t = Date.now();
	const setup = new Checks(`${runtime.version} agent tool and long-video loop`);
	const results: Checks[] = [setup];
	const server = await startReferenceServer({
		apiKey: API_KEY,
		port: 0,
		host: LOOPBACK,
		generationMs: 1500,
	});
	const gateway = await startGateway();
	const llm = await startFakeLlm({ toolPrompt: TOOL_PROMPT });
	let n8n: Awaited<ReturnType<typeof startServer>> | undefined;
	try {
		const inst = createInstance(runtime, customDir);
		await importCredentials(inst, [
			{ ...CREDENTIAL, data: { apiKey: API_KEY, baseUrl: server.url, authHeader: 'bearer' } },
			gatewayCredential(gateway),
			{ ...FAKE_LLM_CREDENTIAL, data: { apiKey: 'sk-fake-llm', url: llm.url } },
		]);
		const short = shortLoop();
		const long = longLoop();
		const agent = agentWorkflow();
		await importWorkflows(inst, [short, long, agent]);

		results.push(await checkShortLoop(runtime, inst, short.id));

		await activateWorkflows(inst, [long.id, agent.id]);
		n8n = await startServer(inst, await freePort());
		await setupOwner(n8n.url);
		const cookie = await login(n8n.url);
		setup.that(true, `n8n started (log ${inst.logFile})`);

		const longChecks = new Checks(
			`${runtime.version} examples/${EXAMPLE} (n8n start, Wait ${LONG_WAIT_SECONDS} s)`,
		);
		results.push(longChecks);
		const longRun = longChecks.step('long wait', () =>
			checkLongWait(longChecks, runtime, n8n!.url, cookie, long.id, inst.userFolder),
		);

		const agentChecks = new Checks(`${runtime.version} AI Agent with the Sora tool`);
		results.push(agentChecks);
		await agentChecks.step('tool listed', () => checkToolListed(agentChecks, n8n!.url, cookie));
		await agentChecks.step('agent', () => checkAgent(agentChecks, n8n!.url, server, llm));
		if (opts.browser) {
			await agentChecks.step('screenshots', async () => {
				const [execution] = await listExecutions(n8n!.url, cookie, agent.id);
				const shots = await screenshotAgentRun(
					n8n!.url,
					{ agent: agent.id, execution: execution?.id, loop: long.id },
					path.join(REPO_ROOT, 'docs'),
					artifacts,
				);
				agentChecks.that(
					shots.length > 0,
					`screenshots: ${shots.map((s) => path.relative(REPO_ROOT, s)).join(', ')}`,
				);
			});
		}
		await longRun;
	} catch (e) {
		setup.that(false, `agent phase: ${(e as Error).message}`);
	} finally {
		await stopChild(n8n?.child);
		await llm.close();
		await server.close();
		await gateway.close();
	}
	console.log(`[e2e] ${runtime.label}: agent phase done in ${seconds(t)}`);
	return results;
}
