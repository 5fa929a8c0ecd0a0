/**
 * No secret in anything n8n keeps of a run: output items (JSON and binary metadata), error
 * messages, descriptions and stacks, the whole run data (what n8n stores in its database),
 * webhook answers and every log line, across successes and every kind of failure. Also: the
 * error objects n8n stores carry no Authorization / api-key header and no request options.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { processCreates } from '../../nodes/Sora/engine/lostCreateRecovery';
import {
	logger,
	readBinary,
	runNode,
	searchList,
	type RunOptions,
	type RunResult,
} from '../harness/runNode';
import { TriggerHarness } from '../harness/runWebhook';
import { startReferenceServer, type ReferenceServer } from '../server';
import { call } from '../server/test-client';
import { signedDelivery, videoEvent, nowSeconds } from '../trigger/deliveries';
import { headersInErrors, occurrences } from './scan';

const API_KEY = `sk-SECRET-${randomBytes(12).toString('hex')}`;
const WRONG_KEY = `sk-SECRET-WRONG-${randomBytes(12).toString('hex')}`;
const HEADER_VALUE = `gwt-SECRET-${randomBytes(12).toString('hex')}`;
const WEBHOOK_KEY = randomBytes(24).toString('base64');
const WEBHOOK_SECRET = `whsec_${WEBHOOK_KEY}`;
const SECRETS = [API_KEY, WRONG_KEY, HEADER_VALUE, WEBHOOK_SECRET, WEBHOOK_KEY];
/** Header names that carry a credential: the auth headers and the custom header. */
const CREDENTIAL_HEADERS = /^(authorization|api-key|x-gateway-token)$/i;

let server: ReferenceServer;
const kept: Array<{ label: string; value: unknown }> = [];

function credentials(overrides: Record<string, unknown> = {}) {
	return {
		apiKey: API_KEY,
		baseUrl: server.url,
		customHeaders: { header: [{ name: 'X-Gateway-Token', value: HEADER_VALUE }] },
		webhookSecret: WEBHOOK_SECRET,
		organizationId: 'org-visible',
		...overrides,
	};
}

const model = { __rl: true, mode: 'id', value: 'sora-2' };
function create(overrides: Record<string, unknown> = {}) {
	return {
		resource: 'video',
		operation: 'create',
		prompt: 'A paper boat',
		model,
		duration: 4,
		size: '720x1280',
		waitOptions: { pollIntervalSeconds: 1 },
		...overrides,
	};
}

/** What n8n keeps of a run: items, the error (all of its own properties), the run data. */
function keep(label: string, result: RunResult) {
	kept.push({ label: `${label}: items`, value: result.items });
	kept.push({ label: `${label}: error`, value: result.error });
	kept.push({ label: `${label}: run.data`, value: result.run.data });
	let serialised = '';
	try {
		serialised = JSON.stringify(result.run.data);
	} catch (error) {
		serialised = `unserialisable: ${(error as Error).message}`;
	}
	kept.push({ label: `${label}: JSON.stringify(run.data)`, value: serialised });
}

async function run(
	label: string,
	options: Partial<RunOptions> & { parameters: RunOptions['parameters'] },
) {
	const result = await runNode({ credentials: credentials(), ...options });
	keep(label, result);
	expectNoSecrets(label, result);
	return result;
}

function expectNoSecrets(label: string, value: unknown) {
	expect({ label, found: occurrences(value, SECRETS) }).toEqual({ label, found: [] });
	expect({ label, headers: headersInErrors(value, CREDENTIAL_HEADERS) }).toEqual({
		label,
		headers: [],
	});
}

beforeAll(async () => {
	server = await startReferenceServer({ apiKey: API_KEY, generationMs: 300 });
	logger.clear();
});
afterEach(() => {
	server.reset();
	processCreates.clear();
});
afterAll(async () => await server.close());

