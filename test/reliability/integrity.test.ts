/**
 * Issue 14 (and 16's store refusal): what a create, a failure and a download must never get
 * wrong. Each case runs the node inside n8n's WorkflowExecute against the reference server, or a
 * small host of its own where the reference server cannot misbehave that way.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IExecuteFunctions } from 'n8n-workflow';

import { idempotencyKey } from '../../nodes/Sora/runner/runJobs';
import { binaryDataService, logger, readBinary, runNode } from '../harness/runNode';
import { createParams, useReferenceServer } from '../node/setup';
import { readFixture } from '../server';

const api = useReferenceServer({ generationMs: 200 });
const video = readFixture('video.mp4');

async function listen(server: Server): Promise<string> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

describe('Idempotency-Key: unique per execution, node, run of the node and item', () => {
	const context = (nodeId: string, runIndex: number) =>
		({
			getNode: () => ({ id: nodeId, name: 'Sora' }),
			getWorkflowDataProxy: () => ({ $thisRunIndex: runIndex }),
		}) as unknown as IExecuteFunctions;

	test('each run of the node in one execution (a Loop Over Items iteration) gets its own keys; a re-send of the same create the same key', () => {
		const keys = [0, 1, 2].flatMap((run) =>
			[0, 1].map((item) => idempotencyKey(context('n1', run), 'exec-1', item)),
		);
		expect(new Set(keys).size).toBe(6);
		expect(idempotencyKey(context('n1', 1), 'exec-1', 0)).toBe(keys[2]);
		expect(idempotencyKey(context('n2', 0), 'exec-1', 0)).not.toBe(keys[0]);
		expect(idempotencyKey(context('n1', 0), 'exec-2', 0)).not.toBe(keys[0]);
	});

	test("n8n's WorkflowExecute gives the run index: two items, two keys, as headers", async () => {
		await api.run(createParams({ waitForCompletion: false }), {
			items: [{ json: {} }, { json: {} }],
			executionId: 'exec-keys',
		});
		const keys = api.requests({ method: 'POST' }).map((r) => r.headers['idempotency-key']);
		expect(keys).toEqual([
			idempotencyKey(context('node-under-test', 0), 'exec-keys', 0),
			idempotencyKey(context('node-under-test', 0), 'exec-keys', 1),
		]);
	});
});

describe('masking: only secrets, only in error text', () => {
	test('a custom header that is not a secret (X-Route) is never masked: its value in the prompt reaches the output unchanged', async () => {
		const credentials = {
			...api.credentials,
			customHeaders: { header: [{ name: 'X-Route', value: 'eu-1' }] },
		};
		const prompt = 'A paper boat sails to eu-1 harbour';
		const { items, error } = await runNode({ credentials, parameters: createParams({ prompt }) });
		expect(error).toBeUndefined();
		expect(items[0].json.prompt).toBe(prompt);
		expect(api.requests({ method: 'POST' })[0].headers['x-route']).toBe('eu-1');
	});

	test('custom header values and the API key are masked in an error the host echoes them in; a routing word under 8 characters is not', async () => {
		const echo = createServer((req, res) => {
			const message = `Refused: key ${String(req.headers.authorization)} token ${String(req.headers['x-gateway-token'])} route ${String(req.headers['x-route'])}`;
			res
				.writeHead(403, { 'content-type': 'application/json' })
				.end(JSON.stringify({ error: { message, type: 'invalid_request_error' } }));
		});
		const baseUrl = await listen(echo);
		try {
			const credentials = {
				apiKey: 'sk-live-secret-1234',
				baseUrl,
				customHeaders: {
					header: [
						{ name: 'X-Gateway-Token', value: 'gwt-secret-5678' },
						{ name: 'X-Route', value: 'eu-1' },
					],
				},
			};
			const { error } = await runNode({ credentials, parameters: createParams() });
			expect(error?.message).toBe('Refused: key Bearer *** token *** route eu-1 [item 0]');
		} finally {
			echo.close();
		}
	});
});

describe('error classification', () => {
	test('a TLS failure on a create is "not sent" with its cause, never "may have created a video"', async () => {
		const credentials = { ...api.credentials, baseUrl: api.server.url.replace('http:', 'https:') };
		const { error } = await runNode({ credentials, parameters: createParams() });
		expect(error?.message).toBe(
			'The request could not be sent: the TLS connection was refused [item 0]',
		);
		expect(error?.message).not.toMatch(/may have created/);
		expect(error?.description).toMatch(/could not be sent \(.+: .+\)\. Nothing reached the host/);
		expect(api.server.createCount).toBe(0);
	});

	test('an invalid Base URL is refused before anything is sent, naming the credential', async () => {
		const credentials = { ...api.credentials, baseUrl: 'http://exa mple.invalid/v1' };
		const { error } = await runNode({ credentials, parameters: createParams() });
		expect(error?.message).toBe(
			'Base URL in the Sora API credential is "http://exa mple.invalid/v1", not an http(s) URL',
		);
		expect(api.server.createCount).toBe(0);
	});

	test('a 5xx on Character Create says a character (not a video) may have been created', async () => {
		api.server.injectFault({
			kind: 'server-error-503',
			method: 'POST',
			path: '/videos/characters',
		});
		const { error } = await api.run(
			{ resource: 'character', operation: 'create', name: 'Mossy' },
			{
				items: [
					{
						json: {},
						binary: { data: { data: video, fileName: 'mossy.mp4', mimeType: 'video/mp4' } },
					},
				],
			},
		);
		expect(error?.message).toBe(
			'The request may have created a character: HTTP 503 after it was sent [item 0]',
		);
		expect(error?.description).toContain('Check the host for the character');
	});
});

describe("downloads: n8n's binary store, Max Download Size, truncation without Content-Length", () => {
	test("the binary store's refusal is surfaced at once with n8n's own message: one download, no retry", async () => {
		const service = await binaryDataService();
		const refusal = new Error(
			'The file is too large to be stored in the database (600 MB); the limit is 512 MB',
		);
		const spy = jest.spyOn(service, 'store').mockRejectedValueOnce(refusal);
		try {
			const { error } = await api.run(createParams());
			expect(error?.message).toMatch(
				/^n8n's binary data store refused the file: The file is too large to be stored in the database \(600 MB\); the limit is 512 MB \[item 0, video video_\w+\]$/,
			);
			expect(error?.description).toContain('N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE');
			expect(api.requests({ method: 'GET', path: /\/content$/ })).toHaveLength(1);
		} finally {
			spy.mockRestore();
		}
	});

	test('Max Download Size refuses a file by its Content-Length before a byte is stored, naming the video and its URL', async () => {
		api.server.setOptions({ largeVideoBytes: 3 * 1024 * 1024 });
		const service = await binaryDataService();
		const spy = jest.spyOn(service, 'store');
		try {
			const { error } = await api.run(
				createParams({ waitOptions: { pollIntervalSeconds: 1, maxDownloadMib: 2 } }),
			);
			const id = [...api.server.videos.keys()][0];
			expect(error?.message).toBe(
				`The video is larger than Max Download Size: 3 MiB > 2 MiB; nothing was kept [item 0, video ${id}]`,
			);
			expect(error?.description).toContain(`${api.server.url}/videos/${id}/content?variant=video`);
			expect(spy).not.toHaveBeenCalled();
			expect(api.requests({ method: 'GET', path: /\/content$/ })).toHaveLength(1);
		} finally {
			spy.mockRestore();
			api.server.setOptions({ largeVideoBytes: undefined });
		}
	});

	describe('a host that sends the MP4 without Content-Length', () => {
		let host: Server;
		let baseUrl: string;
		let shortAnswers = 0;
		let served = 0;
		beforeAll(async () => {
			host = createServer((req, res) => {
				served++;
				res.writeHead(200, { 'content-type': 'video/mp4' }); // chunked: no Content-Length
				const short = shortAnswers > 0;
				if (short) shortAnswers--;
				res.end(short ? video.subarray(0, video.length - 1000) : video);
			});
			baseUrl = await listen(host);
		});
		afterAll(() => host.close());
		beforeEach(() => {
			served = 0;
			logger.clear();
		});
		const download = { resource: 'video', operation: 'download', videoId: 'video_nolength' };

		test('a file that ends cleanly but short is caught by its boxes and downloaded again', async () => {
			shortAnswers = 1;
			const { items, error } = await runNode({
				credentials: { apiKey: 'sk-test', baseUrl },
				parameters: download,
			});
			expect(error).toBeUndefined();
			expect(served).toBe(2);
			expect((await readBinary(items[0].binary!.data)).equals(video)).toBe(true);
		});

		test('one that is always short is never handed on', async () => {
			shortAnswers = 100;
			const { items, error } = await runNode({
				credentials: { apiKey: 'sk-test', baseUrl },
				parameters: download,
			});
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(
				/^The video download kept failing: a download cut short \(no Content-Length, and its last box \(mdat\) ends at byte \d+, but the file has \d+ bytes\)/,
			);
			expect(served).toBe(12);
		}, 120_000);
	});

	test("the worst case of a download is the policy's 12 requests: a failed request and a cut file share one count (never 12 retries inside each of 12)", async () => {
		let served = 0;
		// Eleven 503s, then a file cut short, over and over: each 503 and each cut is one attempt.
		const host = createServer((req, res) => {
			served++;
			if (served % 12 !== 0) {
				res
					.writeHead(503, { 'content-type': 'application/json' })
					.end('{"error":{"message":"busy"}}');
				return;
			}
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(video.length) });
			res.end(video.subarray(0, video.length - 1000));
		});
		const baseUrl = await listen(host);
		try {
			const { items, error } = await runNode({
				credentials: { apiKey: 'sk-test', baseUrl },
				parameters: { resource: 'video', operation: 'download', videoId: 'video_worst' },
			});
			expect(items).toHaveLength(0);
			expect(error?.message).toBe(
				'The video download kept failing: a download cut short [item 0, video video_worst]',
			);
			expect(served).toBe(12);
		} finally {
			host.close();
		}
	}, 120_000);
});

describe('cost: Price per Second, Refuse Unpriced Items, node-level settings', () => {
	const otherModel = { __rl: true, mode: 'id', value: 'other-video-model' };

	test('Price per Second (USD) prices a model outside the price table', async () => {
		const { items } = await api.run(
			createParams({
				model: otherModel,
				duration: 8,
				waitForCompletion: false,
				options: { pricePerSecondUsd: 0.05 },
			}),
		);
		expect(items[0].json.estimatedCost).toEqual({
			usd: 0.4,
			usdPerSecond: 0.05,
			seconds: 8,
			priceSource: 'Price per Second option',
			basis: expect.stringContaining('Price per Second option'),
		});
	});

	test('the cap counts priced items with Price per Second, and refuses a batch it cannot price', async () => {
		const over = await api.run(
			createParams({
				model: otherModel,
				duration: 8,
				options: { pricePerSecondUsd: 0.5, maxEstimatedCostUsd: 10 },
			}),
			{ items: [{ json: {} }, { json: {} }, { json: {} }] },
		);
		expect(over.error?.message).toBe(
			'Estimated cost $12.00 for 3 videos is above Max Estimated Cost per Execution ($10.00): nothing was sent',
		);
		const unpriced = await api.run(
			createParams({ model: otherModel, options: { maxEstimatedCostUsd: 10 } }),
		);
		expect(unpriced.error?.message).toBe(
			'1 of 1 videos have no known price, so Max Estimated Cost per Execution ($10.00) cannot be checked: nothing was sent',
		);
		expect(api.server.requests).toHaveLength(0);
	});

	test('Refuse Unpriced Items fails only the unpriced item, before it is sent', async () => {
		const { items } = await api.run(
			createParams({
				model: { __rl: true, mode: 'id', value: '={{ $json.model }}' },
				waitForCompletion: false,
				options: { refuseUnpricedItems: true },
			}),
			{
				items: [{ json: { model: 'sora-2' } }, { json: { model: 'other-video-model' } }],
				continueOnFail: true,
			},
		);
		expect(items[0].json.status).toBe('queued');
		expect(items[1].json.error).toBe(
			'The cost of this video is unknown, and Refuse Unpriced Items is on: it was not sent [item 1]',
		);
		expect(api.server.createCount).toBe(1);
	});

	test.each([
		['options', 'maxEstimatedCostUsd', 'Max Estimated Cost per Execution'],
		['waitOptions', 'timeoutMinutes', 'Timeout'],
		['waitOptions', 'maxConcurrentJobs', 'Max Concurrent Jobs'],
	])(
		'%s.%s differing between items is refused as a setting of the node',
		async (collection, name, displayName) => {
			const { error } = await api.run(
				createParams({
					[collection]: {
						...(collection === 'waitOptions' ? { pollIntervalSeconds: 1 } : {}),
						[name]: '={{ $json.value }}',
					},
				}),
				{
					items: [{ json: { value: 5 } }, { json: { value: 7 } }],
				},
			);
			expect(error?.message).toBe(
				`${displayName} is a setting of the node, but item 1 gives it another value than item 0 (7 vs 5)`,
			);
			expect(api.server.createCount).toBe(0);
		},
	);
});

describe('uploads streamed from the binary store', () => {
	const upload = [
		{ json: {}, binary: { data: { data: video, fileName: 'mine.mp4', mimeType: 'video/mp4' } } },
	];
	const edit = {
		resource: 'video',
		operation: 'edit',
		videoSource: 'binary',
		videoBinaryProperty: 'data',
		prompt: 'add snow',
		waitOptions: { pollIntervalSeconds: 1 },
	};

	test('an Edit of an uploaded video streams it whole, with its Content-Length, read when the job is submitted', async () => {
		const service = await binaryDataService();
		const spy = jest.spyOn(service, 'getAsStream');
		try {
			const { items, error } = await api.run(edit, { items: upload });
			expect(error).toBeUndefined();
			expect(items[0].json.status).toBe('completed');
			const [sent] = api.requests({ method: 'POST' });
			expect(sent.files?.video).toMatchObject({
				filename: 'mine.mp4',
				mimeType: 'video/mp4',
				size: video.length,
				sha256: createHash('sha256').update(video).digest('hex'),
			});
			expect(Number(sent.headers['content-length'])).toBeGreaterThan(video.length);
			expect(spy).toHaveBeenCalledTimes(1);
		} finally {
			spy.mockRestore();
		}
	});

	test('a file the binary store cannot read is "not sent", not a create that may exist', async () => {
		const service = await binaryDataService();
		const spy = jest
			.spyOn(service, 'getAsStream')
			.mockRejectedValue(new Error('ENOENT: no such file'));
		try {
			const { error } = await api.run(edit, { items: upload });
			expect(error?.message).toBe(
				"The file to upload could not be read from n8n's binary data store: nothing was sent [item 0]",
			);
			expect(error?.description).toContain('ENOENT: no such file');
			expect(api.server.createCount).toBe(0);
		} finally {
			spy.mockRestore();
		}
	});
});
