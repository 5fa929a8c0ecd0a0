import { readBinary, searchList } from '../harness/runNode';
import { readFixture } from '../server';
import { createParams, useReferenceServer } from './setup';

const gatewayModel = (value: string) => ({ __rl: true, mode: 'id', value });

describe('another provider of the contract (gateway mode)', () => {
	const api = useReferenceServer({ mode: 'gateway' });

	test('its own model and fields go through untouched: Additional Body Fields, no size, its seconds', async () => {
		const { items, error } = await api.run(
			createParams({
				model: gatewayModel('gw-video-1'),
				duration: 10,
				size: '',
				options: {
					additionalBodyFields:
						'{"aspect_ratio": "16:9", "resolution": "720p", "audio": false, "seed": 7, "negative_prompt": "blur"}',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(api.requests({ method: 'POST' })[0].json).toEqual({
			prompt: 'A paper boat on a rainy street',
			model: 'gw-video-1',
			seconds: '10',
			aspect_ratio: '16:9',
			resolution: '720p',
			audio: false,
			seed: 7,
			negative_prompt: 'blur',
		});
		expect(items[0].json).toMatchObject({
			status: 'completed',
			aspect_ratio: '16:9',
			provider: expect.anything(),
		});
		expect(items[0].json.estimatedCost).toBeNull();
		expect((await readBinary(items[0].binary!.data)).equals(api.server.fixture('video'))).toBe(
			true,
		);
	});

	test('Additional Body Fields become form fields (nested values JSON-encoded) when a file is uploaded', async () => {
		await api.run(
			createParams({
				model: gatewayModel('gw-video-1'),
				duration: 5,
				size: '',
				referenceImage: 'binary',
				waitForCompletion: false,
				options: {
					additionalBodyFields: '{"aspect_ratio": "9:16", "resolution": "720p", "seed": 3}',
				},
			}),
			{
				items: [
					{
						binary: {
							data: {
								data: readFixture('input-720x1280.png'),
								fileName: 'f.png',
								mimeType: 'image/png',
							},
						},
					},
				],
			},
		);
		const [create] = api.requests({ method: 'POST' });
		expect(create.form).toEqual({
			prompt: 'A paper boat on a rainy street',
			model: 'gw-video-1',
			seconds: '5',
			aspect_ratio: '9:16',
			resolution: '720p',
			seed: '3',
		});
		expect(create.files?.input_reference.filename).toBe('f.png');
	});

	test('loose answers are tolerated: seconds as a number, no progress, content without a content type', async () => {
		const { items, error } = await api.run(
			createParams({ model: gatewayModel('gw-video-1-fast'), duration: 5, size: '' }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json.seconds).toBe('5');
		expect(items[0].binary!.data.mimeType).toBe('video/mp4');
		expect(items[0].binary!.data.fileName).toMatch(/\.mp4$/);
	});

	test('a status beyond the contract ends the wait with a clear message', async () => {
		const { items } = await api.run(
			createParams({
				model: gatewayModel('gw-video-1'),
				duration: 5,
				size: '',
				prompt: 'gone [expired]',
			}),
			{ continueOnFail: true },
		);
		expect(items[0].json.error).toMatch(
			/^Video generation failed: The video ended with status "expired" \[item 0, video video_\w+\]$/,
		);
	});

	test('Model "From List" shows the host\'s video models', async () => {
		const { results } = await searchList('searchModels', api.credentials);
		expect(results.map((r) => r.value)).toEqual(['gw-video-1', 'gw-video-1-fast']);
		const filtered = await searchList('searchModels', api.credentials, 'fast');
		expect(filtered.results.map((r) => r.value)).toEqual(['gw-video-1-fast']);
	});

	test('custom headers of the credential are sent with every request', async () => {
		await api.run(
			createParams({
				model: gatewayModel('gw-video-1'),
				duration: 5,
				size: '',
				waitForCompletion: false,
			}),
			{
				credentials: {
					...api.credentials,
					customHeaders: { header: [{ name: 'X-Route', value: 'eu-1' }] },
				},
			},
		);
		expect(api.requests({ method: 'POST' })[0].headers['x-route']).toBe('eu-1');
	});
});

describe('Model "From List" elsewhere', () => {
	const openai = useReferenceServer();
	test('lists the Sora models of an OpenAI-style host', async () => {
		const { results } = await searchList('searchModels', openai.credentials);
		expect(results.map((r) => r.value)).toEqual([
			'sora-2',
			'sora-2-2025-10-06',
			'sora-2-2025-12-08',
			'sora-2-pro',
			'sora-2-pro-2025-10-06',
		]);
	});
});

describe('Model "From List" when /models fails', () => {
	const host = useReferenceServer();
	test('says so in one short entry instead of guessing names', async () => {
		const { results } = await searchList('searchModels', {
			...host.credentials,
			apiKey: 'sk-wrong',
		});
		expect(results).toHaveLength(1);
		expect(results[0].name).toMatch(/^No model list \(.+\): use By ID$/);
		expect(results[0].value).toBe('');
	});
});
