/**
 * The CLI phase of the e2e, for one n8n: a fresh user folder, the credential and the workflows
 * imported, each e2e workflow run with `n8n execute --rawOutput` and its output checked; examples
 * that can start by hand are run too, those on the new-api gateway credential against a reference
 * server in the `newapi` mode, their downloaded MP4 measured as asked.
 */
import path from 'node:path';
import { CASES, credentialFor, loadWorkflow } from './cases';
import { Checks } from './checks';
import { readBinary } from './binary';
import {
	type Example,
	asManualRun,
	gatewayCredentialFor,
	loadExamples,
	onGateway,
} from './examples';
import { askedShape, checkMeasuredAsAsked } from './examples-measure';
import {
	CUSTOM_PREFIX,
	type N8nInstance,
	createInstance,
	execute,
	importCredentials,
	importWorkflows,
	nodeItems,
} from './n8n';
import { seconds } from './proc';
import type { N8nRuntime } from './provision';
import { type RunningServer, startReferenceServer } from './reference-server';

/** An example run by hand: no workflow error, and a Sora node ran. */
async function checkExampleRuns(checks: Checks, inst: N8nInstance, example: Example) {
	const te = Date.now();
	const result = await execute(inst, example.workflow.id);
	checks.equal(result.exitCode, 0, `n8n execute exit code (${seconds(te)})`);
	if (
		!checks.that(
			result.run,
			'n8n printed the run JSON',
			(result.stderr || result.stdout).slice(-1500),
		)
	)
		return;
	checks.that(
		!result.run.data?.resultData?.error,
		'the run has no workflow error',
		result.run.data?.resultData?.error?.message,
	);
	const ran = Object.keys(result.run.data?.resultData?.runData ?? {});
	const sora = example.workflow.nodes
		.filter((n) => String(n.type).startsWith(`${CUSTOM_PREFIX}.`))
		.map((n) => n.name);
	checks.that(
		sora.some((name) => ran.includes(name)),
		`a Sora node ran (${sora.filter((name) => ran.includes(name)).join(', ')})`,
		ran,
	);
	if (onGateway(example.workflow)) checkDeliveredAsAsked(checks, inst, example, result.run);
}

/** The MP4 the example's last Sora node delivered, measured against what its Create asked. */
function checkDeliveredAsAsked(checks: Checks, inst: N8nInstance, example: Example, run: any) {
	const sora = example.workflow.nodes.filter((n) => n.type === `${CUSTOM_PREFIX}.sora`);
	const create = sora.find((n) => n.parameters.operation === 'create');
	const asked = create && askedShape(create.parameters);
	if (
		!checks.that(
			asked,
			`${create?.name ?? 'the Create node'} asks a fixed Duration, Aspect Ratio and Resolution`,
			create?.parameters,
		)
	)
		return;
	const ran = Object.keys(run.data?.resultData?.runData ?? {});
	const delivering = sora
		.filter((n) => ran.includes(n.name) && nodeItems(run, n.name).some((item) => item.binary?.data))
		.pop();
	const entry =
		delivering && nodeItems(run, delivering.name).find((item) => item.binary?.data)?.binary?.data;
	checkMeasuredAsAsked(
		checks,
		entry && readBinary(inst.userFolder, entry),
		asked!,
		`${delivering?.name ?? 'no Sora node'} (${(create!.parameters.model as { value?: string })?.value})`,
	);
}

export async function runCliPhase(
	runtime: N8nRuntime,
	customDir: string,
	server: RunningServer,
): Promise<Checks[]> {
	const t = Date.now();
	const setup = new Checks(`${runtime.label} setup`);
	const inst = createInstance(runtime, customDir);
	console.log(`[e2e] ${runtime.label}: user folder ${inst.userFolder}`);
	const caseChecks: Checks[] = [];
	const gateway = await startReferenceServer({
		mode: 'newapi',
		refreshMs: 500,
		logFile: path.join(inst.userFolder, 'reference-gateway.log'),
	});
	try {
		await setup.step('import credentials', async () => {
			await importCredentials(inst, [credentialFor(server), gatewayCredentialFor(gateway)]);
		});
		// Examples that start on a schedule run by hand here (trigger swapped); webhook ones run in the server phase.
		const examples = loadExamples().flatMap((e) => {
			const workflow = asManualRun(e.workflow);
			return workflow ? [{ ...e, workflow }] : [];
		});
		await setup.step('import workflows', async () => {
			await importWorkflows(inst, [
				...CASES.map((c) => loadWorkflow(c.file)),
				...examples.map((e) => e.workflow),
			]);
			setup.that(
				true,
				`imported ${CASES.length} e2e workflows and ${examples.length} examples to run by hand`,
			);
		});
		for (const c of CASES) {
			const wf = loadWorkflow(c.file);
			const checks = new Checks(`${runtime.version} ${wf.id}`);
			caseChecks.push(checks);
			const te = Date.now();
			const result = await execute(inst, wf.id);
			checks.equal(result.exitCode, 0, `n8n execute exit code (${seconds(te)})`);
			if (
				!checks.that(
					result.run,
					'n8n printed the run JSON',
					(result.stderr || result.stdout).slice(-1500),
				)
			)
				continue;
			const runError = result.run?.data?.resultData?.error;
			checks.that(!runError, 'the run has no workflow error', runError?.message);
			await c.check(result.run, checks, { inst, server });
		}
		for (const example of examples) {
			const checks = new Checks(`${runtime.version} examples/${example.file}`);
			caseChecks.push(checks);
			await checkExampleRuns(checks, inst, example);
		}
	} finally {
		await gateway.stop();
	}
	console.log(`[e2e] ${runtime.label}: done in ${seconds(t)} (log ${inst.logFile})`);
	return [setup, ...caseChecks];
}
