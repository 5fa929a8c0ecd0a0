import { readBinary } from '../harness/runNode';
import { probeMp4 } from '../server/probe-mp4';
import { call } from '../server/test-client';
import { useReferenceServer } from './setup';

/**
 * Issue 25: new-api's Vertex channel answers the finished video inside the status answer, as
 * `metadata.url` = `data:video/mp4;base64,…`. The node takes it: decoded into the binary store and
 * measured like any download, nothing sent to the network for it, and the output item stays small.
 */
describe("new-api's Vertex channel: the video as a data: URL in the status answer", () => {
	const api = useReferenceServer({ mode: 'newapi', generationMs: 300, refreshMs: 0 });
	const create = (waitOptions: Record<string, unknown> = {}) =>
		api.run(
			{
				resource: 'video',
				operation: 'create',
				prompt: 'A paper boat drifting down a rainy street',
				model: { __rl: true, mode: 'id', value: 'veo-3.0-generate-001' },
				duration: 6,
				aspectRatio: '9:16',
				resolution: '720p',
				waitForCompletion: true,
				downloadVideo: true,
				binaryPropertyName: 'data',
				waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 0.05, ...waitOptions },
			} as never,
			{ credentials: { ...api.credentials, hostType: 'newApi' }, continueOnFail: true },
		);

	test('the server answers so (the status answer carries the MP4)', async () => {
		await create();
		const [video] = [...api.server.videos.values()];
		const answer = await call(api.server, 'GET', `/videos/${video.id}`);
		expect(answer.json.metadata.url).toMatch(/^data:video\/mp4;base64,AAAA/);
	});

	test('downloaded, measured, the output item small, and no request sent for it', async () => {
		const { items, error } = await create();
		expect(error).toBeUndefined();
		expect(items[0].json.error ?? null).toBeNull();
		const bytes = await readBinary(items[0].binary!.data);
		const probed = probeMp4(bytes);
		expect([probed.width, probed.height, Math.round(probed.durationSeconds)]).toEqual([
			720, 1280, 6,
		]);
		expect(items[0].binary!.data).toMatchObject({ mimeType: 'video/mp4', fileExtension: 'mp4' });
		expect(items[0].json).toMatchObject({
			status: 'completed',
			asAsked: true,
			differences: [],
			measured: { width: 720, height: 1280, bytes: bytes.length },
			metadata: {
				url: expect.stringMatching(
					/^data:video\/mp4 \([\d.]+ MiB in the host's answer: downloaded into the binary data, not copied here\)$/,
				),
			},
		});
		expect(JSON.stringify(items[0].json).length).toBeLessThan(2000);
		expect(JSON.stringify(items[0].json)).not.toMatch(/base64,/);
		// nothing but the create and its status checks: no /content, no CDN file
		expect(api.requests().filter((request) => /\/content$/.test(request.path))).toEqual([]);
		expect(api.server.cdn.requests).toEqual([]);
	});

	test('Max Download Size is checked before decoding', async () => {
		const { items } = await create({ maxDownloadMib: 0.001 });
		expect(String(items[0].json.error)).toMatch(
			/^The video is larger than Max Download Size: [\d.]+ MiB > 0 MiB; nothing was kept/,
		);
	});
});
