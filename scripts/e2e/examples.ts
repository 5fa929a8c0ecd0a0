/**
 * The examples/*.json workflows, made importable into an n8n that loads the package from
 * N8N_CUSTOM_EXTENSIONS: node types `n8n-nodes-sora.<name>` become `CUSTOM.<name>`, and every
 * soraApi credential reference points at the credential the scripts create.
 * Examples without an id get one (n8n ids are at most 21 characters).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CREDENTIAL } from './cases';
import { CUSTOM_PREFIX } from './n8n';
import { PACKAGE_NAME, REPO_ROOT } from './pack';

export const EXAMPLES_DIR = process.env.SORA_E2E_EXAMPLES_DIR ?? path.join(REPO_ROOT, 'examples');

export interface Example {
	file: string;
	workflow: { id: string; name: string; nodes: any[] } & Record<string, unknown>;
}

export function loadExamples(): Example[] {
	if (!existsSync(EXAMPLES_DIR)) return [];
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file, index) => ({ file, workflow: forCustomExtensions(JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')), index) }));
}

function forCustomExtensions(workflow: any, index: number): Example['workflow'] {
	const id = typeof workflow.id === 'string' && workflow.id.length <= 21 ? workflow.id : `soraExample${String(index + 1).padStart(2, '0')}`;
	const nodes = (workflow.nodes ?? []).map((node: any) => {
		const type = String(node.type ?? '').startsWith(`${PACKAGE_NAME}.`) ? `${CUSTOM_PREFIX}.${node.type.slice(PACKAGE_NAME.length + 1)}` : node.type;
		const credentials = node.credentials?.soraApi
			? { ...node.credentials, soraApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } }
			: node.credentials;
		return { ...node, type, ...(credentials ? { credentials } : {}) };
	});
	return { active: false, settings: { executionOrder: 'v1' }, connections: {}, ...workflow, id, nodes };
}

/** Whether a workflow holds a node of this package (after the type rewrite). */
export function hasSoraNode(workflow: Example['workflow']): boolean {
	return workflow.nodes.some((n) => n.type === `${CUSTOM_PREFIX}.sora`);
}

/** A Wait node waiting `seconds` (below n8n's 65 s, so the execution sleeps in-process instead of going to waiting). */
export const shortWait = (node: any, seconds = 1) => ({ ...node, parameters: { ...node.parameters, amount: seconds, unit: 'seconds' } });

/**
 * A copy that `n8n execute` can start: a Schedule Trigger becomes a Manual Trigger (same name, so
 * connections hold), and a Wait node waits 1 s (`n8n execute` cannot resume a waiting execution;
 * the agent phase runs example 4 with a wait above 65 s). Undefined for examples that start on a
 * webhook (those run in the server phase).
 */
export function asManualRun(workflow: Example['workflow']): Example['workflow'] | undefined {
	const nodes = workflow.nodes.map((n) => {
		if (n.type === 'n8n-nodes-base.scheduleTrigger') return { ...n, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
		return n.type === 'n8n-nodes-base.wait' ? shortWait(n) : n;
	});
	return nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger') ? { ...workflow, nodes } : undefined;
}
