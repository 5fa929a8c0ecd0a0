import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { processCreates } from '../../nodes/Sora/engine/lostCreateRecovery';
import { runNode, startNode, type RunOptions, type RunResult } from '../harness/runNode';
import { startReferenceServer, type ReferenceServer, type ServerOptions } from '../server';

export interface ServerFixture {
	readonly server: ReferenceServer;
	readonly credentials: ICredentialDataDecryptedObject;
	run(parameters: INodeParameters, options?: Partial<RunOptions>): Promise<RunResult>;
	start(parameters: INodeParameters, options?: Partial<RunOptions>): ReturnType<typeof startNode>;
	/** Requests the node sent in this test, excluding the ones the test sent itself. */
	requests(filter?: { method?: string; path?: RegExp }): ReferenceServer['requests'];
}

/**
 * One reference server per test file; reset, and checked against the contract, after every test.
 * Its 429s ask for 20 ms (a test of a real Retry-After sets `retryAfterMs` back); lost-create
 * recovery's record of this process is cleared after every test, so no test sees another's creates.
 */
export function useReferenceServer(options: ServerOptions = {}): ServerFixture {
	let server: ReferenceServer;
	beforeAll(async () => {
		server = await startReferenceServer({ generationMs: 300, retryAfterMs: 20, ...options });
	});
	afterAll(async () => await server.close());
	afterEach(() => {
		const violations = [...server.contractViolations];
		server.reset();
		processCreates.clear();
		expect(violations).toEqual([]);
	});
	const fixture: ServerFixture = {
		get server() {
			return server;
		},
		get credentials() {
			return { apiKey: options.apiKey ?? 'sk-test', baseUrl: server.url };
		},
		run: async (parameters, extra = {}) =>
			await runNode({ credentials: fixture.credentials, ...extra, parameters }),
		start: (parameters, extra = {}) =>
			startNode({ credentials: fixture.credentials, ...extra, parameters }),
		requests: (filter = {}) =>
			server.requests.filter(
				(r) =>
					(!filter.method || r.method === filter.method) &&
					(!filter.path || filter.path.test(r.path)) &&
					r.headers['user-agent'] !== 'sora-test-client',
			),
	};
	return fixture;
}

export const sora2 = { __rl: true, mode: 'id', value: 'sora-2' };
export const sora2pro = { __rl: true, mode: 'id', value: 'sora-2-pro' };

export function createParams(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'video',
		operation: 'create',
		prompt: 'A paper boat on a rainy street',
		model: sora2,
		duration: 4,
		size: '720x1280',
		waitOptions: { pollIntervalSeconds: 1 },
		...overrides,
	};
}

/** Creates a finished video directly on the server (not through the node). */
export async function seedVideo(server: ReferenceServer, prompt = 'seed video'): Promise<string> {
	const response = await fetch(`${server.url}/videos`, {
		method: 'POST',
		headers: {
			authorization: 'Bearer sk-test',
			'content-type': 'application/json',
			'user-agent': 'sora-test-client',
		},
		body: JSON.stringify({ prompt, model: 'sora-2', seconds: '4', size: '720x1280' }),
	});
	const video = (await response.json()) as { id: string };
	server.completeNow(video.id);
	return video.id;
}
