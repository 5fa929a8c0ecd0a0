/**
 * Issue 14 in real n8n: a Loop Over Items workflow (3 items, batch size 1) runs the Sora node three
 * times in one execution against a host that honours Idempotency-Key (same key + same body → the
 * same job; same key + another body → 409). Each run of the node must send its own keys: 3 distinct
 * keys, 3 jobs, 3 MP4s.
 */
import { looksLikeMp4, readBinary } from './binary';
import { Checks } from './checks';
import { SORA_TYPE } from './hosts-workflows';
import { createInstance, execute, importCredentials, importWorkflows } from './n8n';
import { LOOPBACK } from './ports';
import { seconds } from './proc';
import type { N8nRuntime } from './provision';
import { startReferenceServer } from '../../test/server';

const WORKFLOW_ID = 'soraE2eLoopKeys';
const CREDENTIAL = {
	id: 'soraE2eLoopCred1',
	name: 'Sora account (idempotent host)',
	type: 'soraApi',
};
const API_KEY = 'sk-e2e-loop';
const PROMPTS = ['A red kite over a beach', 'A blue kite over a field', 'A green kite over a lake'];

function loopWorkflow() {
	const node = (
		id: string,
		name: string,
		type: string,
		typeVersion: number,
		x: number,
		parameters: object,
		extra: object = {},
	) => ({ id, name, type, typeVersion, position: [x, 0], parameters, ...extra });
	const items = JSON.stringify(PROMPTS.map((prompt) => ({ json: { prompt } })));
	return {
		id: WORKFLOW_ID,
		name: 'Sora: one video per item with Loop Over Items',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node(
				'a0000000-0000-4000-8000-000000000001',
				'Start',
				'n8n-nodes-base.manualTrigger',
				1,
				0,
				{},
			),
			node('a0000000-0000-4000-8000-000000000002', 'Prompts', 'n8n-nodes-base.code', 2, 200, {
				jsCode: `return ${items};`,
			}),
			node(
				'a0000000-0000-4000-8000-000000000003',
				'Loop Over Items',
				'n8n-nodes-base.splitInBatches',
				3,
				400,
				{ batchSize: 1, options: {} },
			),
			node(
				'a0000000-0000-4000-8000-000000000004',
				'Sora',
				SORA_TYPE,
				1,
				600,
				{
					resource: 'video',
					operation: 'create',
					prompt: '={{ $json.prompt }}',
					model: { __rl: true, mode: 'id', value: 'sora-2' },
					duration: 4,
					size: '720x1280',
					waitForCompletion: true,
					downloadVideo: true,
					waitOptions: { pollIntervalSeconds: 1 },
					options: { hostHonoursIdempotencyKey: true },
				},
				{ credentials: { soraApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } } },
			),
			node('a0000000-0000-4000-8000-000000000005', 'Done', 'n8n-nodes-base.noOp', 1, 800, {}),
		],
		connections: {
			Start: { main: [[{ node: 'Prompts', type: 'main', index: 0 }]] },
			Prompts: { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
			'Loop Over Items': {
				main: [
					[{ node: 'Done', type: 'main', index: 0 }],
					[{ node: 'Sora', type: 'main', index: 0 }],
				],
			},
			Sora: { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
		},
	};
}

export async function runLoopPhase(runtime: N8nRuntime, customDir: string): Promise<Checks[]> {
	const t = Date.now();
	const checks = new Checks(
		`${runtime.version} Loop Over Items against a host honouring Idempotency-Key`,
	);
	const server = await startReferenceServer({
		apiKey: API_KEY,
		port: 0,
		host: LOOPBACK,
		generationMs: 800,
		honoursIdempotencyKey: true,
	});
	try {
		const inst = createInstance(runtime, customDir);
		await importCredentials(inst, [
			{ ...CREDENTIAL, data: { apiKey: API_KEY, baseUrl: server.url, authHeader: 'bearer' } },
		]);
		await importWorkflows(inst, [loopWorkflow()]);
		const result = await execute(inst, WORKFLOW_ID);
		checks.equal(result.exitCode, 0, 'n8n execute: exit code');
		const runs = result.run?.data?.resultData?.runData?.Sora ?? [];
		checks.equal(runs.length, PROMPTS.length, 'the Sora node ran once per loop iteration');
		const creates = server.requests.filter((r) => r.method === 'POST' && r.path === '/videos');
		const keys = new Set(creates.map((r) => r.headers['idempotency-key']));
		checks.equal(creates.length, PROMPTS.length, 'creates sent');
		checks.equal(keys.size, PROMPTS.length, 'distinct Idempotency-Keys (one per run of the node)');
		checks.equal(server.createCount, PROMPTS.length, 'jobs created on the host');
		checks.that(
			creates.every((r) => r.status === 200),
			'no create was answered 409 (a key reused for another body)',
			creates.map((r) => r.status),
		);
		const done = result.run?.data?.resultData?.runData?.Done?.[0]?.data?.main?.[0] ?? [];
		checks.equal(done.length, PROMPTS.length, 'items out of the loop');
		const ids = new Set(done.map((item: { json: { id?: string } }) => item.json.id));
		checks.equal(ids.size, PROMPTS.length, 'distinct video ids');
		for (const [index, item] of done.entries()) {
			const bytes = item.binary?.data ? readBinary(inst.userFolder, item.binary.data) : undefined;
			checks.that(
				bytes && looksLikeMp4(bytes),
				`item ${index}: an MP4 on binary "data"`,
				item.binary,
			);
		}
		checks.that(
			server.contractViolations.length === 0,
			'reference server: no contract violations',
			server.contractViolations,
		);
	} catch (e) {
		checks.that(false, `loop phase: ${(e as Error).message}`);
	} finally {
		await server.close();
	}
	console.log(`[e2e] ${runtime.label}: Loop Over Items phase done in ${seconds(t)}`);
	return [checks];
}
