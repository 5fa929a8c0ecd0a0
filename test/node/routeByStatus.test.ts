import { Sora } from '../../nodes/Sora/Sora.node';
import { outputsFor } from '../../nodes/Sora/runner/routeByStatus';
import { howToFetch } from '../../nodes/Sora/runner/toolRun';
import { registerNodeType } from '../harness/runNode';
import { createParams, seedVideo, useReferenceServer } from './setup';

const api = useReferenceServer();
const description = new Sora().description;

describe('editor defaults', () => {
	const property = (name: string, operation: string) =>
		description.properties.find(
			(p) => p.name === name && p.displayOptions?.show?.operation?.includes(operation),
		);

	test('Get neither waits nor downloads by default: one request', async () => {
		expect(property('waitForCompletion', 'get')?.default).toBe(false);
		expect(property('downloadVideo', 'get')?.default).toBe(false);
		expect(property('waitForCompletion', 'create')?.default).toBe(true);
		const id = await seedVideo(api.server);
		const { items } = await api.run({ resource: 'video', operation: 'get', videoId: id });
		expect(items[0].json).toMatchObject({ id, status: 'completed' });
		expect(items[0].binary).toBeUndefined();
		expect(api.requests()).toHaveLength(1);
	});

	test('Max Requests per Minute is in the Options of every operation', () => {
		const operations = description.properties.filter((p) => p.name === 'operation');
		for (const selector of operations) {
			const resource = selector.displayOptions!.show!.resource![0];
			for (const option of selector.options as Array<{ value: string }>) {
				const collections = description.properties.filter(
					(p) =>
						p.name === 'options' &&
						p.displayOptions?.show?.resource?.includes(resource) &&
						(!p.displayOptions.show.operation ||
							p.displayOptions.show.operation.includes(option.value)),
				);
				expect({ resource, operation: option.value, collections: collections.length }).toEqual({
					resource,
					operation: option.value,
					collections: 1,
				});
				const options = collections[0];
				const names = ((options?.options ?? []) as Array<{ name: string }>).map((o) => o.name);
				expect({ resource, operation: option.value, names }).toEqual({
					resource,
					operation: option.value,
					names: expect.arrayContaining(['maxRequestsPerMinute']),
				});
			}
		}
	});

	test('the paid operations show a notice about Retry On Fail', () => {
		const notice = description.properties.find(
			(p) => p.type === 'notice' && /Retry On Fail/.test(p.displayName),
		);
		expect(notice?.displayOptions?.show?.operation).toEqual(['create', 'remix', 'edit', 'extend']);
	});

	test("the node creator's action names start with the Operation names (n8n lists actions from `action`)", () => {
		for (const selector of description.properties.filter((p) => p.name === 'operation')) {
			for (const option of selector.options as Array<{ name: string; action: string }>) {
				expect(option.action.toLowerCase().startsWith(option.name.toLowerCase())).toBe(true);
			}
		}
	});

	test('Max Requests per Minute in Options caps a List', async () => {
		const { items, error } = await api.run({
			resource: 'video',
			operation: 'list',
			returnAll: true,
			options: { maxRequestsPerMinute: 5 },
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});
});

describe('Route by Status', () => {
	test('the outputs expression gives two outputs only for Get and creates without wait', () => {
		expect(outputsFor({ operation: 'get', routeByStatus: true })).toHaveLength(2);
		expect(
			outputsFor({ operation: 'create', routeByStatus: true, waitForCompletion: false }),
		).toHaveLength(2);
		expect(outputsFor({ operation: 'create', routeByStatus: true })).toEqual(['main']);
		expect(outputsFor({ operation: 'list', routeByStatus: true })).toEqual(['main']);
		expect(outputsFor({ resource: 'character', operation: 'get', routeByStatus: true })).toEqual([
			'main',
		]);
		expect(outputsFor({ operation: 'get' })).toEqual(['main']);
		expect(description.outputs).toMatch(/^=\{\{\(function outputsFor/);
	});

	test('Get sends completed videos to Completed and the others to Still Generating, in input order', async () => {
		const done = await seedVideo(api.server);
		const queued = await api.run(
			createParams({ prompt: 'long [gen=60000]', waitForCompletion: false }),
		);
		const pending = String(queued.items[0].json.id);
		const { outputs, error } = await api.run(
			{ resource: 'video', operation: 'get', videoId: '={{ $json.id }}', routeByStatus: true },
			{ items: [{ json: { id: pending } }, { json: { id: done } }] },
		);
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(2);
		expect(outputs[0].map((i) => [i.json.id, i.pairedItem])).toEqual([[done, { item: 1 }]]);
		expect(outputs[1].map((i) => [i.json.id, i.json.status, i.pairedItem])).toEqual([
			[pending, 'queued', { item: 0 }],
		]);
	});

	test('a create without wait goes to Still Generating', async () => {
		const { outputs } = await api.run(
			createParams({ waitForCompletion: false, routeByStatus: true }),
		);
		expect(outputs[0]).toEqual([]);
		expect(outputs[1][0].json.status).toBe('queued');
	});

	test('a failed video is an error (an error item under Continue, on the first output), never Still Generating', async () => {
		const failed = await api.run(
			createParams({ prompt: 'bad [fail]', waitOptions: { pollIntervalSeconds: 1 } }),
			{ continueOnFail: true },
		);
		const videoId = String(failed.items[0].json.videoId);
		const stopped = await api.run({
			resource: 'video',
			operation: 'get',
			videoId,
			routeByStatus: true,
		});
		expect(stopped.error?.message).toMatch(
			new RegExp(`^Video generation failed: .*video ${videoId}\\]$`),
		);
		const continued = await api.run(
			{ resource: 'video', operation: 'get', videoId, routeByStatus: true },
			{ continueOnFail: true },
		);
		expect(continued.outputs[0][0].json.error).toMatch(/^Video generation failed/);
		expect(continued.outputs[1]).toEqual([]);
	});

	test('without Route by Status a failed video from a plain Get is output as it is (as before)', async () => {
		const failed = await api.run(
			createParams({ prompt: 'bad [fail]', waitOptions: { pollIntervalSeconds: 1 } }),
			{ continueOnFail: true },
		);
		const { items, outputs } = await api.run({
			resource: 'video',
			operation: 'get',
			videoId: String(failed.items[0].json.videoId),
		});
		expect(outputs).toHaveLength(1);
		expect(items[0].json.status).toBe('failed');
	});
});

describe('as an AI agent tool (the converted node type, as n8n 1.x runs it)', () => {
	registerNodeType('n8n-nodes-sora.soraTool', new Sora());

	test('waits without downloading and answers the id, status and content URL', async () => {
		const { items, outputs, error } = await api.run(createParams({ waitOptions: undefined }), {
			nodeType: 'n8n-nodes-sora.soraTool',
		});
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(1);
		expect(items[0].binary).toBeUndefined();
		const id = String(items[0].json.id);
		expect(items[0].json).toMatchObject({
			status: 'completed',
			contentUrl: `${api.server.url}/videos/${id}/content?variant=video`,
		});
		expect(items[0].json.howToFetch).toContain(id);
		expect(api.requests({ path: /\/content/ })).toHaveLength(0);
	});

	test('a render longer than its Timeout comes back as the current state, not an error', async () => {
		const { items, error } = await api.run(
			createParams({
				prompt: 'long [gen=60000]',
				waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 0.01 },
			}),
			{
				nodeType: 'n8n-nodes-sora.soraTool',
			},
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ timedOut: true, elapsedSeconds: expect.any(Number) });
		expect(items[0].json.howToFetch).toMatch(/still (queued|in_progress)/);
	});

	test('Route by Status is ignored: an agent reads one answer', async () => {
		const { outputs } = await api.run(
			createParams({ waitForCompletion: false, routeByStatus: true }),
			{ nodeType: 'n8n-nodes-sora.soraTool' },
		);
		expect(outputs).toHaveLength(1);
		expect(outputs[0][0].json.status).toBe('queued');
	});
});

describe('howToFetch', () => {
	test('names the API key only for a URL on Base URL’s own origin', () => {
		const base = 'https://gateway.example.com/v1';
		expect(howToFetch('https://gateway.example.com/v1/videos/v1/content', base, 'v1')).toMatch(
			/^GET contentUrl with the API key/,
		);
		for (const other of [
			'https://cdn.example.net/v1.mp4',
			'http://gateway.example.com/v1/videos/v1/content',
			'https://gateway.example.com:8443/v1.mp4',
			'https://evil.example/?u=https://gateway.example.com/v1',
			'not a url',
		])
			expect(howToFetch(other, base, 'v1')).toMatch(/^GET contentUrl without the API key/);
	});
});
