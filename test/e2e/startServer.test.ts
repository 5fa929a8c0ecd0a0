/**
 * scripts/e2e/n8n.ts startServer: a port chosen free can be taken before n8n binds it (once in 654
 * e2e checks: "n8n's port 34987 is already in use"). n8n then logs that line and exits; the e2e
 * starts it again on another free port. A stand-in for `n8n start` (a few lines of Node that bind
 * N8N_PORT and answer /healthz and /rest/settings, or log n8n's own words and exit) keeps this
 * test to a second; the real n8n runs in the e2e.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createInstance, portTakenSince, startServer } from '../../scripts/e2e/n8n';
import { stopChild } from '../../scripts/e2e/proc';
import type { N8nRuntime } from '../../scripts/e2e/provision';

const FAKE_N8N = `
const http = require('node:http');
if (process.argv[2] !== 'start') process.exit(2);
const port = Number(process.env.N8N_PORT);
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end(req.url === '/healthz' ? '{"status":"ok"}' : '{"data":{}}');
});
server.on('error', (error) => {
  if (error.code === 'EADDRINUSE') console.error("n8n's port " + port + ' is already in use. Do you have another instance of n8n running already?');
  process.exit(1);
});
server.listen(port, process.env.N8N_LISTEN_ADDRESS);
`;

function fakeRuntime(): N8nRuntime {
	const dir = mkdtempSync(path.join(tmpdir(), 'fake-n8n-'));
	const bin = path.join(dir, 'n8n.js');
	writeFileSync(bin, FAKE_N8N);
	return { label: 'fake n8n', version: '2.0.0', node: process.execPath, bin, env: {} };
}

async function holdPort(): Promise<{ port: number; holder: NetServer }> {
	const holder = createServer();
	await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
	return { port: (holder.address() as { port: number }).port, holder };
}

describe('startServer: an n8n that finds its port taken', () => {
	test('is started again on another free port, and the caller hears of the new URL first', async () => {
		const { port, holder } = await holdPort();
		const moves: string[] = [];
		const inst = createInstance(fakeRuntime(), tmpdir());
		const server = await startServer(inst, port, { onNewUrl: (url) => void moves.push(url) });
		try {
			expect(server.url).not.toBe(`http://localhost:${port}`);
			expect(moves).toEqual([server.url]);
			expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		} finally {
			await stopChild(server.child);
			holder.close();
		}
	});

	test('with keepPort it fails, naming the port and what holds it', async () => {
		const { port, holder } = await holdPort();
		const inst = createInstance(fakeRuntime(), tmpdir());
		try {
			await expect(startServer(inst, port, { keepPort: true })).rejects.toThrow(
				new RegExp(
					`n8n start failed: [\\s\\S]*port ${port} is already in use[\\s\\S]*port ${port} is taken`,
				),
			);
		} finally {
			holder.close();
		}
	});
});

describe("reading n8n's log for a taken port (only what the last start wrote)", () => {
	const log = (text: string) => {
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'n8n-log-')), 'n8n.log');
		writeFileSync(file, text);
		return file;
	};

	test.each([
		[
			"n8n 2.x: n8n's port",
			"n8n's port 34987 is already in use. Do you have another instance of n8n running already?",
			'port 34987 taken',
		],
		[
			"its task broker's port",
			"n8n Task Broker's port 5679 is already in use. Do you have another instance of n8n running already?",
			'port 5679 taken',
		],
		[
			'a bare EADDRINUSE',
			'Error: listen EADDRINUSE: address already in use 127.0.0.1:41234',
			'port 41234 taken',
		],
	])('%s', async (_what, line, said) => {
		expect(await portTakenSince(log(`Initializing n8n process\n${line}\n`), 0)).toBe(said);
	});

	test("an earlier start's complaint is not read again; another failure is not a taken port", async () => {
		const earlier = "n8n's port 34987 is already in use.\n";
		expect(
			await portTakenSince(log(`${earlier}Error: Database connection failed\n`), earlier.length),
		).toBeUndefined();
	});
});
