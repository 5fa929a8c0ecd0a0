import { readBinary } from '../harness/runNode';
import { readFixture } from '../server';
import { createParams, seedVideo, sora2pro, useReferenceServer } from './setup';

const api = useReferenceServer();

describe('no duplicate jobs', () => {
	test.each([['reset-before-response'], ['server-error-503']] as const)(
		'after %s on a create the POST is not sent again; List finds no job, so the item says the job may exist',
		async (kind) => {
			api.server.injectFault({ kind, method: 'POST', path: '/videos' });
			const { error } = await api.run(createParams());
			expect(api.requests({ method: 'POST' })).toHaveLength(1);
			expect(api.requests({ method: 'GET', path: /^\/videos$/ }).length).toBeGreaterThanOrEqual(1);
			expect(error?.message).toMatch(
				/^The request may have created a video that is now being generated \(and charged\): .* after it was sent \[item 0\]$/,
			);
			expect(error?.description).toContain(
				'Use the List operation (Order: Descending) to find the job',
			);
		},
	);

	test.each([['server-error-after-processing'], ['reset-after-processing']] as const)(
		'after %s the POST is not sent again, and the job it started is found with List and delivered',
		async (kind) => {
			api.server.injectFault({ kind, method: 'POST', path: '/videos' });
			const { items, error } = await api.run(createParams());
			expect(error).toBeUndefined();
			expect(api.requests({ method: 'POST' })).toHaveLength(1);
			expect(api.server.createCount).toBe(1);
			const [job] = [...api.server.videos.keys()];
			expect(items[0].json).toMatchObject({ id: job, status: 'completed' });
			expect((await readBinary(items[0].binary!.data)).equals(api.server.fixture('video'))).toBe(
				true,
			);
		},
	);

	test('with identical prompts, a lost answer never takes the video of another item', async () => {
		api.server.injectFault({ kind: 'reset-after-processing', method: 'POST', path: '/videos' });
		const { items, error } = await api.run(createParams(), {
			items: [{ json: {} }, { json: {} }, { json: {} }],
		});
		expect(error).toBeUndefined();
		expect(api.server.createCount).toBe(3);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(3);
		expect(items.every((item) => item.json.status === 'completed')).toBe(true);
	});

	test('a 429 on a create proves it was not processed: it is retried once the host allows it', async () => {
		api.server.injectFault({ kind: 'rate-limit', method: 'POST', path: '/videos' });
		const { items, error } = await api.run(createParams());
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('completed');
		expect(api.requests({ method: 'POST' })).toHaveLength(2);
		expect(api.server.createCount).toBe(1);
	});

	test('a refused connection proves the create was not sent: it is retried', async () => {
		const { items } = await api.run(createParams(), {
			credentials: { apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9/v1' },
			continueOnFail: true,
		});
		expect(items[0].json.error).toBe('The host could not be reached: connection refused [item 0]');
		expect(items[0].json.errorDescription).toBe(
			'POST /videos at http://127.0.0.1:9/v1 could not be sent after 6 attempts (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9). Nothing reached the host, so nothing was created or charged.',
		);
	});

	test('every create carries an Idempotency-Key, one per item and execution', async () => {
		await api.run(createParams({ waitForCompletion: false }), {
			items: [{ json: {} }, { json: {} }],
		});
		const keys = api.requests({ method: 'POST' }).map((r) => r.headers['idempotency-key']);
		expect(keys).toHaveLength(2);
		expect(keys[0]).toMatch(/^[0-9a-f]{40}$/);
		expect(new Set(keys).size).toBe(2);
	});
});

describe('preflight validation: a clear error and not a single request', () => {
	const image = (name: string, mimeType: string) => [
		{ json: {}, binary: { data: { data: readFixture(name), fileName: 'upload.bin', mimeType } } },
	];
	test.each([
		[
			'a too long prompt',
			{ prompt: 'x'.repeat(32001) },
			undefined,
			'Prompt is 32001 characters long; the limit is 32000. Shorten it by 1 characters. [item 0]',
		],
		[
			'a duration sora-2 does not make',
			{ duration: 10 },
			undefined,
			'Duration 10 s is not offered by sora-2: sora-2 takes 4, 8, 12, 16 or 20 seconds [item 0]',
		],
		[
			'a pro-only size with sora-2',
			{ size: '1920x1080' },
			undefined,
			'Size 1920x1080 is not offered by sora-2: sora-2 takes 720x1280 or 1280x720. sora-2-pro also takes 1024x1792, 1792x1024, 1080x1920 and 1920x1080 [item 0]',
		],
		[
			'a reference image of the wrong type (read from its bytes)',
			{ referenceImage: 'binary' },
			image('input-720x1280.gif', 'image/png'),
			'Reference image is image/gif; the API accepts image/jpeg, image/png or image/webp. Convert it to one of those. [item 0]',
		],
		[
			'a reference image of the wrong size',
			{ referenceImage: 'binary' },
			image('input-640x480.png', 'image/png'),
			'Reference image is 640x480 but Size is 720x1280: the first frame must match the video size exactly. Resize the image to 720x1280. [item 0]',
		],
		[
			'more than two characters',
			{ options: { characterIds: 'char_1, char_2, char_3' } },
			undefined,
			'3 character IDs given; a video can include at most 2. Remove 1. [item 0]',
		],
		[
			'invalid Additional Body Fields',
			{ options: { additionalBodyFields: '{"seed": 7' } },
			undefined,
			expect.stringMatching(/^Additional Body Fields is not valid JSON: .* \[item 0\]$/),
		],
		[
			'Additional Body Fields colliding with a field',
			{ options: { additionalBodyFields: '{"size": "1x1"}' } },
			undefined,
			'Additional Body Fields sets "size", which the node already sends from its own fields [item 0]',
		],
		[
			'an image URL that is neither http(s) nor a data URL',
			{ referenceImage: 'url', referenceImageUrl: 'ftp://example.com/a.png' },
			undefined,
			expect.stringContaining('[item 0]'),
		],
	])('%s', async (_name, overrides, items, message) => {
		const { error } = await api.run(createParams(overrides), items ? { items } : {});
		expect(error?.message).toEqual(message);
		expect(error?.name).toBe('NodeOperationError');
		expect(api.server.requests).toHaveLength(0);
	});

	test('a character whose name the prompt does not mention is refused before the paid request', async () => {
		const character = await api.run(
			{ resource: 'character', operation: 'create', name: 'Mossy' },
			{
				items: [
					{
						binary: {
							data: {
								data: api.server.fixture('video'),
								fileName: 'mossy.mp4',
								mimeType: 'video/mp4',
							},
						},
					},
				],
			},
		);
		const id = String(character.items[0].json.id);
		const refused = await api.run(createParams({ options: { characterIds: id } }));
		expect(refused.error?.message).toBe(
			'Prompt does not mention the character "Mossy": add each character\'s name to the prompt [item 0]',
		);
		expect(api.server.createCount).toBe(0);
		const accepted = await api.run(
			createParams({ prompt: 'Mossy rows the paper boat', options: { characterIds: id } }),
		);
		expect(accepted.items[0].json.status).toBe('completed');
		expect(api.requests({ method: 'POST', path: /^\/videos$/ })[0].json).toMatchObject({
			characters: [{ id }],
		});
	});
});

describe('cost estimate and budget cap', () => {
	test('each output carries its estimate from the price table', async () => {
		const { items } = await api.run(
			createParams({ model: sora2pro, size: '1792x1024', duration: 8, waitForCompletion: false }),
		);
		expect(items[0].json.estimatedCost).toEqual({
			usd: 4,
			usdPerSecond: 0.5,
			seconds: 8,
			priceSource: "OpenAI's list price; your gateway's may differ",
			basis: expect.stringContaining('sora-2-pro (Sora 2) 1792x1024'),
		});
	});

	test('an unknown model has a null estimate', async () => {
		const { items } = await api.run(
			createParams({
				model: { __rl: true, mode: 'id', value: 'other-video-model' },
				waitForCompletion: false,
			}),
		);
		expect(items[0].json.estimatedCost).toBeNull();
	});

	test('a batch over Max Estimated Cost per Execution is refused whole, with the sum and the cap, before any request', async () => {
		const { error } = await api.run(
			createParams({
				model: sora2pro,
				size: '1920x1080',
				duration: 12,
				options: { maxEstimatedCostUsd: 20 },
			}),
			{
				items: [{ json: {} }, { json: {} }, { json: {} }],
			},
		);
		expect(error?.message).toBe(
			'Estimated cost $25.20 for 3 videos is above Max Estimated Cost per Execution ($20.00): nothing was sent',
		);
		expect(api.server.requests).toHaveLength(0);
	});

	test('a batch within the cap goes through', async () => {
		const { items } = await api.run(
			createParams({ waitForCompletion: false, options: { maxEstimatedCostUsd: 1 } }),
			{ items: [{ json: {} }, { json: {} }] },
		);
		expect(items).toHaveLength(2);
		expect(api.server.createCount).toBe(2);
	});
});

describe('Edit, Extend, Characters, image URL', () => {
	test('Edit by video id sends {prompt, video: {id}} and waits for the result', async () => {
		const id = await seedVideo(api.server);
		const { items, error } = await api.run({
			resource: 'video',
			operation: 'edit',
			videoSource: 'id',
			videoId: id,
			prompt: 'add snow',
			waitOptions: { pollIntervalSeconds: 1 },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('completed');
		expect(items[0].json.estimatedCost).toMatchObject({ usd: 0.4 });
		expect(api.requests({ method: 'POST' })[0]).toMatchObject({
			path: '/videos/edits',
			json: { prompt: 'add snow', video: { id } },
		});
	});

	test('Edit of an uploaded video sends it as multipart', async () => {
		const { items } = await api.run(
			{
				resource: 'video',
				operation: 'edit',
				videoSource: 'binary',
				videoBinaryProperty: 'data',
				prompt: 'add snow',
				waitOptions: { pollIntervalSeconds: 1 },
			},
			{
				items: [
					{
						binary: {
							data: {
								data: api.server.fixture('video'),
								fileName: 'mine.mp4',
								mimeType: 'video/mp4',
							},
						},
					},
				],
			},
		);
		expect(items[0].json.status).toBe('completed');
		const [edit] = api.requests({ method: 'POST' });
		expect(edit.files?.video).toMatchObject({ filename: 'mine.mp4', mimeType: 'video/mp4' });
		expect(items[0].json.estimatedCost).toBeNull();
	});

	test('Extend adds seconds, priced by the source model and size', async () => {
		const id = await seedVideo(api.server);
		const { items } = await api.run({
			resource: 'video',
			operation: 'extend',
			videoSource: 'id',
			videoId: id,
			prompt: 'keep going',
			duration: 8,
			waitOptions: { pollIntervalSeconds: 1 },
		});
		expect(items[0].json).toMatchObject({ status: 'completed', seconds: '12' });
		expect(items[0].json.estimatedCost).toMatchObject({ usd: 0.8, seconds: 8 });
		expect((await readBinary(items[0].binary!.data)).length).toBeGreaterThan(0);
	});

	test('Character Create and Get', async () => {
		const created = await api.run(
			{ resource: 'character', operation: 'create', name: 'Captain Fin' },
			{
				items: [
					{
						binary: {
							data: {
								data: api.server.fixture('video'),
								fileName: 'fin.mp4',
								mimeType: 'video/mp4',
							},
						},
					},
				],
			},
		);
		expect(created.items[0].json).toMatchObject({
			id: expect.stringMatching(/^char_/),
			name: 'Captain Fin',
		});
		const got = await api.run({
			resource: 'character',
			operation: 'get',
			characterId: String(created.items[0].json.id),
		});
		expect(got.items[0].json).toEqual(created.items[0].json);
	});

	test('a reference image by data URL goes as JSON input_reference.image_url', async () => {
		const url = `data:image/png;base64,${readFixture('input-720x1280.png').toString('base64')}`;
		const { items } = await api.run(
			createParams({ referenceImage: 'url', referenceImageUrl: url, waitForCompletion: false }),
		);
		expect(items[0].json.status).toBe('queued');
		expect(api.requests({ method: 'POST' })[0].json).toMatchObject({
			input_reference: { image_url: url },
		});
	});
});
