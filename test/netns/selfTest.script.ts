/**
 * Run by runInNetns.test.ts inside the namespace: a server on each inside address, reached from
 * inside; the private /etc/hosts resolves a name to one of them. Prints one JSON line.
 */
import { lookup } from 'node:dns/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

async function main() {
	const addresses = (process.argv[2] ?? '').split(',').filter(Boolean);
	const reached: Record<string, string> = {};
	for (const address of addresses) {
		const server = createServer((_req, res) => res.end(`hello from ${address}`));
		await new Promise<void>((resolve) => server.listen(0, address, resolve));
		const port = (server.address() as AddressInfo).port;
		const host = address.includes(':') ? `[${address}]` : address;
		reached[address] = await (await fetch(`http://${host}:${port}/latest/meta-data/`)).text();
		server.close();
	}
	const resolved = await lookup('metadata.internal').catch((error: Error) => ({
		error: error.message,
	}));
	console.log(JSON.stringify({ reached, resolved }));
}

void main();
