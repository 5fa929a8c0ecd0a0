import { readBinary } from '../harness/runNode';
import { readFixture } from '../server';
import { createParams, seedVideo, useReferenceServer } from './setup';

const api = useReferenceServer();

describe('Video → Create', () => {
	test('waits, downloads the MP4 byte for byte, and outputs the video with its cost estimate', async () => {
		const { items, error } = await api.run(createParams());
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const [item] = items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			object: 'video',
			status: 'completed',
			progress: 100,
			model: 'sora-2',
		});
		expect(item.json.estimatedCost).toEqual({
			usd: 0.4,
			usdPerSecond: 0.1,
			seconds: 4,
			priceSource: "OpenAI's list price; your gateway's may differ",
			basis: expect.stringContaining('sora-2'),
		});
		const binary = item.binary!.data;
		expect(binary.mimeType).toBe('video/mp4');
		expect(binary.fileName).toBe(`${String(item.json.id)}.mp4`);
		expect((await readBinary(binary)).equals(api.server.fixture('video'))).toBe(true);
		const [create] = api.requests({ method: 'POST' });
		expect(create.json).toEqual({
			prompt: 'A paper boat on a rainy street',
			model: 'sora-2',
			seconds: '4',
			size: '720x1280',
		});
		expect(create.headers.authorization).toBe('Bearer sk-test');
	});

	test('without waiting answers the queued job at once', async () => {
		const { items } = await api.run(createParams({ waitForCompletion: false }));
		expect(items[0].json.status).toBe('queued');
		expect(items[0].binary).toBeUndefined();
		expect(api.requests({ method: 'GET' })).toHaveLength(0);
	});

	test('puts the MP4 on the binary property the user named, with Download Video off none at all', async () => {
		const named = await api.run(createParams({ binaryPropertyName: 'clip' }));
		expect(Object.keys(named.items[0].binary!)).toEqual(['clip']);
		const off = await api.run(createParams({ downloadVideo: false }));
		expect(off.items[0].json.status).toBe('completed');
		expect(off.items[0].binary).toBeUndefined();
	});

	test('sends a reference image from an input binary property as multipart input_reference', async () => {
		const image = readFixture('input-1280x720.jpg');
		const { items, error } = await api.run(
			createParams({
				size: '1280x720',
				referenceImage: 'binary',
				referenceImageBinaryProperty: 'frame',
			}),
			{
				items: [
					{ binary: { frame: { data: image, fileName: 'first.jpg', mimeType: 'image/jpeg' } } },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('completed');
		const [create] = api.requests({ method: 'POST' });
		expect(create.contentType).toMatch(/^multipart\/form-data/);
		expect(create.form).toEqual({
			prompt: 'A paper boat on a rainy street',
			model: 'sora-2',
			seconds: '4',
			size: '1280x720',
		});
		expect(create.files?.input_reference).toMatchObject({
			filename: 'first.jpg',
			mimeType: 'image/jpeg',
			size: image.length,
		});
	});

	test('a failed generation is a NodeApiError with the API message and the video id', async () => {
		const { error } = await api.run(createParams({ prompt: 'forbidden [fail]' }));
		const [video] = [...api.server.videos.values()];
		expect(error?.message).toBe(
			`Video generation failed: Your request was blocked by our moderation system. [item 0, video ${video.id}]`,
		);
		expect(error?.name).toBe('NodeApiError');
	});
});

describe('Video → Remix, Get, Download, List, Delete', () => {
	test('Remix makes a new video from a completed one and waits for it', async () => {
		const sourceId = await seedVideo(api.server);
		const { items, error } = await api.run({
			resource: 'video',
			operation: 'remix',
			videoId: sourceId,
			prompt: 'make it night',
			waitOptions: { pollIntervalSeconds: 1 },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'completed', remixed_from_video_id: sourceId });
		expect(items[0].json.estimatedCost).toMatchObject({ usd: 0.4 });
		expect(items[0].binary?.data.mimeType).toBe('video/mp4');
		expect(api.requests({ method: 'POST', path: /\/remix$/ })[0].json).toEqual({
			prompt: 'make it night',
		});
	});

	test('Get answers the video object; with Wait for Completion it waits', async () => {
		const id = await seedVideo(api.server);
		const plain = await api.run({
			resource: 'video',
			operation: 'get',
			videoId: id,
			waitForCompletion: false,
		});
		expect(plain.items[0].json).toMatchObject({ id, status: 'completed' });
		expect(plain.items[0].json.estimatedCost).toBeUndefined();
		const queued = await api.run(createParams({ waitForCompletion: false }));
		const waited = await api.run({
			resource: 'video',
			operation: 'get',
			videoId: String(queued.items[0].json.id),
			waitForCompletion: true,
			downloadVideo: true,
			waitOptions: { pollIntervalSeconds: 1 },
		});
		expect(waited.items[0].json.status).toBe('completed');
		expect(waited.items[0].binary?.data.fileName).toBe(`${String(queued.items[0].json.id)}.mp4`);
	});

	test.each([
		['video', 'video/mp4', 'mp4'],
		['thumbnail', 'image/webp', 'webp'],
		['spritesheet', 'image/jpeg', 'jpg'],
	] as const)('Download of the %s variant', async (variant, mimeType, extension) => {
		const id = await seedVideo(api.server);
		const { items } = await api.run({
			resource: 'video',
			operation: 'download',
			videoId: id,
			variant,
			binaryPropertyName: 'file',
		});
		const binary = items[0].binary!.file;
		expect(binary).toMatchObject({ mimeType, fileName: `${id}.${extension}` });
		expect((await readBinary(binary)).equals(api.server.fixture(variant))).toBe(true);
		expect(items[0].json).toMatchObject({ id, variant });
	});

	test('List follows pages with Return All, stops at Limit, and keeps the order', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 130; i++) ids.push(await seedVideo(api.server, `video ${i}`));
		const all = await api.run({
			resource: 'video',
			operation: 'list',
			returnAll: true,
			order: 'asc',
		});
		expect(all.items.map((item) => item.json.id)).toEqual(ids);
		expect(api.requests({ method: 'GET', path: /^\/videos$/ }).map((r) => r.query)).toEqual([
			{ limit: '100', order: 'asc' },
			{ limit: '100', order: 'asc', after: ids[99] },
		]);
		const limited = await api.run({
			resource: 'video',
			operation: 'list',
			returnAll: false,
			limit: 5,
			order: 'desc',
		});
		expect(limited.items.map((item) => item.json.id)).toEqual(ids.slice(-5).reverse());
		expect(limited.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	test('Delete answers the deleted object and the video is gone', async () => {
		const id = await seedVideo(api.server);
		const { items } = await api.run({ resource: 'video', operation: 'delete', videoId: id });
		expect(items[0].json).toEqual({ object: 'video.deleted', deleted: true, id });
		expect(api.server.videos.has(id)).toBe(false);
	});
});