describe('no secret in what n8n keeps of a run', () => {
	test('a successful create with wait and download', async () => {
		const result = await run('success', { parameters: create() });
		expect(result.error).toBeUndefined();
		const binary = result.items[0].binary!.data;
		expect((await readBinary(binary)).equals(server.fixture('video'))).toBe(true);
		// the credential's headers did reach the host, so the search below is meaningful
		const sent = server.requests.find((r) => r.method === 'POST')!;
		expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(sent.headers['x-gateway-token']).toBe(HEADER_VALUE);
	});

	test('Continue On Fail: success, failed generation, preflight error and a 400 from the host in one batch', async () => {
		const result = await run('continueOnFail batch', {
			parameters: create({ prompt: '={{ $json.prompt }}', size: '={{ $json.size }}' }),
			items: [
				{ json: { prompt: 'fine', size: '720x1280' } },
				{ json: { prompt: 'blocked [fail]', size: '720x1280' } },
				{ json: { prompt: '', size: '720x1280' } },
				{ json: { prompt: 'bad size', size: '1920x1080' } },
			],
			continueOnFail: true,
		});
		expect(result.items.map((item) => Boolean(item.json.error))).toEqual([false, true, true, true]);
	});

	test('API errors: 404 for an unknown video, a refused remix, a delete of an unknown video', async () => {
		const get = await run('404', {
			parameters: {
				resource: 'video',
				operation: 'get',
				videoId: 'video_nope',
				waitForCompletion: false,
			},
		});
		expect(get.error?.message).toMatch(/not found/);
		await run('remix unknown', {
			parameters: { resource: 'video', operation: 'remix', videoId: 'video_nope', prompt: 'again' },
		});
		await run('delete unknown', {
			parameters: { resource: 'video', operation: 'delete', videoId: 'video_nope' },
		});
	});

	test('401 with a wrong key, in both auth header styles, with and without Continue On Fail', async () => {
		const wrong = credentials({ apiKey: WRONG_KEY });
		const bearer = await run('401 bearer', { parameters: create(), credentials: wrong });
		expect(bearer.error?.message).toMatch(/Incorrect API key/);
		await run('401 api-key', {
			parameters: create(),
			credentials: { ...wrong, authHeader: 'apiKey' },
			continueOnFail: true,
		});
		await run('401 list', {
			parameters: { resource: 'video', operation: 'list', returnAll: true },
			credentials: wrong,
		});
	});

	test('faults: ambiguous create, resets and malformed answers while polling, a cut download, a 5xx that never ends', async () => {
		server.injectFault({
			kind: 'reset-before-response',
			method: 'GET',
			path: '/videos/{id}',
			count: 1,
		});
		server.injectFault({ kind: 'malformed-json', method: 'GET', path: '/videos/{id}', count: 1 });
		server.injectFault({
			kind: 'mid-download-reset',
			method: 'GET',
			path: '/videos/{id}/content',
			count: 1,
		});
		await run('transient faults', { parameters: create() });

		// after processing: the job exists and lost-create recovery finds it with List; before: refused as "may exist"
		for (const kind of ['server-error-after-processing', 'reset-after-processing'] as const) {
			server.injectFault({ kind, method: 'POST', path: '/videos' });
			const result = await run(`ambiguous ${kind}`, { parameters: create(), continueOnFail: true });
			expect(result.items[0].json).toMatchObject({ status: 'completed' });
		}
		for (const kind of ['reset-before-response', 'malformed-json', 'server-error-502'] as const) {
			server.injectFault({ kind, method: 'POST', path: '/videos' });
			const result = await run(`ambiguous ${kind}`, { parameters: create(), continueOnFail: true });
			expect(result.items[0].json.error).toMatch(/may have created a video/);
		}
		server.injectFault({
			kind: 'truncated-body',
			method: 'GET',
			path: '/videos/{id}/content',
			count: 100,
		});
		const cut = await run('download keeps failing', { parameters: create() });
		expect(cut.error?.message).toMatch(/download kept failing/);
	}, 240_000);

	test('timeouts: Error and Output Current State', async () => {
		const slow = create({
			prompt: 'slow [gen=5000]',
			waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 0.01 },
		});
		const failed = await run('timeout error', { parameters: slow });
		expect(failed.error?.message).toMatch(/Timed out/);
		await run('timeout state', {
			parameters: { ...slow, waitOptions: { ...slow.waitOptions, onTimeout: 'outputState' } },
		});
	});

	test('a host that cannot be reached (connection refused)', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		// Download (not Get: see unreachable.test.ts) gives up after its retries, so the error path is reached.
		const result = await run('refused', {
			parameters: { resource: 'video', operation: 'download', videoId: 'video_x' },
			credentials: credentials({ baseUrl: `http://127.0.0.1:${port}/v1` }),
		});
		expect(result.error?.message).toMatch(/could not be reached/);
	}, 180_000);

	test('the model list (editor) with a right and a wrong key', async () => {
		const right = await searchList('searchModels', credentials());
		const wrong = await searchList('searchModels', credentials({ apiKey: WRONG_KEY }));
		kept.push({ label: 'searchModels', value: [right, wrong] });
		expectNoSecrets('searchModels', [right, wrong]);
	});

	test('the trigger: valid, forged, expired, replayed and oversized deliveries, and its runs (fetch, download, failure, unknown video)', async () => {
		const harness = new TriggerHarness({
			parameters: { downloadVideo: true },
			credentials: credentials(),
		});
		const completed = (
			await call(server, 'POST', '/videos', { json: { prompt: 'done' }, apiKey: API_KEY })
		).json.id as string;
		server.completeNow(completed);
		const failedId = (
			await call(server, 'POST', '/videos', { json: { prompt: 'no [fail]' }, apiKey: API_KEY })
		).json.id as string;
		server.completeNow(failedId);

		const deliveries = [
			signedDelivery(WEBHOOK_SECRET, videoEvent('video.completed', completed)),
			signedDelivery(WEBHOOK_SECRET, videoEvent('video.failed', failedId)),
			signedDelivery(WEBHOOK_SECRET, videoEvent('video.completed', 'video_unknown')),
			signedDelivery(
				`whsec_${randomBytes(24).toString('base64')}`,
				videoEvent('video.completed', completed),
			),
			signedDelivery(WEBHOOK_SECRET, videoEvent('video.completed', completed), {
				timestamp: nowSeconds() - 3600,
			}),
			signedDelivery(WEBHOOK_SECRET, {
				...videoEvent('video.completed', completed),
				pad: 'x'.repeat(1_100_000),
			}),
		];
		deliveries.push(deliveries[0]);
		for (const [index, delivery] of deliveries.entries()) {
			const { answer, run: execution } = await harness.receive(delivery);
			kept.push({ label: `delivery ${index}: answer`, value: answer });
			expectNoSecrets(`delivery ${index}: answer`, answer);
			if (execution) keep(`delivery ${index}: run`, await execution);
		}
		expectNoSecrets(
			'trigger runs',
			kept.filter((k) => k.label.startsWith('delivery')),
		);
		expect(
			kept.filter((k) => k.label.startsWith('delivery') && k.label.endsWith('run: items')).length,
		).toBe(3);
	});

	test('every log line of all of the above (n8n-core and the node) is free of secrets', () => {
		expect(logger.lines.length).toBeGreaterThan(50);
		expectNoSecrets('log lines', logger.lines);
		expectNoSecrets('everything kept', kept);
	});
});

