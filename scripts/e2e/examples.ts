/**
 * The examples/*.json workflows, made importable into an n8n that loads the package from
 * N8N_CUSTOM_EXTENSIONS: node types `n8n-nodes-sora.<name>` become `CUSTOM.<name>`, and every
 * soraApi credential reference points at the credential the scripts create for the host mode the
 * example's credential names: `Video gateway (New-API)` → GATEWAY_CREDENTIAL (a reference server in the
 * `newapi` mode), `OpenRouter` → OPENROUTER_CREDENTIAL (the `openrouter` mode: it calls example 2's
 * Callback URL), any other → CREDENTIAL (the `openai` mode: List, Delete).
 * Examples without an id get one (n8n ids are at most 21 characters).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CREDENTIAL } from './cases';
import { CUSTOM_PREFIX, type CredentialToImport } from './n8n';
import { PACKAGE_NAME, REPO_ROOT } from './pack';

/** The credential name the examples give a new-api gateway (Host Type New-API). */
export const GATEWAY_CREDENTIAL_NAME = 'Video gateway (New-API)';
/** The e2e's credential for the examples on a new-api gateway: a reference server in the `newapi` mode. */
export const GATEWAY_CREDENTIAL = {
	id: 'soraE2eGateway1',
	name: GATEWAY_CREDENTIAL_NAME,
	type: 'soraApi',
};

export function gatewayCredentialFor(server: {
	baseUrl: string;
	apiKey: string;
}): CredentialToImport {
	return {
		...GATEWAY_CREDENTIAL,
		data: {
			apiKey: server.apiKey,
			baseUrl: server.baseUrl,
			authHeader: 'bearer',
			hostType: 'newApi',
		},
	};
}

/** The credential name example 2 gives OpenRouter (Host Type OpenRouter, its callback signing secret). */
export const OPENROUTER_CREDENTIAL_NAME = 'OpenRouter';
export const OPENROUTER_CREDENTIAL = {
	id: 'soraE2eOpenRouter1',
	name: OPENROUTER_CREDENTIAL_NAME,
	type: 'soraApi',
};

export function openRouterCredentialFor(
	server: { baseUrl: string; apiKey: string },
	webhookSecret: string,
): CredentialToImport {
	return {
		...OPENROUTER_CREDENTIAL,
		data: {
			apiKey: server.apiKey,
			baseUrl: server.baseUrl,
			authHeader: 'bearer',
			hostType: 'openRouter',
			webhookSecret,
		},
	};
}

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
		.map((file, index) => ({
			file,
			workflow: forCustomExtensions(
				JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')),
				index,
			),
		}));
}

function forCustomExtensions(workflow: any, index: number): Example['workflow'] {
	const id =
		typeof workflow.id === 'string' && workflow.id.length <= 21
			? workflow.id
			: `soraExample${String(index + 1).padStart(2, '0')}`;
	const nodes = (workflow.nodes ?? []).map((node: any) => {
		const type = String(node.type ?? '').startsWith(`${PACKAGE_NAME}.`)
			? `${CUSTOM_PREFIX}.${node.type.slice(PACKAGE_NAME.length + 1)}`
			: node.type;
		const named = node.credentials?.soraApi?.name;
		const own =
			named === GATEWAY_CREDENTIAL_NAME
				? GATEWAY_CREDENTIAL
				: named === OPENROUTER_CREDENTIAL_NAME
					? OPENROUTER_CREDENTIAL
					: CREDENTIAL;
		const credentials = node.credentials?.soraApi
			? { ...node.credentials, soraApi: { id: own.id, name: own.name } }
			: node.credentials;
		return { ...node, type, ...(credentials ? { credentials } : {}) };
	});
	return {
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		...workflow,
		id,
		nodes,
	};
}

/** Whether the example's Sora nodes use the new-api gateway credential (after the rewrite). */
export function onGateway(workflow: Example['workflow']): boolean {
	return workflow.nodes.some((n) => n.credentials?.soraApi?.id === GATEWAY_CREDENTIAL.id);
}

/** Whether the example's Sora nodes use the OpenRouter credential (after the rewrite). */
export function onOpenRouter(workflow: Example['workflow']): boolean {
	return workflow.nodes.some((n) => n.credentials?.soraApi?.id === OPENROUTER_CREDENTIAL.id);
}

/** A Create's Callback URL (example 2: `https://n8n.example.com/webhook/…`) on the e2e's n8n instead. */
export function withCallbackOrigin(
	workflow: Example['workflow'],
	n8nUrl: string,
): Example['workflow'] {
	const nodes = workflow.nodes.map((n) => {
		const callbackUrl = n.parameters?.options?.callbackUrl;
		if (typeof callbackUrl !== 'string' || !/^https?:\/\//.test(callbackUrl)) return n;
		const url = new URL(callbackUrl);
		const moved = `${n8nUrl.replace(/\/+$/, '')}${url.pathname}${url.search}`;
		return {
			...n,
			parameters: { ...n.parameters, options: { ...n.parameters.options, callbackUrl: moved } },
		};
	});
	return { ...workflow, nodes };
}

/** Whether a workflow holds a node of this package (after the type rewrite). */
export function hasSoraNode(workflow: Example['workflow']): boolean {
	return workflow.nodes.some((n) => n.type === `${CUSTOM_PREFIX}.sora`);
}

/** A Wait node waiting `seconds` (below n8n's 65 s, so the execution sleeps in-process instead of going to waiting). */
export const shortWait = (node: any, seconds = 1) => ({
	...node,
	parameters: { ...node.parameters, amount: seconds, unit: 'seconds' },
});

/**
 * A copy that `n8n execute` can start: a Schedule Trigger becomes a Manual Trigger (same name, so
 * connections hold), and a Wait node waits 1 s (`n8n execute` cannot resume a waiting execution;
 * the agent phase runs example 4 with a wait above 65 s). Undefined for examples that start on a
 * webhook (those run in the server phase).
 */
export function asManualRun(workflow: Example['workflow']): Example['workflow'] | undefined {
	const nodes = workflow.nodes.map((n) => {
		if (n.type === 'n8n-nodes-base.scheduleTrigger')
			return { ...n, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
		return n.type === 'n8n-nodes-base.wait' ? shortWait(n) : n;
	});
	return nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')
		? { ...workflow, nodes }
		: undefined;
}
