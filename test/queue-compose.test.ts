/**
 * examples/queue-mode/docker-compose.yml is generated from the topology the queue-mode e2e runs
 * (scripts/e2e/queue/topology.ts): the checked-in file must equal a fresh rendering, and every n8n
 * service must carry the shared queue-mode environment.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { COMPOSE_ENDPOINTS, COMPOSE_FILE, renderCompose } from '../scripts/e2e/queue/compose';
import { PROCESSES, sharedEnv } from '../scripts/e2e/queue/topology';

describe('examples/queue-mode/docker-compose.yml', () => {
	const checkedIn = readFileSync(COMPOSE_FILE, 'utf8');

	it('equals the file rendered from the e2e topology (regenerate: npx ts-node --transpile-only scripts/e2e/queue/compose.ts)', () => {
		expect(checkedIn).toBe(renderCompose());
	});

	it('is valid YAML with one service per process of the topology, each with the shared environment', () => {
		const compose = parse(checkedIn);
		const shared = sharedEnv(COMPOSE_ENDPOINTS);
		expect(shared).toMatchObject({
			EXECUTIONS_MODE: 'queue',
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			DB_TYPE: 'postgresdb',
		});
		for (const spec of PROCESSES) {
			const service = compose.services[spec.name];
			expect(service.command).toEqual(spec.args);
			expect(service.environment).toMatchObject(shared);
		}
		expect(PROCESSES.filter((p) => p.role === 'worker')).toHaveLength(2);
		expect(PROCESSES.filter((p) => p.role === 'webhook')).toHaveLength(2);
	});
});
