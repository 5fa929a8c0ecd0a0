/**
 * Bugs that fuzzing the node's parameters found (test/fuzz/nodeParameters.test.ts, in npm run
 * test:slow), each as its minimal case, in npm test: every case must end in a clear error or a
 * result, never a raw JavaScript error, a hang or a timer overflow.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { HarnessItem } from '../harness/inputNode';
import { runCase } from '../fuzz/harness';
import { startReferenceServer, type ReferenceServer } from '../server';
import { readFixture } from '../server/fixtures';

const CASE_LIMIT_MS = 8_000;
const model = { __rl: true, mode: 'id', value: 'sora-2' };

let server: ReferenceServer;
beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 50 });
});
afterAll(async () => await server.close());

describe('bugs the fuzzer found, as minimal cases', () => {
	const png = readFixture('input-720x1280.png');
	const withImage: HarnessItem[] = [
		{ json: {}, binary: { data: { data: png, fileName: 'a.png', mimeType: 'image/png' } } },
	];
	const create = (overrides: INodeParameters) => ({
		resource: 'video',
		operation: 'create',
		prompt: 'x',
		model,
		duration: 4,
		size: '720x1280',
		waitForCompletion: false,
		...overrides,
	});

	// Found by fuzzing (fixed): the binary lookup had no own-property check, so "constructor" found
	// Object's constructor and n8n-core then failed with a raw TypeError.
	test.each(['constructor', 'toString', 'hasOwnProperty'])(
		'a binary field named "%s" that the item lacks is "no binary property", not a TypeError',
		async (name) => {
			const outcome = await runCase(
				{
					parameters: create({ referenceImage: 'binary', referenceImageBinaryProperty: name }),
					items: withImage,
					continueOnFail: true,
					credentials: { apiKey: 'sk-test', baseUrl: server.url },
				},
				CASE_LIMIT_MS,
			);
			expect(outcome.verdict).toBe('ok');
			expect(outcome.result?.items[0].json.error).toMatch(/has no binary property/);
		},
	);

	// Found by fuzzing (fixed): a prompt that resolved to a number or an object was called "empty".
	test.each([
		['a number', '={{ 42 }}'],
		['an object', '={{ $json }}'],
	])('a prompt that is %s is not called empty', async (_what, prompt) => {
		const outcome = await runCase(
			{
				parameters: create({ prompt }),
				continueOnFail: true,
				credentials: { apiKey: 'sk-test', baseUrl: server.url },
			},
			CASE_LIMIT_MS,
		);
		expect(outcome.result?.items[0].json.error).not.toMatch(/Prompt is empty/);
	});

	// Found by fuzzing (fixed): a negative Timeout failed every item with "timed out after -60 s before a slot was free".
	test('a negative Timeout (Minutes) is refused as a setting, not reported as a timeout', async () => {
		const outcome = await runCase(
			{
				parameters: create({ waitForCompletion: true, waitOptions: { timeoutMinutes: -1 } }),
				continueOnFail: true,
				credentials: { apiKey: 'sk-test', baseUrl: server.url },
			},
			CASE_LIMIT_MS,
		);
		expect(String(outcome.result?.items[0].json.error ?? '')).not.toMatch(/timed out after -/);
		expect(outcome.result?.items[0].json.status).toBeDefined();
	});

	// Found by fuzzing (fixed): a Timeout (Minutes) above 35,791 (2^31-1 ms) made the wait loop's
	// timer overflow to 1 ms, so it spun while a create or download was in flight.
	test('a Timeout (Minutes) of 100,000 waits without timer overflow', async () => {
		server.injectFault({ kind: 'slow', method: 'POST', path: '/videos' });
		const outcome = await runCase(
			{
				parameters: create({
					waitForCompletion: true,
					waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 100_000 },
				}),
				credentials: { apiKey: 'sk-test', baseUrl: server.url },
			},
			CASE_LIMIT_MS,
		);
		expect(outcome.verdict).toBe('ok');
	});
});
