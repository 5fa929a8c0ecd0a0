/**
 * The queue-mode topology, defined once: the e2e (scripts/e2e/queue) starts these processes with this
 * environment on loopback, and compose.ts renders the same definition as examples/queue-mode/
 * docker-compose.yml (a test checks the checked-in file equals the rendered one), so they cannot drift.
 *
 * Postgres + Redis, one main (`n8n start`: editor, API, schedules, enqueues executions), workers
 * (`n8n worker`: run the executions) and webhook processors (`n8n webhook`: receive production
 * webhooks and enqueue them). All share one encryption key and one database; binary data lives in
 * the database (n8n's queue-mode default), so a file written by a worker can be read by every process.
 */

export type Role = 'main' | 'worker' | 'webhook';

export interface ProcessSpec {
	/** Also the compose service name and the process's log name. */
	name: string;
	role: Role;
	/** n8n's command line after `n8n`. */
	args: string[];
}

/** Executions one worker runs at once (`n8n worker --concurrency`). */
export const WORKER_CONCURRENCY = 12;
export const WORKERS = 2;
export const WEBHOOK_PROCESSORS = 2;

export const PROCESSES: ProcessSpec[] = [
	{ name: 'n8n-main', role: 'main', args: ['start'] },
	...Array.from(
		{ length: WORKERS },
		(_, i): ProcessSpec => ({
			name: `n8n-worker-${i + 1}`,
			role: 'worker',
			args: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
		}),
	),
	...Array.from(
		{ length: WEBHOOK_PROCESSORS },
		(_, i): ProcessSpec => ({ name: `n8n-webhook-${i + 1}`, role: 'webhook', args: ['webhook'] }),
	),
];

/**
 * How the package is installed into the custom-extensions folder, here and in the compose file:
 * n8n-workflow is a peer that n8n supplies, so peers are not installed (a second copy would break
 * instanceof checks on n8n's errors).
 */
export const PACKAGE_INSTALL_FLAGS = [
	'--legacy-peer-deps',
	'--ignore-scripts',
	'--no-audit',
	'--no-fund',
	'--no-package-lock',
];

export interface Endpoints {
	postgres: { host: string; port: number; database: string; user: string; password: string };
	redis: { host: string; port: number };
	encryptionKey: string;
	/** The public URL webhooks are called on (the webhook processors behind a load balancer). */
	webhookUrl: string;
	/** Folder whose node_modules holds n8n-nodes-sora, the same on every process. */
	customExtensionsDir: string;
	/** Default 'database'; 'filesystem' only for the bench (each process then has its own store). */
	binaryDataMode?: 'database' | 'filesystem';
	/** N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE in MiB; unset = n8n's default, 512. */
	binaryDataMaxFileSizeMiB?: number;
}

/** The environment every process of the topology shares. */
export function sharedEnv(e: Endpoints): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		N8N_ENCRYPTION_KEY: e.encryptionKey,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: e.postgres.host,
		DB_POSTGRESDB_PORT: String(e.postgres.port),
		DB_POSTGRESDB_DATABASE: e.postgres.database,
		DB_POSTGRESDB_USER: e.postgres.user,
		DB_POSTGRESDB_PASSWORD: e.postgres.password,
		QUEUE_BULL_REDIS_HOST: e.redis.host,
		QUEUE_BULL_REDIS_PORT: String(e.redis.port),
		// Queue mode's default, set explicitly: filesystem mode breaks webhook answers built on a worker.
		N8N_DEFAULT_BINARY_DATA_MODE: e.binaryDataMode ?? 'database',
		...(e.binaryDataMaxFileSizeMiB !== undefined
			? { N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: String(e.binaryDataMaxFileSizeMiB) }
			: {}),
		// Manual runs from the editor go to the workers too.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// The package, installed with `npm install n8n-nodes-sora --legacy-peer-deps` into this folder.
		N8N_CUSTOM_EXTENSIONS: e.customExtensionsDir,
		WEBHOOK_URL: e.webhookUrl,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
	};
}

/** Per-role settings (ports are added by whoever runs the process). */
export function roleEnv(role: Role): Record<string, string> {
	if (role === 'worker') return { QUEUE_HEALTH_CHECK_ACTIVE: 'true' };
	return {};
}
