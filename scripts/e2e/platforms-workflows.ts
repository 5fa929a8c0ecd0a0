/**
 * The posting examples (examples/05-09) made runnable by `n8n execute` against the platform stand-ins
 * (test/platforms): the form or sheet trigger becomes a Code node of the same name giving the prompt
 * (after a Manual Trigger), the Settings node points at the stand-ins, Waits last 1 s, and each
 * credential the example names is imported with the stand-in's address. Nothing else changes: the
 * nodes, parameters and expressions are the example's own.
 */
import type {
	DiscordStandIn,
	InstagramStandIn,
	S3StandIn,
	TelegramStandIn,
	TikTokStandIn,
} from '../../test/platforms';
import { type Example, loadExamples, shortWait } from './examples';
import type { CredentialToImport } from './n8n';

export const POSTING_EXAMPLES = {
	telegram: '05-form-to-telegram.json',
	discord: '06-form-to-discord.json',
	youtube: '07-sheet-row-to-youtube-short.json',
	instagram: '08-form-to-s3-to-instagram-reels.json',
	tiktok: '09-form-to-tiktok.json',
} as const;
export type PostingExample = keyof typeof POSTING_EXAMPLES;

export interface StandIns {
	telegram: TelegramStandIn;
	discord: DiscordStandIn;
	s3: S3StandIn;
	instagram: InstagramStandIn;
	tiktok: TikTokStandIn;
}

export const BUCKET = 'videos';
const TRIGGERS = ['n8n-nodes-base.formTrigger', 'n8n-nodes-base.googleSheetsTrigger'];

export function postingExample(which: PostingExample): Example {
	const example = loadExamples().find((e) => e.file === POSTING_EXAMPLES[which]);
	if (!example) throw new Error(`examples/${POSTING_EXAMPLES[which]} is missing`);
	return example;
}

export interface RunnableOptions {
	id: string;
	prompt: string;
	standIns: StandIns;
	/** Another Sora credential (the over-limit host). */
	soraCredential?: { id: string; name: string };
	/** Parameters set on every Sora node (a landscape Aspect Ratio for the refused Short). */
	soraParameters?: Record<string, unknown>;
	/** Sets every Sora node's On Error to "Continue (using error output)" and wires that output to a No Op node of this name. */
	errorOutputTo?: string;
}

/** The example as `n8n execute` runs it against the stand-ins. */
export function runnable(example: Example, opts: RunnableOptions): Example['workflow'] {
	const { standIns } = opts;
	const settings: Record<string, string> = {
		igUserId: standIns.instagram.igUserId,
		bucket: BUCKET,
		publicBaseUrl: standIns.s3.objectUrl(BUCKET, '').replace(/\/$/, ''),
		graphApiUrl: `${standIns.instagram.graphUrl}/v21.0`,
		tiktokApiUrl: standIns.tiktok.apiUrl,
	};
	const trigger = example.workflow.nodes.find((n) => TRIGGERS.includes(n.type));
	if (!trigger) throw new Error(`${example.file}: no form or sheet trigger`);
	const nodes = example.workflow.nodes.map((node) => {
		if (node === trigger) {
			const jsCode = `return [{ json: { Prompt: ${JSON.stringify(opts.prompt)} } }];`;
			return {
				id: node.id,
				name: node.name,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: node.position,
				parameters: { jsCode },
			};
		}
		if (node.type === 'n8n-nodes-base.wait') return shortWait(node);
		if (node.type === 'n8n-nodes-base.set') {
			const assignments = node.parameters.assignments.assignments.map((a: any) => ({
				...a,
				value: settings[a.name] ?? a.value,
			}));
			return { ...node, parameters: { ...node.parameters, assignments: { assignments } } };
		}
		if (node.type === 'CUSTOM.sora') {
			const parameters = {
				...node.parameters,
				...opts.soraParameters,
				waitOptions: { pollIntervalSeconds: 1 },
			};
			const credentials = opts.soraCredential
				? { credentials: { soraApi: opts.soraCredential } }
				: {};
			const onError = opts.errorOutputTo ? { onError: 'continueErrorOutput' } : {};
			return { ...node, parameters, ...credentials, ...onError };
		}
		return node;
	});
	const start = {
		id: `${trigger.id.slice(0, -3)}fff`,
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [-220, 0],
		parameters: {},
	};
	const connections: Record<string, { main: unknown[][] }> = {
		...(example.workflow.connections as Record<string, { main: unknown[][] }>),
		Start: { main: [[{ node: trigger.name, type: 'main', index: 0 }]] },
	};
	const sinks = opts.errorOutputTo ? [errorOutputSink(opts.errorOutputTo, nodes, connections)] : [];
	return {
		...example.workflow,
		id: opts.id,
		name: `${example.workflow.name} (e2e)`,
		nodes: [start, ...nodes, ...sinks],
		connections,
	};
}

/** A No Op node on the error output (the output after the main ones) of every Sora node. */
function errorOutputSink(
	name: string,
	nodes: any[],
	connections: Record<string, { main: unknown[][] }>,
) {
	for (const sora of nodes.filter((node) => node.type === 'CUSTOM.sora')) {
		const main = [...(connections[sora.name]?.main ?? [[]])];
		const outputs = sora.parameters.routeByStatus ? 2 : 1;
		while (main.length < outputs) main.push([]);
		main[outputs] = [{ node: name, type: 'main', index: 0 }];
		connections[sora.name] = { main };
	}
	return {
		id: 'e2e00000-0000-4000-8000-0000000000ff',
		name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [900, 300],
		parameters: {},
	};
}

/** The credentials the examples name, pointing at the stand-ins, and the Sora credential(s). */
export function postingCredentials(
	standIns: StandIns,
	sora: CredentialToImport[],
): CredentialToImport[] {
	const { telegram, discord, s3, instagram, tiktok } = standIns;
	return [
		...sora,
		{
			id: 'telegramCredential',
			name: 'Telegram account',
			type: 'telegramApi',
			data: { accessToken: telegram.token, baseUrl: telegram.url },
		},
		// The example's instructions: the webhook URL ends with ?wait=true.
		{
			id: 'discordWebhookCredential',
			name: 'Discord webhook',
			type: 'discordWebhookApi',
			data: { webhookUri: `${discord.webhookUrl}?wait=true` },
		},
		{
			id: 's3Credential',
			name: 'S3 account',
			type: 's3',
			data: {
				endpoint: s3.url,
				region: s3.region,
				accessKeyId: s3.accessKeyId,
				secretAccessKey: s3.secretAccessKey,
				forcePathStyle: true,
			},
		},
		{
			id: 'instagramTokenCredential',
			name: 'Instagram token',
			type: 'httpQueryAuth',
			data: { name: 'access_token', value: instagram.accessToken },
		},
		// Never used (YouTube's and Google's endpoints are fixed): n8n only needs the credentials the examples name to exist.
		{
			id: 'youTubeCredential',
			name: 'YouTube account',
			type: 'youTubeOAuth2Api',
			data: { clientId: 'e2e-unused', clientSecret: 'e2e-unused' },
		},
		{
			id: 'googleSheetsCredential',
			name: 'Google Sheets account',
			type: 'googleSheetsTriggerOAuth2Api',
			data: { clientId: 'e2e-unused', clientSecret: 'e2e-unused' },
		},
		{
			id: 'tiktokTokenCredential',
			name: 'TikTok token',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${tiktok.accessToken}` },
		},
	];
}
