/**
 * Starts the reference Videos API server (the "Sora 2 API" contract) until Ctrl-C.
 * Env: SORA_SERVER_PORT (8765; 0 = any free port), SORA_SERVER_HOST, SORA_SERVER_API_KEY,
 * SORA_SERVER_GENERATION_MS, SORA_SERVER_MODE (openai | retired | gateway),
 * SORA_SERVER_WEBHOOK_URL + SORA_SERVER_WEBHOOK_SECRET, SORA_SERVER_POLL_AFTER_MS, SORA_SERVER_RPM_LIMIT.
 * Prints `READY <url>` on stdout once listening, for scripts that start it as a child process.
 */
import { startReferenceServer, type ServerMode, type ServerOptions } from '../test/server';

function numberFromEnv(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new Error(`${name} must be a number, got '${value}'`);
  return number;
}

function optionsFromEnv(): ServerOptions & { port: number; host: string } {
  const mode = (process.env.SORA_SERVER_MODE || 'openai') as ServerMode;
  if (!['openai', 'retired', 'gateway'].includes(mode)) throw new Error(`SORA_SERVER_MODE must be openai, retired or gateway`);
  const webhookUrl = process.env.SORA_SERVER_WEBHOOK_URL;
  const webhookSecret = process.env.SORA_SERVER_WEBHOOK_SECRET;
  if (webhookUrl && !webhookSecret) throw new Error('SORA_SERVER_WEBHOOK_URL needs SORA_SERVER_WEBHOOK_SECRET');
  return {
    port: numberFromEnv('SORA_SERVER_PORT') ?? 8765,
    host: process.env.SORA_SERVER_HOST || '127.0.0.1',
    apiKey: process.env.SORA_SERVER_API_KEY || 'sk-test',
    generationMs: numberFromEnv('SORA_SERVER_GENERATION_MS'),
    pollAfterMs: numberFromEnv('SORA_SERVER_POLL_AFTER_MS'),
    rpmLimit: numberFromEnv('SORA_SERVER_RPM_LIMIT'),
    mode,
    webhook: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined,
  };
}

async function main(): Promise<void> {
  const options = optionsFromEnv();
  const server = await startReferenceServer(options);
  console.log(`Reference Videos API server (${options.mode} mode) at ${server.url}`);
  console.log(`API key: ${options.apiKey}  (Authorization: Bearer <key> or api-key: <key>)`);
  console.log(`Prompt markers: [fail]  [gen=3000]  [expire]${options.mode === 'gateway' ? '  [expired]' : ''}`);
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
