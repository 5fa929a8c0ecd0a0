/**
 * The CLI phase of the e2e, for one n8n: a fresh user folder, the credential and the workflows
 * imported, each e2e workflow run with `n8n execute --rawOutput` and its output checked; examples
 * that can start by hand are run too.
 */
import { CASES, credentialFor, loadWorkflow } from './cases';
import { Checks } from './checks';
import { type Example, asManualRun, loadExamples } from './examples';
import { CUSTOM_PREFIX, type N8nInstance, createInstance, execute, importCredentials, importWorkflows } from './n8n';
import { seconds } from './proc';
import type { N8nRuntime } from './provision';
import type { RunningServer } from './reference-server';

/** An example run by hand: no workflow error, and a Sora node ran. */
async function checkExampleRuns(checks: Checks, inst: N8nInstance, example: Example) {
	const te = Date.now();
	const result = await execute(inst, example.workflow.id);
	checks.equal(result.exitCode, 0, `n8n execute exit code (${seconds(te)})`);
	if (!checks.that(result.run, 'n8n printed the run JSON', (result.stderr || result.stdout).slice(-1500))) return;
	checks.that(!result.run.data?.resultData?.error, 'the run has no workflow error', result.run.data?.resultData?.error?.message);
	const ran = Object.keys(result.run.data?.resultData?.runData ?? {});
	const sora = example.workflow.nodes.filter((n) => String(n.type).startsWith(`${CUSTOM_PREFIX}.`)).map((n) => n.name);
	checks.that(sora.some((name) => ran.includes(name)), `a Sora node ran (${sora.filter((name) => ran.includes(name)).join(', ')})`, ran);
}

export async function runCliPhase(runtime: N8nRuntime, customDir: string, server: RunningServer): Promise<Checks[]> {
	const t = Date.now();
	const setup = new Checks(`${runtime.label} setup`);
	const inst = createInstance(runtime, customDir);
	console.log(`[e2e] ${runtime.label}: user folder ${inst.userFolder}`);
	const caseChecks: Checks[] = [];
	await setup.step('import credential', async () => {
		await importCredentials(inst, [credentialFor(server)]);
	});
	// Examples that start on a schedule run by hand here (trigger swapped); webhook ones run in the server phase.
	const examples = loadExamples().flatMap((e) => {
		const workflow = asManualRun(e.workflow);
		return workflow ? [{ ...e, workflow }] : [];
	});
	await setup.step('import workflows', async () => {
		await importWorkflows(inst, [...CASES.map((c) => loadWorkflow(c.file)), ...examples.map((e) => e.workflow)]);
		setup.that(true, `imported ${CASES.length} e2e workflows and ${examples.length} examples to run by hand`);
	});
	for (const c of CASES) {
		const wf = loadWorkflow(c.file);
		const checks = new Checks(`${runtime.version} ${wf.id}`);
		caseChecks.push(checks);
		const te = Date.now();
		const result = await execute(inst, wf.id);
		checks.equal(result.exitCode, 0, `n8n execute exit code (${seconds(te)})`);
		if (!checks.that(result.run, 'n8n printed the run JSON', (result.stderr || result.stdout).slice(-1500))) continue;
		const runError = result.run?.data?.resultData?.error;
		checks.that(!runError, 'the run has no workflow error', runError?.message);
		await c.check(result.run, checks, { inst, server });
	}
	for (const example of examples) {
		const checks = new Checks(`${runtime.version} examples/${example.file}`);
		caseChecks.push(checks);
		await checkExampleRuns(checks, inst, example);
	}
	console.log(`[e2e] ${runtime.label}: done in ${seconds(t)} (log ${inst.logFile})`);
	return [setup, ...caseChecks];
}
