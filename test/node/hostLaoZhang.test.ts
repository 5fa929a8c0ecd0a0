import { Sora } from '../../nodes/Sora/Sora.node';
import { readBinary, registerNodeType, searchList } from '../harness/runNode';
import { runCredentialTest } from '../harness/credentialTest';
import { createParams, useReferenceServer } from './setup';

const muse = (value = 'muse-video') => ({ __rl: true, mode: 'id', value });

describe('LaoZhang API (Host Type LaoZhang)', () => {
	const api = useReferenceServer({ mode: 'laozhang', refreshMs: 100 });
	const credentials = () => ({ ...api.credentials, hostType: 'laoZhang' });
	const run = (
		parameters: Parameters<typeof api.run>[0],
		options: Parameters<typeof api.run>[1] = {},
	) => api.run(parameters, { credentials: credentials(), ...options });

	test('Create with wait: seconds as a string, aspect ratio, the first frame as image; the MP4 from video_url without the key', async () => {
		const { items, error } = await run(
			createParams({
				model: muse(),
				duration: 8,
				size: '',
				referenceImage: 'url',
				referenceImageUrl: 'https://example.com/first.png',
				aspectRatio: '9:16',
			}),
		);
		expect(error).toBeUndefined();
		expect(api.requests({ method: 'POST' })[0].json).toEqual({
			prompt: 'A paper boat on a rainy street',
			model: 'muse-video',
			seconds: '8',
			aspect_ratio: '9:16',
			image: 'https://example.com/first.png',
		});
		expect(items[0].json).toMatchObject({
			id: expect.stringMatching(/^task_/),
			status: 'completed',
			resultUrl: expect.any(String),
		});
		expect(api.server.cdn.requests.length).toBeGreaterThan(0);
		expect(api.server.cdn.sawCredentials).toBe(false);
		expect((await readBinary(items[0].binary!.data)).subarray(4, 8).toString()).toBe('ftyp');
	});

	test("as an agent's tool, the hint for a result file on the CDN never says to send the API key there", async () => {
		registerNodeType('n8n-nodes-sora.soraTool', new Sora());
		const { items, error } = await run(
			createParams({ model: muse(), duration: 8, size: '', aspectRatio: '9:16' }),
			{ nodeType: 'n8n-nodes-sora.soraTool' },
		);
		expect(error).toBeUndefined();
		const contentUrl = String(items[0].json.contentUrl);
		expect(contentUrl.startsWith(api.server.cdn.url)).toBe(true);
		expect(new URL(contentUrl).origin).not.toBe(new URL(api.server.url).origin);
		const hint = String(items[0].json.howToFetch);
		expect(hint).toMatch(/^GET contentUrl without the API key or any other credential/);
		expect(hint).not.toMatch(/with the API key/);
		expect(hint).toContain(new URL(contentUrl).origin);
		expect(api.server.cdn.requests).toHaveLength(0);
	});

	test("a failing prompt ends with the host's reason; an unknown id with its message", async () => {
		const failed = await run(
			createParams({ model: muse(), duration: '', size: '', prompt: 'blocked [fail]' }),
		);
		expect(failed.error?.message).toMatch(
			/^Video generation failed: (?!The host reported).+ \[item 0, video task_\w+\]$/,
		);
		const unknown = await run({ resource: 'video', operation: 'get', videoId: 'task_missing' });
		expect(unknown.error?.message).toBe('task_not_exist [item 0, video task_missing]');
	});

	test('what it lacks is said before anything is sent', async () => {
		const { error } = await run({ resource: 'video', operation: 'list', returnAll: true });
		expect(error?.message).toBe('LaoZhang API does not offer List [item 0]');
		expect(api.requests()).toHaveLength(0);
	});

	test('a resolution Muse does not make is refused before anything is sent', async () => {
		const { error } = await run(
			createParams({ model: muse(), duration: '', size: '', resolution: '1080p' }),
		);
		expect(error?.message).toBe(
			'Resolution 1080p is not offered by muse-video: Muse takes 720p [item 0]',
		);
		expect(api.requests()).toHaveLength(0);
	});

	test('the credential test and Model From List', async () => {
		expect(await runCredentialTest(credentials())).toMatchObject({
			ok: true,
			url: expect.stringMatching(/\/v1\/models$/),
		});
		const { results } = await searchList('searchModels', credentials());
		expect(results.map((r) => r.value)).toEqual(
			expect.arrayContaining(['muse-video', 'muse-video-20s']),
		);
	});
});