/**
 * A host (a proxy or gateway in front of the API) that echoes the request's credential headers
 * in its error message, as some do ("Invalid header Authorization: Bearer sk-…"). Whatever the
 * host says ends up in the error message n8n stores, so the node must mask its own secrets there.
 */
describe('a host that echoes the credential in its error answers', () => {
	let echo: Server;
	let echoUrl: string;
	beforeAll(async () => {
		echo = createServer((req, res) => {
			const auth = String(req.headers.authorization ?? req.headers['api-key'] ?? '');
			const token = String(req.headers['x-gateway-token'] ?? '');
			const body = JSON.stringify({
				error: {
					message: `Invalid credentials: ${auth} (token ${token})`,
					type: 'invalid_request_error',
					code: 'invalid_api_key',
					param: null,
				},
			});
			res.writeHead(401, { 'content-type': 'application/json' }).end(body);
		});
		await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
		echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/v1`;
	});
	afterAll(async () => await new Promise<void>((resolve) => echo.close(() => resolve())));

	// Host error text reaches NodeApiError's message and description: it is masked there too.
	test('the API key and custom header values the host echoes are masked in errors, items, run data and logs', async () => {
		logger.clear();
		const result = await runNode({
			parameters: create(),
			credentials: credentials({ baseUrl: echoUrl }),
		});
		const items = await runNode({
			parameters: create(),
			credentials: credentials({ baseUrl: echoUrl }),
			continueOnFail: true,
		});
		const models = await searchList('searchModels', credentials({ baseUrl: echoUrl }));
		expect(result.error?.message).toMatch(/Invalid credentials/);
		expectNoSecrets('echo: run', [
			result.error,
			result.run.data,
			items.items,
			items.run.data,
			models,
			logger.lines,
		]);
	});
});
