/**
 * The host modes in real n8n (issue 13), for one n8n: one reference server per mode (in this process,
 * on loopback free ports, so its request log can show that nothing was sent), a credential per mode
 * with the family's Host Type, and
 *   1. one `n8n execute` of the action workflow (all modes' nodes, Continue On Fail): per mode Create
 *      with wait → MP4, Get, a failing prompt, an unknown id, every operation the family lacks
 *      (hosts-checks.ts);
 *   2. `n8n start`: the credential test and Model "From List" through n8n's REST API (hosts-rest.ts),
 *      and the Sora Trigger with the host's signed and forged deliveries where the host sends any
 *      (OpenRouter; new-api and LaoZhang send none) (hosts-webhooks.ts).
 */
import { randomBytes } from 'node:crypto';
import { type ReferenceServer, startReferenceServer } from '../../test/server';
import { Checks } from './checks';
import { checkHostRun } from './hosts-checks';
import { HOST_MODE_SPECS, type HostModeSpec } from './hosts-modes';
import { checkCredentialTest, checkModelList } from './hosts-rest';
import { checkOpenRouterTrigger } from './hosts-webhooks';
import {
	ACTION_WORKFLOW_ID,
	hostActionWorkflow,
	hostCredential,
	hostTriggerWorkflow,
	triggerWorkflowId,
} from './hosts-workflows';
import {
	activateWorkflows,
	createInstance,
	execute,
	importCredentials,
	importWorkflows,
	login,
	setupOwner,
	startServer,
} from './n8n';
import { LOOPBACK, freePort } from './ports';
import { seconds, stopChild } from './proc';
import type { N8nRuntime } from './provision';
import { triggerUrl } from './webhooks';

const API_KEY = 'sk-e2e-hosts';

interface ModeSetup {
	spec: HostModeSpec;
	server: ReferenceServer;
	secret?: string;
	trigger?: ReturnType<typeof hostTriggerWorkflow>;
}

export async function runHostsPhase(
	runtime: N8nRuntime,
	customDir: string,
	specs: HostModeSpec[] = HOST_MODE_SPECS,
): Promise<Checks[]> {
	const t = Date.now();
	const setup = new Checks(`${runtime.version} host modes`);
	const results: Checks[] = [setup];
	const port = await freePort();
	const n8nUrl = `http://localhost:${port}`;
	const modes: ModeSetup[] = [];
	const took: string[] = [];
	let tStep = Date.now();
	const lap = (what: string) => {
		took.push(`${what} ${seconds(tStep)}`);
		tStep = Date.now();
	};
	let n8n: Awaited<ReturnType<typeof startServer>> | undefined;
	try {
		for (const [index, spec] of specs.entries()) {
			const trigger = spec.webhooks ? hostTriggerWorkflow(spec, index) : undefined;
			const secret = trigger ? `or-e2e-${randomBytes(12).toString('hex')}` : undefined;
			const server = await startReferenceServer({
				mode: spec.mode,
				apiKey: API_KEY,
				port: 0,
				host: LOOPBACK,
				generationMs: 1500,
				refreshMs: 200,
				...(trigger && secret ? { webhook: { url: triggerUrl(n8nUrl, trigger)!, secret } } : {}),
			});
			modes.push({ spec, server, secret, trigger });
			if (!spec.webhooks)
				console.log(
					`[e2e] ${runtime.label}: the ${spec.label} sends no webhooks (hosts.md): no Sora Trigger test in the ${spec.mode} mode`,
				);
		}
		const credentials = modes.map((m) => hostCredential(m.spec, m.server.url, API_KEY, m.secret));
		const workflows = [
			hostActionWorkflow(specs),
			...modes.flatMap((m) => (m.trigger ? [m.trigger] : [])),
		];
		const inst = createInstance(runtime, customDir);
		await importCredentials(inst, credentials);
		await importWorkflows(inst, workflows);
		lap('import');

		const run = new Checks(`${runtime.version} host modes: n8n execute`);
		results.push(run);
		const te = Date.now();
		const result = await execute(inst, ACTION_WORKFLOW_ID);
		run.equal(
			result.exitCode,
			0,
			`n8n execute of the workflow of ${modes.length} modes: exit code (${seconds(te)})`,
		);
		if (
			run.that(
				result.run,
				'n8n printed the run JSON',
				(result.stderr || result.stdout).slice(-1500),
			)
		) {
			run.that(
				!result.run.data?.resultData?.error,
				'the run has no workflow error',
				result.run.data?.resultData?.error?.message,
			);
			for (const { spec, server } of modes) {
				const checks = new Checks(`${runtime.version} ${spec.mode} mode: workflow`);
				results.push(checks);
				await checks.step('nodes', () =>
					checkHostRun(checks, spec, result.run, server, inst, API_KEY),
				);
			}
		}

		lap('execute');
		const triggers = modes.filter((m) => m.trigger);
		await activateWorkflows(
			inst,
			triggers.map((m) => m.trigger!.id),
		);
		n8n = await startServer(inst, port, {
			// n8n found its port taken and moves: the servers' webhooks follow it
			onNewUrl: (url) => {
				for (const { server, secret, trigger } of modes)
					if (trigger && secret)
						server.setOptions({ webhook: { url: triggerUrl(url, trigger)!, secret } });
			},
		});
		await setupOwner(n8n.url);
		const cookie = await login(n8n.url);
		lap('activate and n8n start');
		for (const { spec, server, secret, trigger } of modes) {
			const checks = new Checks(`${runtime.version} ${spec.mode} mode: n8n start`);
			results.push(checks);
			await checks.step('credential test', () =>
				checkCredentialTest(checks, spec, n8n!.url, cookie, server, API_KEY),
			);
			await checks.step('Model From List', () => checkModelList(checks, spec, n8n!.url, cookie));
			if (trigger && secret) {
				const ctx = {
					inst,
					server,
					apiKey: API_KEY,
					n8nUrl: n8n.url,
					cookie,
					secret,
					workflowId: triggerWorkflowId(spec),
					url: triggerUrl(n8n.url, trigger)!,
				};
				await checks.step('Sora Trigger', () => checkOpenRouterTrigger(checks, spec, ctx));
			}
			checks.that(
				server.contractViolations.length === 0,
				`reference server (${spec.mode}): no contract violations`,
				server.contractViolations,
			);
		}
		lap('REST and trigger checks');
	} catch (e) {
		setup.that(false, `host modes phase: ${(e as Error).message}`);
	} finally {
		await stopChild(n8n?.child);
		await Promise.all(modes.map((m) => m.server.close()));
	}
	console.log(`[e2e] ${runtime.label}: host modes done in ${seconds(t)} (${took.join(', ')})`);
	return results;
}
