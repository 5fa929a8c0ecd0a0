/**
 * The workflows and credentials of the models e2e (models-phase.ts): per host mode one workflow, Start →
 * for every host x family pair of that mode (test/models/pairs.ts) a Create node asking for what the pair
 * takes (duration, aspect ratio or resolution, a first frame as a data URL; wait, download) and a Create
 * node asking for a field the pair cannot take. Every node Continue On Fail (regular output).
 */
import { createParameters, type Pair } from '../../test/models/pairs';
import { PORTRAIT_DATA_URL } from '../../test/server/family-jobs';
import type { ServerMode } from '../../test/server/types';
import type { CredentialToImport } from './n8n';

const SORA_TYPE = 'CUSTOM.sora';

const cap = (mode: string) => mode[0].toUpperCase() + mode.slice(1);

/** Ids of at most 21 characters (n8n's limit). */
export const modelsWorkflowId = (mode: ServerMode) => `soraModels${cap(mode)}`;
const credentialId = (mode: ServerMode) => `soraModelsCred${cap(mode)}`;
const credentialName = (mode: ServerMode) => `Sora API (models e2e, ${mode})`;

export const ASKED = (pair: Pair) => `Asked ${pair.model}`;
export const REFUSED = (pair: Pair) => `Refused ${pair.model}`;
/** The refused node's prompt: a POST carrying it would mean the node paid for a refused field. */
export const refusedPrompt = (pair: Pair) => `e2e refused before paying: ${pair.model}`;

export function modelsCredential(
	mode: ServerMode,
	hostType: string,
	baseUrl: string,
	apiKey: string,
): CredentialToImport {
	return {
		id: credentialId(mode),
		name: credentialName(mode),
		type: 'soraApi',
		data: { apiKey, baseUrl, hostType, authHeader: 'bearer' },
	};
}

function uuid(workflow: number, index: number): string {
	return `5e0d7a11-29${String(workflow).padStart(2, '0')}-4b6e-8d3c-${String(index).padStart(12, '0')}`;
}

/** The parameters of a pair's asked Create: the first frame from a data URL (no input binary in a workflow run by `n8n execute`). */
export function askedParameters(pair: Pair): Record<string, unknown> {
	const parameters = createParameters(
		pair,
		`e2e ${pair.mode} ${pair.model}: a paper boat drifting on a pond at dawn`,
	);
	delete parameters.referenceImageBinaryProperty;
	return {
		...parameters,
		...(pair.ask.firstFrame ? { referenceImage: 'url', referenceImageUrl: PORTRAIT_DATA_URL } : {}),
		waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 2 },
	};
}

export function modelsWorkflow(mode: ServerMode, pairs: Pair[], index: number) {
	const credentials = { soraApi: { id: credentialId(mode), name: credentialName(mode) } };
	const start = {
		id: uuid(index, 0),
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes: Array<Record<string, unknown> & { name: string }> = [];
	const sora = (name: string, parameters: Record<string, unknown>) => {
		nodes.push({
			id: uuid(index, nodes.length + 1),
			name,
			type: SORA_TYPE,
			typeVersion: 1,
			position: [300 + (nodes.length % 2) * 260, Math.floor(nodes.length / 2) * 180],
			onError: 'continueRegularOutput',
			parameters,
			credentials,
		});
	};
	for (const pair of pairs) {
		sora(ASKED(pair), askedParameters(pair));
		sora(REFUSED(pair), {
			...askedParameters(pair),
			...pair.refused.parameters,
			prompt: refusedPrompt(pair),
			waitForCompletion: false,
		});
	}
	return {
		id: modelsWorkflowId(mode),
		name: `Sora e2e: models through ${mode}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [start, ...nodes],
		connections: {
			Start: { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
	};
}
