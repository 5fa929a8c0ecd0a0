/**
 * Renders topology.ts as a docker compose file: examples/queue-mode/docker-compose.yml.
 * The environment of each n8n service is the e2e's own (sharedEnv + roleEnv), with container host
 * names and compose variables in place of the e2e's loopback ports and generated secrets.
 *   npx ts-node --transpile-only scripts/e2e/queue/compose.ts          writes the file
 *   test/queue-compose.test.ts                                          checks it equals this output
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { N8N2_DEFAULT_VERSION as N8N2_VERSION } from '../provision';
import {
	PACKAGE_INSTALL_FLAGS,
	PROCESSES,
	type Endpoints,
	type ProcessSpec,
	roleEnv,
	sharedEnv,
} from './topology';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const COMPOSE_FILE = path.join(REPO_ROOT, 'examples', 'queue-mode', 'docker-compose.yml');
const PACKAGE: { name: string; version: string } = require(path.join(REPO_ROOT, 'package.json'));

const N8N_PORT = 5678;
const HEALTH_PORT = 5680;
const EXTENSIONS = '/opt/sora-extensions';

export const COMPOSE_ENDPOINTS: Endpoints = {
	postgres: {
		host: 'postgres',
		port: 5432,
		database: 'n8n',
		user: 'n8n',
		password: '${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}',
	},
	redis: { host: 'redis', port: 6379 },
	encryptionKey: '${N8N_ENCRYPTION_KEY:?set N8N_ENCRYPTION_KEY, the same for every process}',
	webhookUrl: '${WEBHOOK_URL:-http://localhost:5681/}',
	customExtensionsDir: EXTENSIONS,
};

type Yaml = string | number | boolean | Yaml[] | { [key: string]: Yaml };

/** A small YAML writer: mappings, sequences and double-quoted scalars (JSON strings are valid YAML). */
function yaml(value: Yaml, indent = ''): string {
	if (Array.isArray(value))
		return value
			.map(
				(v) =>
					`\n${indent}- ${typeof v === 'object' ? yaml(v, `${indent}  `).trimStart() : yaml(v)}`,
			)
			.join('');
	if (typeof value === 'object') {
		return Object.entries(value)
			.map(
				([k, v]) =>
					`\n${indent}${k}:${typeof v === 'object' ? yaml(v, `${indent}  `) : ` ${yaml(v)}`}`,
			)
			.join('');
	}
	return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function n8nService(spec: ProcessSpec, index: number): Record<string, Yaml> {
	const environment: Record<string, string> = {
		...sharedEnv(COMPOSE_ENDPOINTS),
		...roleEnv(spec.role),
		...(spec.role === 'worker'
			? { QUEUE_HEALTH_CHECK_PORT: String(HEALTH_PORT), N8N_WORKER_SERVER_ADDRESS: '0.0.0.0' }
			: { N8N_PORT: String(N8N_PORT) }),
	};
	const hostPort =
		spec.role === 'main' ? N8N_PORT : spec.role === 'webhook' ? 5680 + index : undefined;
	return {
		image: `docker.n8n.io/n8nio/n8n:${N8N2_VERSION}`,
		command: spec.args,
		hostname: spec.name,
		environment,
		volumes: [`sora-extensions:${EXTENSIONS}:ro`],
		...(hostPort ? { ports: [`${hostPort}:${N8N_PORT}`] } : {}),
		depends_on: {
			postgres: { condition: 'service_healthy' },
			redis: { condition: 'service_healthy' },
			'install-sora': { condition: 'service_completed_successfully' },
			...(spec.role !== 'main' ? { 'n8n-main': { condition: 'service_started' } } : {}),
		},
		restart: 'unless-stopped',
	};
}

export function renderCompose(): string {
	const { postgres } = COMPOSE_ENDPOINTS;
	const services: Record<string, Yaml> = {
		postgres: {
			image: 'postgres:16',
			environment: {
				POSTGRES_DB: postgres.database,
				POSTGRES_USER: postgres.user,
				POSTGRES_PASSWORD: postgres.password,
			},
			volumes: ['postgres-data:/var/lib/postgresql/data'],
			healthcheck: {
				test: ['CMD-SHELL', `pg_isready -U ${postgres.user} -d ${postgres.database}`],
				interval: '5s',
				retries: 20,
			},
			restart: 'unless-stopped',
		},
		redis: {
			image: 'redis:7',
			healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', retries: 20 },
			restart: 'unless-stopped',
		},
		// The package once, into a volume every n8n process mounts (N8N_CUSTOM_EXTENSIONS).
		'install-sora': {
			image: `docker.n8n.io/n8nio/n8n:${N8N2_VERSION}`,
			user: 'root',
			entrypoint: ['sh', '-c'],
			command: [
				`cd ${EXTENSIONS} && npm init -y >/dev/null && npm install ${PACKAGE.name}@${PACKAGE.version} ${PACKAGE_INSTALL_FLAGS.join(' ')}`,
			],
			volumes: [`sora-extensions:${EXTENSIONS}`],
		},
	};
	let webhookIndex = 0;
	for (const spec of PROCESSES)
		services[spec.name] = n8nService(spec, spec.role === 'webhook' ? ++webhookIndex : 0);
	const header = [
		'# n8n queue mode with n8n-nodes-sora: Postgres, Redis, main, 2 workers, 2 webhook processors.',
		'# GENERATED from scripts/e2e/queue/topology.ts (the definition the queue-mode e2e runs) by',
		'# `npx ts-node --transpile-only scripts/e2e/queue/compose.ts`; do not edit by hand.',
		'# Usage: N8N_ENCRYPTION_KEY=<long random> POSTGRES_PASSWORD=<password> docker compose up -d',
		'# Editor: http://localhost:5678. Production webhooks: http://localhost:5681 and :5682 (one per',
		'# webhook processor; put a load balancer in front and set WEBHOOK_URL to its public URL).',
	].join('\n');
	return `${header}\n${yaml({ services, volumes: { 'postgres-data': {}, 'sora-extensions': {} } }).trimStart()}\n`;
}

if (require.main === module) {
	writeFileSync(COMPOSE_FILE, renderCompose());
	console.log(`wrote ${path.relative(process.cwd(), COMPOSE_FILE)}`);
}
