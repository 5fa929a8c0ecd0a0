import { readBinary, searchList } from '../harness/runNode';
import { runCredentialTest } from '../harness/credentialTest';
import { createParams, useReferenceServer } from './setup';
import { readFixture } from '../server';

const veo = { __rl: true, mode: 'id', value: 'google/veo-3.1' };

describe.each([['Host Type OpenRouter', { hostType: 'openRouter' }]])(
	'OpenRouter (%s)',
	(_label, hostSetting) => {
		const api = useReferenceServer({ mode: 'openrouter' });
		const credentials = () => ({ ...api.credentials, ...hostSetting });
		const run = (
			parameters: Parameters<typeof api.run>[0],
			options: Parameters<typeof api.run>[1] = {},
		) => api.run(parameters, { credentials: credentials(), ...options });
		const posts = () => api.requests({ method: 'POST', path: /^\/videos$/ });

		test('Create with wait: Seconds → duration, Size → resolution + aspect ratio, the MP4 from unsigned_urls, the reported cost', async () => {
			const { items, error } = await run(
				createParams({ model: veo, duration: 8, size: '1280x720' }),
			);
			expect(error).toBeUndefined();
			expect(posts()[0].json).toEqual({
				model: 'google/veo-3.1',
				prompt: 'A paper boat on a rainy street',
				duration: 8,
				resolution: '720p',
				aspect_ratio: '16:9',
			});
			expect(items[0].json).toMatchObject({
				id: expect.stringMatching(/^job-/),
				status: 'completed',
				resultUrl: expect.stringContaining('/content?index=0'),
				reportedCost: { usd: expect.any(Number) },
			});
			// OpenRouter's own price for the model (its /videos/models pricing_skus)
			expect(items[0].json.estimatedCost).toMatchObject({
				usd: 3.2,
				priceSource: "OpenRouter's price, from its model list",
			});
			expect((await readBinary(items[0].binary!.data)).subarray(4, 8).toString()).toBe('ftyp');
			expect(api.requests({ path: /\/content$/ })[0].headers.authorization).toBe('Bearer sk-test');
		});

		test('a first frame from the input goes as frame_images (a data URL), with the OpenRouter options', async () => {
			const png = readFixture('input-720x1280.png');
			const { error } = await run(
				createParams({
					model: veo,
					duration: 4,
					size: '720x1280',
					referenceImage: 'binary',
					waitForCompletion: false,
					options: { generateAudio: false, callbackUrl: 'https://n8n.example.com/webhook/sora' },
				}),
				{ items: [{ binary: { data: { data: png, fileName: 'f.png', mimeType: 'image/png' } } }] },
			);
			expect(error).toBeUndefined();
			expect(posts()[0].json).toMatchObject({
				duration: 4,
				resolution: '720p',
				aspect_ratio: '9:16',
				generate_audio: false,
				callback_url: 'https://n8n.example.com/webhook/sora',
				frame_images: [
					{
						type: 'image_url',
						image_url: { url: `data:image/png;base64,${png.toString('base64')}` },
						frame_type: 'first_frame',
					},
				],
			});
		});

		test('a duration or resolution the model does not list is refused before any create, naming what it takes', async () => {
			const seconds = await run(createParams({ model: veo, duration: 5 }));
			expect(seconds.error?.message).toBe(
				'Duration 5 s is not offered by google/veo-3.1: google/veo-3.1 on OpenRouter takes 4, 6 or 8 seconds [item 0]',
			);
			const resolution = await run(createParams({ model: veo, size: '', resolution: '4K' }));
			expect(resolution.error?.message).toBe(
				'Resolution 4K is not offered by google/veo-3.1: google/veo-3.1 on OpenRouter takes 720p or 1080p [item 0]',
			);
			expect(posts()).toHaveLength(0);
		});

		test('a field OpenRouter does not take is refused before anything is sent', async () => {
			const { error } = await run(
				createParams({ model: veo, options: { characterIds: 'char_1' } }),
			);
			expect(error?.message).toBe('OpenRouter takes no Character IDs: remove it [item 0]');
			expect(posts()).toHaveLength(0);
		});

		test("a failed job ends with OpenRouter's reason (its error is a string)", async () => {
			const { error } = await run(createParams({ model: veo, prompt: 'blocked [fail]' }));
			expect(error?.message).toMatch(
				/^Video generation failed: (?!The host reported the generation as failed without a reason).+ \[item 0, video job-[\w-]+\]$/,
			);
		});

		test("an unknown id gives OpenRouter's message", async () => {
			const { error } = await run({
				resource: 'video',
				operation: 'get',
				videoId: 'job-missing',
				waitForCompletion: false,
			});
			expect(error?.httpCode).toBe('404');
			expect(error?.message).not.toMatch(/retired|HTTP 404$/);
		});

		test.each([
			['List', { resource: 'video', operation: 'list', returnAll: true }],
			['Delete', { resource: 'video', operation: 'delete', videoId: 'job-1' }],
			['Remix', { resource: 'video', operation: 'remix', videoId: 'job-1', prompt: 'again' }],
		])('%s is said to be missing before anything is sent', async (operation, parameters) => {
			const { error } = await run(parameters);
			expect(error?.message).toMatch(
				new RegExp(`^OpenRouter does not offer ${operation} \\[item 0`),
			);
			expect(api.requests()).toHaveLength(0);
		});

		test('the credential test uses /key (its /models answers without a key)', async () => {
			expect(await runCredentialTest(credentials())).toMatchObject({
				ok: true,
				url: expect.stringMatching(/\/api\/v1\/key$/),
			});
			expect(await runCredentialTest({ ...credentials(), apiKey: 'sk-wrong' })).toMatchObject({
				ok: false,
				status: 401,
			});
		});

		test('Model From List reads /videos/models, with durations and resolutions', async () => {
			const { results } = await searchList('searchModels', credentials());
			expect(results).toEqual([
				{
					name: 'bytedance/seedance-1-pro (5/10 s, 480p/720p/1080p)',
					value: 'bytedance/seedance-1-pro',
				},
				{ name: 'google/veo-3.1 (4/6/8 s, 720p/1080p)', value: 'google/veo-3.1' },
				{ name: 'minimax/hailuo-3 (6/10 s, 768p/1080p/2K)', value: 'minimax/hailuo-3' },
			]);
		});
	},
);

test('Auto recognises OpenRouter by its Base URL', async () => {
	const { dialectFor } = await import('../../nodes/Sora/hosts');
	expect(dialectFor('auto', 'https://openrouter.ai/api/v1').dialect.label).toBe('OpenRouter');
});
