/**
 * The workflows and credentials of the host-mode e2e, built per mode from its spec (hosts-modes.ts):
 *  - one action workflow for all modes, every Sora node set to Continue (regular output) so one run
 *    shows them all: Start → per mode Create (wait, download) → Get, a failing prompt, an unknown id,
 *    each lacked operation;
 *  - for a host with webhooks, a Sora Trigger workflow.
 */
import type { CredentialToImport } from './n8n';
import type { HostModeSpec } from './hosts-modes';

export const SORA_TYPE = 'CUSTOM.sora';
export const TRIGGER_TYPE = 'CUSTOM.soraTrigger';

const cap = (mode: string) => mode[0].toUpperCase() + mode.slice(1);

export const credentialId = (spec: HostModeSpec) => `soraE2eHost${cap(spec.mode)}`;
export const credentialName = (spec: HostModeSpec) => `Sora API (${spec.label})`;
export const triggerWorkflowId = (spec: HostModeSpec) => `soraE2eHostTrig${cap(spec.mode)}`;

/** A custom header of the credential: the node and the credential test must send it to the host. */
export const CUSTOM_HEADER = 'X-E2e-Host';

/** The credential as `n8n import:credentials` takes it, with the family's Host Type and a custom header. */
export function hostCredential(
	spec: HostModeSpec,
	baseUrl: string,
	apiKey: string,
	webhookSecret?: string,
): CredentialToImport {
	return {
		id: credentialId(spec),
		name: credentialName(spec),
		type: 'soraApi',
		data: {
			apiKey,
			baseUrl,
			hostType: spec.hostType,
			authHeader: 'bearer',
			customHeaders: { header: [{ name: CUSTOM_HEADER, value: spec.mode }] },
			...(webhookSecret ? { webhookSecret } : {}),
		},
	};
}

/** Node names in the action workflow, each with its mode: "Create (newapi)". */
export const NODE = {
	create: (spec: HostModeSpec) => `Create (${spec.mode})`,
	get: (spec: HostModeSpec) => `Get (${spec.mode})`,
	failing: (spec: HostModeSpec) => `Create failing prompt (${spec.mode})`,
	unknown: (spec: HostModeSpec) => `Get unknown id (${spec.mode})`,
	lacks: (spec: HostModeSpec, operation: string) => `Lacks ${operation} (${spec.mode})`,
};

export const ACTION_WORKFLOW_ID = 'soraE2eHostModes';

type WorkflowNode = Record<string, unknown> & { name: string };

function uuid(workflow: number, index: number): string {
	return `7c1f0a3e-13${String(workflow).padStart(2, '0')}-4c3e-9a51-${String(index).padStart(12, '0')}`;
}

const to = (node: WorkflowNode) => ({ node: node.name, type: 'main', index: 0 });

/** One mode's nodes: its Create, and after it (each on Create's item) Get, the failing prompt, the unknown id, each lacked operation. */
function modeNodes(spec: HostModeSpec, index: number) {
	const credentials = { soraApi: { id: credentialId(spec), name: credentialName(spec) } };
	const model = { __rl: true, mode: 'id', value: spec.model };
	const nodes: WorkflowNode[] = [];
	const sora = (name: string, parameters: Record<string, unknown>): WorkflowNode => {
		const node = {
			id: uuid(index, nodes.length + 1),
			name,
			type: SORA_TYPE,
			typeVersion: 1,
			position: [440 + nodes.length * 220, index * 400],
			onError: 'continueRegularOutput',
			parameters,
			credentials,
		};
		nodes.push(node);
		return node;
	};
	const create = {
		resource: 'video',
		operation: 'create',
		model,
		duration: Number(spec.seconds),
		size: spec.size,
	};
	const first = sora(NODE.create(spec), {
		...create,
		prompt: `e2e ${spec.mode}: a paper boat drifting on a pond at dawn`,
		waitForCompletion: true,
		downloadVideo: true,
		binaryPropertyName: 'data',
		waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 2 },
	});
	const afterCreate = [
		sora(NODE.get(spec), {
			resource: 'video',
			operation: 'get',
			videoId: '={{ $json.id }}',
			waitForCompletion: false,
		}),
		sora(NODE.failing(spec), {
			...create,
			prompt: `e2e ${spec.mode}: this one is blocked [fail]`,
			waitForCompletion: true,
			downloadVideo: true,
			waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 1 },
		}),
		sora(NODE.unknown(spec), {
			resource: 'video',
			operation: 'get',
			videoId: spec.unknownId,
			waitForCompletion: false,
		}),
		...spec.lacks.map((lacked) => sora(NODE.lacks(spec, lacked.operation), lacked.parameters)),
	];
	return { first, nodes, connections: { [first.name]: { main: [afterCreate.map(to)] } } };
}

/** All modes in one workflow (one `n8n execute`, one n8n start-up, for all of them): Start → each mode's Create → the rest. */
export function hostActionWorkflow(specs: HostModeSpec[]) {
	const start: WorkflowNode = {
		id: uuid(99, 0),
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const modes = specs.map((spec, index) => modeNodes(spec, index));
	return {
		id: ACTION_WORKFLOW_ID,
		name: `Sora e2e: host modes (${specs.map((s) => s.mode).join(', ')})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [start, ...modes.flatMap((m) => m.nodes)],
		connections: Object.assign(
			{ Start: { main: [modes.map((m) => to(m.first))] } },
			...modes.map((m) => m.connections),
		),
	};
}

export function hostTriggerWorkflow(spec: HostModeSpec, workflowIndex: number) {
	return {
		id: triggerWorkflowId(spec),
		name: `Sora e2e: ${spec.label} webhooks`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: uuid(workflowIndex, 90),
				name: 'Sora Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: uuid(workflowIndex, 91),
				parameters: {
					events: ['video.completed', 'video.failed'],
					fetchVideo: true,
					downloadVideo: true,
					binaryPropertyName: 'data',
				},
				credentials: { soraApi: { id: credentialId(spec), name: credentialName(spec) } },
			},
		],
		connections: {},
	};
}
