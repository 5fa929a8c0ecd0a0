/**
 * Starts the reference Videos API server (the "Sora 2 API" contract) until Ctrl-C.
 * Env: SORA_SERVER_PORT (8765; 0 = any free port), SORA_SERVER_HOST, SORA_SERVER_API_KEY,
 * SORA_SERVER_GENERATION_MS, SORA_SERVER_MODE or `--mode <mode>` (openai | retired | gateway | newapi |
 * openrouter | laozhang | litellm | cometapi | aihubmix; e.g. `npm run server -- --mode newapi`; the host
 * modes route models to families and serve the MP4 each model would make), SORA_SERVER_REFRESH_MS (newapi/laozhang
 * table refresh, default 15000), SORA_SERVER_IDEMPOTENCY=1 (honour Idempotency-Key),
 * SORA_SERVER_WEBHOOK_URL + SORA_SERVER_WEBHOOK_SECRET, SORA_SERVER_CALLBACK_SECRET (openrouter: callback_url signing), SORA_SERVER_POLL_AFTER_MS, SORA_SERVER_RPM_LIMIT.
 * Prints `READY <url>` on stdout once listening, for scripts that start it as a child process.
 */
import { HOST_MODES, isHostMode } from '../test/server/types';
import { startReferenceServer, type ServerMode, type ServerOptions } from '../test/server';

const MODES: readonly ServerMode[] = ['openai', 'retired', 'gateway', ...HOST_MODES];

/** `--mode newapi` or `--mode=newapi` on the command line wins over SORA_SERVER_MODE. */
function modeFromArgs(): string | undefined {
	const args = process.argv.slice(2);
	const index = args.findIndex((arg) => arg === '--mode' || arg.startsWith('--mode='));
	if (index < 0) return undefined;
	return args[index].includes('=') ? args[index].slice('--mode='.length) : args[index + 1];
}

function numberFromEnv(name: string): number | undefined {
	const value = process.env[name];
	if (value === undefined || value === '') return undefined;
	const number = Number(value);
	if (!Number.isFinite(number)) throw new Error(`${name} must be a number, got '${value}'`);
	return number;
}

function optionsFromEnv(): ServerOptions & { port: number; host: string } {
	const mode = (modeFromArgs() || process.env.SORA_SERVER_MODE || 'openai') as ServerMode;
	if (!MODES.includes(mode))
		throw new Error(`The mode must be one of ${MODES.join(', ')}; got '${mode}'`);
	const webhookUrl = process.env.SORA_SERVER_WEBHOOK_URL;
	const webhookSecret = process.env.SORA_SERVER_WEBHOOK_SECRET;
	if (webhookUrl && !webhookSecret)
		throw new Error('SORA_SERVER_WEBHOOK_URL needs SORA_SERVER_WEBHOOK_SECRET');
	return {
		port: numberFromEnv('SORA_SERVER_PORT') ?? 8765,
		host: process.env.SORA_SERVER_HOST || '127.0.0.1',
		apiKey: process.env.SORA_SERVER_API_KEY || 'sk-test',
		generationMs: numberFromEnv('SORA_SERVER_GENERATION_MS'),
		pollAfterMs: numberFromEnv('SORA_SERVER_POLL_AFTER_MS'),
		rpmLimit: numberFromEnv('SORA_SERVER_RPM_LIMIT'),
		refreshMs: numberFromEnv('SORA_SERVER_REFRESH_MS'),
		honoursIdempotencyKey: process.env.SORA_SERVER_IDEMPOTENCY === '1' || undefined,
		// Each video's MP4 has the job's size and length (ffmpeg; the 2 s fixture without it). SORA_SERVER_SIZED_VIDEOS=0: always the fixture.
		sizedVideos: process.env.SORA_SERVER_SIZED_VIDEOS !== '0',
		mode,
		webhook: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined,
		// openrouter mode: the secret its calls to a job's callback_url are signed with
		callbackSecret: process.env.SORA_SERVER_CALLBACK_SECRET || undefined,
	};
}

async function main(): Promise<void> {
	const options = optionsFromEnv();
	const server = await startReferenceServer(options);
	console.log(`Reference Videos API server (${options.mode} mode) at ${server.url}`);
	const hostMode = isHostMode(options.mode ?? 'openai');
	console.log(
		`API key: ${options.apiKey}  (Authorization: Bearer <key>${hostMode ? '' : ' or api-key: <key>'})`,
	);
	console.log(
		`Prompt markers: [fail]  [gen=3000]  [expire]${options.mode === 'gateway' ? '  [expired]' : ''}`,
	);
	if (hostMode && options.mode !== 'openrouter')
		console.log(`Result files (CDN, no auth): ${server.cdn.url}`);
	console.log(`READY ${server.url}`);
	const stop = () => {
		void server.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
