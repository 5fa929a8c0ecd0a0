import { readBinary, searchList } from '../harness/runNode';
import { runCredentialTest } from '../harness/credentialTest';
import { createParams, seedVideo, useReferenceServer } from './setup';

const model = (value: string) => ({ __rl: true, mode: 'id', value });

/** new-api answers from a task table refreshed every refreshMs: wait until it has caught up. */
async function untilTableSays(baseUrl: string, videoId: string, status: string) {
	for (let attempt = 0; attempt < 100; attempt++) {
		const answer = await fetch(`${baseUrl}/videos/${videoId}`, {
			headers: { authorization: 'Bearer sk-test', 'user-agent': 'sora-test-client' },
		});
		if (((await answer.json()) as { status?: string }).status === status) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`${videoId} never became ${status}`);
}

describe.each([
	['Host Type new-api', { hostType: 'newApi' }],
	['Host Type Auto', {}],
])('a new-api gateway (%s)', (_label, hostSetting) => {
	const api = useReferenceServer({ mode: 'newapi', refreshMs: 100 });
	const credentials = () => ({ ...api.credentials, ...hostSetting });
	const run = (
		parameters: Parameters<typeof api.run>[0],
		options: Parameters<typeof api.run>[1] = {},
	) => api.run(parameters, { credentials: credentials(), ...options });

	test('Create with wait hands on the MP4; Get reads the task', async () => {
		const { items, error } = await run(createParams());
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			id: expect.stringMatching(/^task_/),
			status: 'completed',
		});
		expect((await readBinary(items[0].binary!.data)).subarray(4, 8).toString()).toBe('ftyp');
		const got = await run({
			resource: 'video',
			operation: 'get',
			videoId: String(items[0].json.id),
			waitForCompletion: false,
		});
		expect(got.items[0].json).toMatchObject({ id: items[0].json.id, status: 'completed' });
	});

	test("a failing prompt fails with the host's reason as soon as the host reports it, not at Timeout", async () => {
		const { error } = await run(
			createParams({
				prompt: 'blocked [fail]',
				waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 5 },
			}),
		);
		expect(error?.message).toMatch(
			/^Video generation failed: .*moderation.* \[item 0, video task_\w+\]$/i,
		);
		expect(api.requests({ method: 'GET', path: /^\/videos\/task_/ }).length).toBeLessThanOrEqual(4);
	});

	test("an unknown id gives the host's own message and code", async () => {
		const { error } = await run({
			resource: 'video',
			operation: 'get',
			videoId: 'task_missing',
			waitForCompletion: false,
		});
		expect(error?.message).toBe('task_not_exist [item 0, video task_missing]');
		expect(error?.description).toContain(
			'HTTP 400 from GET /videos/task_missing; code task_not_exist',
		);
	});

	test('the credential test passes with the right key and fails with a wrong one, sending the custom headers', async () => {
		const headers = { customHeaders: { header: [{ name: 'X-Route', value: 'eu-1' }] } };
		expect(await runCredentialTest({ ...credentials(), ...headers })).toMatchObject({ ok: true });
		expect(api.server.requests.at(-1)).toMatchObject({
			path: '/models',
			headers: { 'x-route': 'eu-1' },
		});
		expect(await runCredentialTest({ ...credentials(), apiKey: 'sk-wrong' })).toMatchObject({
			ok: false,
			status: 401,
		});
	});

	test('Model From List shows its video models only', async () => {
		const { results } = await searchList('searchModels', credentials());
		expect(results.map((r) => r.value)).toEqual(
			expect.arrayContaining(['sora-2', 'kling-v2-master', 'veo-3.1']),
		);
		expect(results.map((r) => r.value)).not.toContain('gpt-4o-mini');
	});

	test('a video of a task channel is fetched from the URL the host names, without the key', async () => {
		const { items, error } = await run(
			createParams({ model: model('kling-v2-master'), duration: '', size: '' }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json.resultUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
		expect(api.server.cdn.requests.length).toBeGreaterThan(0);
		expect(api.server.cdn.sawCredentials).toBe(false);
		expect((await readBinary(items[0].binary!.data)).subarray(4, 8).toString()).toBe('ftyp');
	});
});

describe('what a new-api gateway lacks', () => {
	const api = useReferenceServer({ mode: 'newapi', refreshMs: 100 });

	test.each([
		['List', { resource: 'video', operation: 'list', returnAll: true }],
		['Delete', { resource: 'video', operation: 'delete', videoId: 'task_x' }],
		['Character Get', { resource: 'character', operation: 'get', characterId: 'char_x' }],
	])('%s: with Host Type new-api, said before anything is sent', async (operation, parameters) => {
		const { error } = await api.run(parameters, {
			credentials: { ...api.credentials, hostType: 'newApi' },
		});
		expect(error?.message).toMatch(
			new RegExp(
				`^new-api gateway does not offer ${operation} \\[item 0(, (video|character) \\w+)?\\]$`,
			),
		);
		expect(api.requests()).toHaveLength(0);
	});

	test('List: with Host Type Auto, one request and the host named, never "retired"', async () => {
		const { error } = await api.run({ resource: 'video', operation: 'list', returnAll: true });
		expect(error?.message).toMatch(
			/^The host at http:\/\/127\.0\.0\.1:\d+\/v1 does not offer List \[item 0\]$/,
		);
		expect(api.requests()).toHaveLength(1);
	});

	test('a thumbnail is refused: the host answers every variant with the MP4', async () => {
		const videoId = await seedVideo(api.server);
		await untilTableSays(api.server.url, videoId, 'completed');
		const { error } = await api.run({
			resource: 'video',
			operation: 'download',
			videoId,
			variant: 'thumbnail',
		});
		expect(error?.message).toBe(
			'The host does not serve the thumbnail of a video, only the MP4 [item 0, video ' +
				videoId +
				']',
		);
		const known = await api.run(
			{ resource: 'video', operation: 'download', videoId, variant: 'spritesheet' },
			{ credentials: { ...api.credentials, hostType: 'newApi' } },
		);
		expect(known.error?.message).toMatch(/^The host does not serve the spritesheet/);
	});
});

describe('a lost create on a host without List', () => {
	const api = useReferenceServer({ mode: 'newapi', refreshMs: 100 });

	test('is not looked up with List and its error says where to look instead', async () => {
		api.server.injectFault({
			kind: 'server-error-after-processing',
			method: 'POST',
			path: '/videos',
		});
		const { error } = await api.run(createParams({ waitForCompletion: false }), {
			credentials: { ...api.credentials, hostType: 'newApi' },
		});
		expect(error?.message).toMatch(/^The request may have created a video/);
		expect(error?.description).toContain(
			'new-api gateway offers no List: look for the job in its dashboard or usage log',
		);
		expect(api.requests({ method: 'GET' })).toHaveLength(0);
		expect(api.server.createCount).toBe(1);
	});
});
