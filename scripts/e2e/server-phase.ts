/**
 * The part of the e2e that needs `n8n start`: a reference server that delivers signed webhooks to
 * the e2e trigger, n8n with the trigger workflow and the webhook examples active, then the trigger
 * checks, the examples' webhook checks, the editor test (n8n 2.x) and the new-user test (discover.ts) on
 * the same instance.
 */
import path from 'node:path';
import { CASES, credentialFor, loadWorkflow } from './cases';
import { Checks } from './checks';
import { runDiscoverTest } from './discover';
import { runEditorTest } from './editor';
import {
	gatewayCredentialFor,
	loadExamples,
	openRouterCredentialFor,
	withCallbackOrigin,
} from './examples';
import {
	activateWorkflows,
	importCredentials,
	login,
	prepareInstance,
	setupOwner,
	startServer,
} from './n8n';
import { freePort } from './ports';
import { stopChild } from './proc';
import type { N8nRuntime } from './provision';
import { startReferenceServer } from './reference-server';
import { startSink } from './sink';
import {
	checkExampleWebhooks,
	checkTrigger,
	newSigningSecret,
	startsOnWebhook,
	triggerUrl,
	waitForTrigger,
	withSink,
} from './webhooks';

export async function runServerPhase(
	runtime: N8nRuntime,
	customDir: string,
	artifacts: string,
	opts: { editor: boolean; discover: boolean },
): Promise<Checks[]> {
	const setup = new Checks(`${runtime.version} n8n start`);
	const results: Checks[] = [setup];
	const sink = await startSink();
	const port = await freePort();
	let baseUrl = `http://localhost:${port}`;
	const secret = newSigningSecret();
	const trigger = loadWorkflow('trigger.json') as unknown as { id: string; nodes: any[] };
	const referenceServer = (n8nUrl: string, serverPort?: number) =>
		startReferenceServer({
			port: serverPort,
			webhook: { url: triggerUrl(n8nUrl, trigger)!, secret },
			logFile: path.join(artifacts, `reference-server-${runtime.version}.log`),
		});
	let server = await referenceServer(baseUrl);
	// The examples that ask a model of today (Veo, Kling) name the new-api gateway credential.
	const gateway = await startReferenceServer({
		mode: 'newapi',
		refreshMs: 500,
		logFile: path.join(artifacts, `reference-gateway-${runtime.version}.log`),
	});
	// Example 2 asks OpenRouter, which calls the Create's Callback URL (the example's Sora Trigger) when the job ends.
	const openRouterSecret = `or-e2e-${secret.slice(-12)}`;
	const openRouter = await startReferenceServer({
		mode: 'openrouter',
		callbackSecret: openRouterSecret,
		logFile: path.join(artifacts, `reference-openrouter-${runtime.version}.log`),
	});
	const examples = loadExamples().map((e) => ({
		...e,
		workflow: withCallbackOrigin(withSink(e.workflow, sink.url), baseUrl),
	}));
	const active = examples.filter(startsOnWebhook);
	let n8n: Awaited<ReturnType<typeof startServer>> | undefined;
	try {
		const workflows = [
			...CASES.map((c) => loadWorkflow(c.file)),
			trigger,
			...examples.map((e) => e.workflow),
		];
		const inst = await prepareInstance(
			runtime,
			customDir,
			credentialFor(server, secret),
			workflows,
		);
		// OpenRouter's first: n8n preselects the newest Sora API credential for a new node, and the
		// new-user test expects one that serves sora-2 (the gateway's, or the OpenAI-compatible one).
		await importCredentials(inst, [
			openRouterCredentialFor(openRouter, openRouterSecret),
			gatewayCredentialFor(gateway),
		]);
		await activateWorkflows(inst, [trigger.id, ...active.map((e) => e.workflow.id)]);
		n8n = await startServer(inst, port, {
			// n8n found its port taken and moves: the server's webhooks follow it (on the same port: the credential names it)
			onNewUrl: async (url) => {
				baseUrl = url;
				await server.stop();
				server = await referenceServer(url, Number(new URL(server.baseUrl).port));
			},
		});
		setup.that(
			true,
			`n8n started with ${1 + active.length} active workflows (log ${inst.logFile})`,
		);
		await setupOwner(n8n.url);
		const cookie = await login(n8n.url);
		const ctx = { inst, server, baseUrl, cookie, secret, sink, openRouter };

		const triggerChecks = new Checks(`${runtime.version} Sora Trigger`);
		results.push(triggerChecks);
		await triggerChecks.step('trigger', async () => {
			await waitForTrigger(triggerUrl(baseUrl, trigger)!, secret);
			await checkTrigger(triggerChecks, { ...ctx, workflow: trigger });
		});
		for (const example of active) {
			const checks = new Checks(`${runtime.version} examples/${example.file} (active)`);
			results.push(checks);
			await checks.step('example', () => checkExampleWebhooks(checks, ctx, example));
		}
		if (opts.editor) results.push(await runEditorTest(n8n.url, cookie, runtime.version, artifacts));
		if (opts.discover)
			results.push(await runDiscoverTest(n8n.url, cookie, runtime.version, artifacts));
	} catch (e) {
		setup.that(false, `n8n start phase: ${(e as Error).message}`);
	} finally {
		await stopChild(n8n?.child);
		await server.stop();
		await gateway.stop();
		await openRouter.stop();
		await sink.close();
	}
	return results;
}
