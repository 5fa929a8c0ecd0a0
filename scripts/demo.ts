/**
 * npm run demo: the main job of the package, run in n8n's own execution engine — Create a video
 * with Wait for Completion and Download Video, then write the MP4 under output/.
 * Offline against the reference server by default; against a real provider when SORA_BASE_URL
 * and SORA_API_KEY are set (SORA_HOST_TYPE, SORA_MODEL, SORA_PROMPT, SORA_DURATION, SORA_ASPECT_RATIO,
 * SORA_RESOLUTION optional).
 * Offline, `--host newapi|newapi-kling|litellm|laozhang|cometapi|aihubmix|openrouter|openai` (or
 * SORA_DEMO_HOST) picks the reference server's mode and a model that host serves today (default newapi:
 * Veo 3.1 through a new-api gateway's Gemini channel; `openai` is Sora 2 on the retired contract), e.g.
 * `npm run demo -- --host newapi-kling`. The video is what that model family would make (its size,
 * length, audio track), and the output item says whether it measures as asked.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { readBinary, runNode } from '../test/harness/runNode';
import { startReferenceServer, type ServerMode } from '../test/server';

/** Per host: the server mode, the credential's Host Type, and a model it serves with a duration and shape it takes. */
interface DemoHost {
	mode: ServerMode;
	hostType: string;
	model: string;
	duration: number;
	aspectRatio: string;
	resolution: string;
}
const HOSTS: Record<string, DemoHost> = {
	newapi: {
		mode: 'newapi',
		hostType: 'newApi',
		model: 'veo-3.1-generate-preview',
		duration: 8,
		aspectRatio: '16:9',
		resolution: '720p',
	},
	'newapi-kling': {
		mode: 'newapi',
		hostType: 'newApi',
		model: 'kling-v2-1',
		duration: 10,
		aspectRatio: '9:16',
		resolution: '720p',
	},
	litellm: {
		mode: 'litellm',
		hostType: 'liteLlm',
		model: 'gemini/veo-3.1-generate-preview',
		duration: 6,
		aspectRatio: '16:9',
		resolution: '720p',
	},
	laozhang: {
		mode: 'laozhang',
		hostType: 'laoZhang',
		model: 'doubao-seedance-2-0-260128',
		duration: 8,
		aspectRatio: '9:16',
		resolution: '720p',
	},
	cometapi: {
		mode: 'cometapi',
		hostType: 'cometApi',
		model: 'doubao-seedance-2-0',
		duration: 6,
		aspectRatio: '16:9',
		resolution: '720p',
	},
	aihubmix: {
		mode: 'aihubmix',
		hostType: 'aiHubMix',
		model: 'wan2.5-t2v-preview',
		duration: 10,
		aspectRatio: '16:9',
		resolution: '720p',
	},
	openrouter: {
		mode: 'openrouter',
		hostType: 'openRouter',
		model: 'google/veo-3.1',
		duration: 8,
		aspectRatio: '16:9',
		resolution: '720p',
	},
	openai: {
		mode: 'openai',
		hostType: 'openai',
		model: 'sora-2',
		duration: 4,
		aspectRatio: '16:9',
		resolution: '720p',
	},
};

/** `--host newapi` or `--host=newapi`, else SORA_DEMO_HOST, else newapi. */
function chosenHost(): string {
	const args = process.argv.slice(2);
	const index = args.findIndex((arg) => arg === '--host' || arg.startsWith('--host='));
	const host =
		index < 0
			? process.env.SORA_DEMO_HOST || 'newapi'
			: args[index].includes('=')
				? args[index].slice('--host='.length)
				: args[index + 1];
	if (!(host in HOSTS))
		throw new Error(`--host must be one of ${Object.keys(HOSTS).join(', ')}; got '${host}'`);
	return host;
}

async function main() {
	const real = Boolean(process.env.SORA_BASE_URL && process.env.SORA_API_KEY);
	const host = HOSTS[chosenHost()];
	const server = real
		? undefined
		: await startReferenceServer({ generationMs: 3000, mode: host.mode, sizedVideos: true });
	const credentials: ICredentialDataDecryptedObject = real
		? {
				baseUrl: process.env.SORA_BASE_URL!,
				apiKey: process.env.SORA_API_KEY!,
				authHeader: process.env.SORA_AUTH_HEADER ?? 'bearer',
				hostType: process.env.SORA_HOST_TYPE ?? 'auto',
			}
		: {
				baseUrl: server!.url,
				apiKey: 'sk-test',
				authHeader: 'bearer',
				hostType: host.hostType ?? 'auto',
			};
	console.log(
		real
			? `Host: ${String(credentials.baseUrl)}`
			: `Host: the reference server in ${host.mode} mode at ${String(credentials.baseUrl)} (offline; set SORA_BASE_URL and SORA_API_KEY for a real provider)`,
	);

	const parameters = {
		resource: 'video',
		operation: 'create',
		prompt:
			process.env.SORA_PROMPT ??
			'A paper boat drifting down a rainy city gutter, cinematic, golden hour',
		model: { mode: 'id', value: process.env.SORA_MODEL ?? host.model },
		duration: Number(process.env.SORA_DURATION ?? process.env.SORA_SECONDS ?? host.duration),
		aspectRatio: process.env.SORA_ASPECT_RATIO ?? host.aspectRatio,
		resolution: process.env.SORA_RESOLUTION ?? host.resolution,
		waitForCompletion: true,
		downloadVideo: true,
		binaryPropertyName: 'data',
		waitOptions: { pollIntervalSeconds: 10, timeoutMinutes: 15 },
	};
	const started = Date.now();
	const { items, error } = await runNode({ parameters, credentials });
	await server?.close();
	if (error) {
		console.error(`Failed: ${error.message}\n${error.description ?? ''}`);
		process.exit(1);
	}
	const item = items[0];
	const binary = item.binary?.data;
	if (!binary) {
		console.error('The node answered without a video file:', JSON.stringify(item.json, null, 2));
		process.exit(1);
	}
	const outputDir = path.resolve(__dirname, '..', 'output');
	mkdirSync(outputDir, { recursive: true });
	const file = path.join(outputDir, binary.fileName ?? `${String(item.json.id)}.mp4`);
	const bytes = await readBinary(binary);
	writeFileSync(file, bytes);
	console.log(JSON.stringify(item.json, null, 2));
	console.log(
		`\nVideo (${binary.mimeType}, ${bytes.length} bytes) written to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
