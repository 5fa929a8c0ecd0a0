/**
 * npm start's workflow "Models today": the models users run through a gateway today (not Sora), asked in
 * the user's terms, against the reference server's new-api mode (scripts/start.ts starts it).
 */
import type { CredentialToImport } from './e2e/n8n';
import type { RunningServer } from './e2e/reference-server';

export const MODELS_TODAY_CREDENTIAL = {
	id: 'soraModelsToday1',
	name: 'Sora API (new-api gateway)',
	type: 'soraApi',
};

export function modelsTodayCredential(server: RunningServer): CredentialToImport {
	return {
		...MODELS_TODAY_CREDENTIAL,
		data: {
			apiKey: server.apiKey,
			baseUrl: server.baseUrl,
			authHeader: 'bearer',
			hostType: 'newApi',
		},
	};
}

const ASKS = [
	{
		name: 'Kling 2.1: 10 s portrait',
		model: 'kling-v2-1',
		duration: 10,
		aspectRatio: '9:16',
		prompt: 'A paper boat drifting down a rainy city gutter, cinematic',
	},
	{
		name: 'Veo 3.1: 8 s landscape with sound',
		model: 'veo-3.1-generate-preview',
		duration: 8,
		aspectRatio: '16:9',
		prompt: 'Waves at dawn on a quiet beach, gulls calling',
	},
];

export function modelsTodayWorkflow() {
	const credentials = {
		soraApi: { id: MODELS_TODAY_CREDENTIAL.id, name: MODELS_TODAY_CREDENTIAL.name },
	};
	const nodes = ASKS.map((ask, index) => ({
		id: `3a9e6c20-51f0-4d1e-9c2b-00000000000${index + 1}`,
		name: ask.name,
		type: 'CUSTOM.sora',
		typeVersion: 1,
		position: [300, index * 200],
		parameters: {
			resource: 'video',
			operation: 'create',
			prompt: ask.prompt,
			model: { __rl: true, mode: 'id', value: ask.model },
			duration: ask.duration,
			aspectRatio: ask.aspectRatio,
			resolution: '720p',
			waitForCompletion: true,
			downloadVideo: true,
			binaryPropertyName: 'data',
			waitOptions: { pollIntervalSeconds: 5, timeoutMinutes: 5 },
		},
		credentials,
	}));
	const start = {
		id: '3a9e6c20-51f0-4d1e-9c2b-000000000000',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return {
		id: 'soraModelsToday',
		name: 'Models today (Kling, Veo through a new-api gateway)',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [start, ...nodes],
		connections: {
			Start: { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
	};
}
