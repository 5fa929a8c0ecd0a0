import { maxDownloadBytesOf } from '../../nodes/shared/downloadLimit';
import { readBinary } from '../harness/runNode';
import { TriggerHarness } from '../harness/runWebhook';
import { MODERATION_FAILURE, startReferenceServer, type ReferenceServer } from '../server';
import { call } from '../server/test-client';
import { newSecret, signedDelivery, videoEvent } from './deliveries';

const secret = newSecret();
let server: ReferenceServer;

beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 60_000 });
});
afterEach(() => server.reset());
afterAll(async () => await server.close());

function trigger(parameters: Record<string, unknown> = {}) {
	return new TriggerHarness({
		parameters: parameters as never,
		credentials: { apiKey: 'sk-test', baseUrl: server.url, webhookSecret: secret },
	});
}

/** A job on the reference server, finished now (completed, or failed with `[fail]`). */
async function finishedVideo(prompt = 'A paper boat'): Promise<string> {
	const created = await call(server, 'POST', '/videos', { json: { prompt } });
	server.completeNow(created.json.id);
	return created.json.id as string;
}

async function receive(harness: TriggerHarness, type: string, videoId: string) {
	const { answer, run } = await harness.receive(signedDelivery(secret, videoEvent(type, videoId)));
	expect(answer).toMatchObject({ status: 200, started: true });
	return await run!;
}

function requestsTo(method: string, path: string) {
	return server.requests.filter((request) => request.method === method && request.path === path)
		.length;
}

describe('Sora Trigger in the engine: Fetch Video and Download Video', () => {
	it('fetches the video and downloads the MP4 byte for byte onto the chosen binary property', async () => {
		const videoId = await finishedVideo();
		const { items, error } = await receive(
			trigger({ downloadVideo: true, binaryPropertyName: 'clip' }),
			'video.completed',
			videoId,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			type: 'video.completed',
			videoId,
			video: { id: videoId, status: 'completed' },
		});
		expect(items[0].json.error).toBeUndefined();
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const binary = items[0].binary!.clip;
		expect(binary).toMatchObject({ mimeType: 'video/mp4', fileName: `${videoId}.mp4` });
		expect((await readBinary(binary)).equals(server.fixture('video'))).toBe(true);
		// the fixture as the node measured it while storing it
		expect(items[0].json.measured).toEqual({
			width: 320,
			height: 180,
			durationSeconds: 2,
			frameRate: 15,
			videoCodec: 'h264',
			hasAudio: true,
			audioCodec: 'aac',
			bytes: server.fixture('video').length,
			fastStart: true,
		});
		expect(requestsTo('GET', `/videos/${videoId}`)).toBe(1);
		expect(
			server.requests.find((request) => request.path === `/videos/${videoId}/content`)?.query,
		).toEqual({ variant: 'video' });
		expect(server.contractViolations).toEqual([]);
	});

	it('outputs the event alone, without any request, when Fetch Video and Download Video are off', async () => {
		const videoId = await finishedVideo();
		const before = server.requests.length;
		const { items, error } = await receive(
			trigger({ fetchVideo: false, downloadVideo: false }),
			'video.completed',
			videoId,
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(
			expect.objectContaining({ type: 'video.completed', videoId, event: expect.any(Object) }),
		);
		expect(items[0].json.video).toBeUndefined();
		expect(items[0].binary).toBeUndefined();
		expect(server.requests.length).toBe(before);
	});

	it('downloads without fetching when only Download Video is on', async () => {
		const videoId = await finishedVideo();
		const { items } = await receive(
			trigger({ fetchVideo: false, downloadVideo: true }),
			'video.completed',
			videoId,
		);
		expect(items[0].json.video).toBeUndefined();
		expect((await readBinary(items[0].binary!.data)).equals(server.fixture('video'))).toBe(true);
		expect(requestsTo('GET', `/videos/${videoId}`)).toBe(0);
		expect(requestsTo('GET', `/videos/${videoId}/content`)).toBe(1);
	});

	it('refuses a video above the Max Download Size option, naming the video; the default is 2 GiB', async () => {
		const videoId = await finishedVideo();
		const size = server.fixture('video').length;
		const { error } = await receive(
			trigger({ fetchVideo: false, downloadVideo: true, options: { maxDownloadMib: 1 / 1024 } }),
			'video.completed',
			videoId,
		);
		expect(size).toBeGreaterThan(1024);
		expect(error?.message).toMatch(/larger than Max Download Size/);
		expect(error?.message).toContain(videoId);
		expect(maxDownloadBytesOf({})).toBe(2 * 1024 ** 3);
		expect(maxDownloadBytesOf({ maxDownloadMib: 0 })).toBe(2 * 1024 ** 3);
		expect(maxDownloadBytesOf({ maxDownloadMib: 5 })).toBe(5 * 1024 ** 2);
	});

	it("puts a failed video's error on the item, naming the video, even with Fetch Video off, and downloads nothing", async () => {
		const videoId = await finishedVideo('A cat [fail]');
		const { items, error } = await receive(
			trigger({ fetchVideo: false, downloadVideo: true }),
			'video.failed',
			videoId,
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			type: 'video.failed',
			videoId,
			video: { id: videoId, status: 'failed' },
		});
		expect((items[0].json.video as { error: { message: string } }).error.message).toBe(
			MODERATION_FAILURE.message,
		);
		expect(items[0].json.error).toBe(`Video ${videoId} failed: ${MODERATION_FAILURE.message}`);
		expect(items[0].binary).toBeUndefined();
	});

	it('fails the execution with an error naming the video when the host does not know it', async () => {
		const { items, error } = await receive(trigger(), 'video.completed', 'video_unknown123');
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/video_unknown123/);
	});

	it('outputs an error item instead under Continue On Fail', async () => {
		const harness = trigger();
		harness.workflowNode.onError = 'continueRegularOutput';
		const { items, error } = await receive(harness, 'video.completed', 'video_unknown456');
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ videoId: 'video_unknown456', type: 'video.completed' });
		expect(String(items[0].json.error)).toMatch(/video_unknown456/);
	});
});
