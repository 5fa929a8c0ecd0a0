/**
 * Decoy listeners on n8n's default ports (5678 main, 5679 task broker, 5680 the reference server of
 * `npm start`), standing in for another n8n on the machine: the e2e (SORA_E2E_DECOYS=1) and `npm start`
 * must still start, on free ports, or say which port is taken and by what.
 * Run alone (until Ctrl+C): npx ts-node --transpile-only scripts/e2e/decoys.ts [port ...]
 */
import { type Server, createServer } from 'node:net';
import { LOOPBACK } from './ports';

export const N8N_DEFAULT_PORTS = [5678, 5679, 5680];

export interface Decoys {
	/** The ports this process holds (a port something else already held is left to it, and not listed). */
	ports: number[];
	close(): Promise<void>;
}

export async function startDecoys(ports = N8N_DEFAULT_PORTS): Promise<Decoys> {
	const servers: Server[] = [];
	const held: number[] = [];
	for (const port of ports) {
		const server = createServer((socket) => socket.end('decoy\n'));
		const ok = await new Promise<boolean>((resolve) => {
			server.once('error', () => resolve(false));
			server.listen(port, LOOPBACK, () => resolve(true));
		});
		if (ok) {
			servers.push(server);
			held.push(port);
		}
	}
	return {
		ports: held,
		close: () =>
			Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(
				() => undefined,
			),
	};
}

if (require.main === module) {
	const ports = process.argv.slice(2).map(Number);
	void startDecoys(ports.length ? ports : undefined).then((d) => {
		console.log(
			`decoys (pid ${process.pid}) listening on ${LOOPBACK}:${d.ports.join(', ') || '(none: all taken)'}`,
		);
		process.on('SIGINT', () => void d.close().then(() => process.exit(0)));
		process.on('SIGTERM', () => void d.close().then(() => process.exit(0)));
	});
}
