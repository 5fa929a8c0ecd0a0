import type { INode } from 'n8n-workflow';

import { apiErrorFromResponse } from '../../nodes/Sora/transport/apiError';
import { createParams, seedVideo, useReferenceServer } from './setup';

const testNode = {
	id: 'n1',
	name: 'Sora',
	type: 'n8n-nodes-sora.sora',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;

describe('against a working host', () => {
	const api = useReferenceServer();

	test('Continue On Fail: one bad input and one failed generation never stop the good items', async () => {
		const { items, error } = await api.run(createParams({ prompt: '={{ $json.prompt }}' }), {
			continueOnFail: true,
			items: [
				{ json: { prompt: 'good one' } },
				{ json: { prompt: '  ' } },
				{ json: { prompt: 'blocked [fail]' } },
				{ json: { prompt: 'good two' } },
			],
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json.status).toBe('completed');
		expect(items[1].json.error).toBe(
			'Prompt is empty: enter a text that describes the video [item 1]',
		);
		const failedId = String((items[2].json as { videoId: string }).videoId);
		expect(items[2].json.error).toBe(
			`Video generation failed: Your request was blocked by our moderation system. [item 2, video ${failedId}]`,
		);
		expect(items[3].json.status).toBe('completed');
		expect(items[3].binary?.data).toBeDefined();
		expect(api.server.createCount).toBe(3);
	});

	test('an empty prompt fails before any request, naming the item and the field', async () => {
		const { error, items } = await api.run(createParams({ prompt: '={{ $json.prompt }}' }), {
			items: [{ json: { prompt: '' } }],
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('Prompt is empty: enter a text that describes the video [item 0]');
		expect(error?.name).toBe('NodeOperationError');
		expect(api.server.requests).toHaveLength(0);
	});

	test('a missing input binary property fails before any request', async () => {
		const { error } = await api.run(
			createParams({
				size: '1280x720',
				referenceImage: 'binary',
				referenceImageBinaryProperty: 'frame',
			}),
			{
				items: [
					{
						json: {},
						binary: { photo: { data: Buffer.from('x'), fileName: 'x.png', mimeType: 'image/png' } },
					},
				],
			},
		);
		expect(error?.message).toBe(
			'Reference Image: the input item has no binary property "frame" [item 0]',
		);
		expect(error?.description).toBe(
			'The item\'s binary properties are "photo". Set Reference Image to one of them.',
		);
		expect(api.server.requests).toHaveLength(0);
	});

	test('a wrong API key is a 401 that points at the credential', async () => {
		const { error } = await api.run(createParams(), {
			credentials: { apiKey: 'sk-wrong', baseUrl: api.server.url },
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(error?.description).toContain('HTTP 401 from POST /videos');
		expect(error?.description).toContain(
			'Check the API key and the Auth Header of the Sora API credential.',
		);
		expect(api.server.createCount).toBe(0);
	});

	test('an unknown video id is a 404 naming the video', async () => {
		const { error } = await api.run({
			resource: 'video',
			operation: 'get',
			videoId: 'video_nope',
			waitForCompletion: false,
		});
		expect(error?.message).toMatch(/\[item 0, video video_nope\]$/);
		expect(error?.description).toContain('HTTP 404 from GET /videos/video_nope');
	});

	test('Remix of a video that is not completed is refused before the paid request', async () => {
		const queued = await api.run(
			createParams({ waitForCompletion: false, prompt: 'slow [gen=60000]' }),
		);
		const { error } = await api.run({
			resource: 'video',
			operation: 'remix',
			videoId: String(queued.items[0].json.id),
			prompt: 'again',
		});
		expect(error?.message).toBe(
			`Remix needs a completed video, but ${String(queued.items[0].json.id)} is queued [item 0]`,
		);
		expect(api.server.createCount).toBe(1);
	});

	test('the Azure-style api-key header is sent when the credential says so', async () => {
		const id = await seedVideo(api.server);
		const { error } = await api.run(
			{ resource: 'video', operation: 'get', videoId: id, waitForCompletion: false },
			{
				credentials: {
					apiKey: 'sk-test',
					baseUrl: api.server.url,
					authHeader: 'apiKey',
					organizationId: 'org_1',
					projectId: '',
				},
			},
		);
		expect(error).toBeUndefined();
		const [get] = api.requests({ method: 'GET' });
		expect(get.headers['api-key']).toBe('sk-test');
		expect(get.headers.authorization).toBeUndefined();
		expect(get.headers['openai-organization']).toBe('org_1');
		expect(get.headers['openai-project']).toBeUndefined();
	});
});

describe("answers like OpenAI's retired host's", () => {
	const api = useReferenceServer({ mode: 'retired' });
	const retired =
		"This host does not serve the Videos API: OpenAI's hosted Sora API was retired on 2026-09-24 [item 0]";

	test('from any other Base URL they say what the host lacks, never "retired"', async () => {
		const create = await api.run(createParams());
		expect(create.error?.message).toMatch(
			/^The host at http:\/\/127\.0\.0\.1:\d+\/v1 has no model "sora-2": .+ \[item 0\]$/,
		);
		expect(create.error?.description).toContain('Pick one with Model → From List');
		const list = await api.run({ resource: 'video', operation: 'list', returnAll: true });
		expect(list.error?.message).toMatch(
			/^The host at http:\/\/127\.0\.0\.1:\d+\/v1 does not offer List \[item 0\]$/,
		);
	});

	test.each([
		['Create', 'POST', '/videos', { model: 'sora-2', prompt: 'x' }],
		['List', 'GET', '/videos', undefined],
	])(
		"%s: at OpenAI's own Base URL the same answer says the hosted API was retired and what to set instead",
		async (_name, method, path, body) => {
			const answer = await fetch(`${api.server.url}${path}`, {
				method,
				headers: {
					authorization: 'Bearer sk-test',
					'content-type': 'application/json',
					'user-agent': 'sora-test-client',
				},
				body: body ? JSON.stringify(body) : undefined,
			});
			const error = apiErrorFromResponse(
				testNode,
				{ itemIndex: 0, model: 'sora-2' },
				{
					status: answer.status,
					headers: {},
					body: await answer.json(),
					method,
					path,
					baseUrl: 'https://api.openai.com/v1',
				},
			);
			expect(error.message).toBe(retired);
			expect(error.description).toContain(
				'Set Base URL in the Sora API credential to a gateway or server that serves the same /videos API',
			);
		},
	);
});
