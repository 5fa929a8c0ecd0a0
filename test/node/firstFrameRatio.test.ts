import { readBinary } from '../harness/runNode';
import { readFixture } from '../server/fixtures';
import { PORTRAIT_PNG } from '../server/family-jobs';
import { probeMp4 } from '../server/probe-mp4';
import { useReferenceServer } from './setup';

/**
 * Issue 25: Hailuo 02 and Wan 2.5 image-to-video make the video in the first frame's ratio. An Aspect
 * Ratio that matches the frame is taken (not sent: the frame decides) and the MP4 is compared with it;
 * one that does not is refused before paying.
 */
const LANDSCAPE_JPG = readFixture('input-1280x720.jpg');

describe('a model that follows the first frame (new-api)', () => {
	const api = useReferenceServer({ mode: 'newapi', generationMs: 300, refreshMs: 0 });
	const run = (model: string, frame: Buffer, extra: Record<string, unknown> = {}) =>
		api.run(
			{
				resource: 'video',
				operation: 'create',
				prompt: 'A paper boat drifting down a rainy street',
				model: { __rl: true, mode: 'id', value: model },
				duration: 10,
				aspectRatio: '9:16',
				referenceImage: 'binary',
				referenceImageBinaryProperty: 'frame',
				waitForCompletion: true,
				downloadVideo: true,
				binaryPropertyName: 'data',
				waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 0.05 },
				...extra,
			} as never,
			{
				credentials: { ...api.credentials, hostType: 'newApi' },
				items: [
					{
						json: {},
						binary: { frame: { data: frame, fileName: 'first', mimeType: 'image/png' } },
					},
				],
				continueOnFail: true,
			},
		);

	test.each([
		['MiniMax-Hailuo-02', '768p', [768, 1366]],
		['wan2.5-i2v-preview', '720p', [720, 1280]],
	])(
		'%s: a 720x1280 first frame with Aspect Ratio 9:16 gives a 9:16 MP4 (measured)',
		async (model, resolution, [width, height]) => {
			const { items, error } = await run(model, PORTRAIT_PNG, { resolution });
			expect(error).toBeUndefined();
			expect(items[0].json.error ?? null).toBeNull();
			const probed = probeMp4(await readBinary(items[0].binary!.data));
			expect([probed.width, probed.height, Math.round(probed.durationSeconds)]).toEqual([
				width,
				height,
				10,
			]);
			expect(items[0].json).toMatchObject({ asAsked: true, differences: [] });
			expect(api.requests({ method: 'POST' })).toHaveLength(1);
			const [post] = api.requests({ method: 'POST' });
			expect(JSON.stringify([post.json, post.form])).not.toMatch(/"9:16"|"aspect_?ratio"/i);
		},
	);

	test('with no Aspect Ratio, the MP4 is compared with the frame ratio', async () => {
		const { items } = await run('MiniMax-Hailuo-02', PORTRAIT_PNG, { aspectRatio: '' });
		expect(items[0].json).toMatchObject({ asAsked: true, differences: [] });
		expect(items[0].json.measured).toMatchObject({ width: 768, height: 1366 });
	});

	test.each([
		[
			'MiniMax-Hailuo-02',
			'Aspect Ratio 9:16 does not match the first frame (1280x720): the first frame is 16:9; Hailuo 02 makes the video in the frame\'s ratio. Set Aspect Ratio to 16:9 or "Model\'s Default", or use a 9:16 image',
		],
		[
			'wan2.5-i2v-preview',
			'Aspect Ratio 9:16 does not match the first frame (1280x720): the first frame is 16:9; Wan 2.5+ image-to-video makes the video in the frame\'s ratio. Set Aspect Ratio to 16:9 or "Model\'s Default", or use a 9:16 image',
		],
	])('%s: a landscape frame with 9:16 is refused, 0 paid requests', async (model, message) => {
		const { items } = await run(model, LANDSCAPE_JPG);
		expect(items[0].json.error).toBe(`${message} [item 0]`);
		expect(api.requests({ method: 'POST' })).toHaveLength(0);
	});

	test('a data URL first frame is read too; an http URL cannot be checked and is refused', async () => {
		const dataUrl = `data:image/png;base64,${PORTRAIT_PNG.toString('base64')}`;
		const fromData = await run('MiniMax-Hailuo-02', PORTRAIT_PNG, {
			referenceImage: 'url',
			referenceImageUrl: dataUrl,
		});
		expect(fromData.items[0].json).toMatchObject({ asAsked: true });
		api.server.reset();
		const fromHttp = await run('MiniMax-Hailuo-02', PORTRAIT_PNG, {
			referenceImage: 'url',
			referenceImageUrl: 'https://example.com/frame.png',
		});
		expect(String(fromHttp.items[0].json.error)).toMatch(
			/^Aspect Ratio 9:16 cannot be checked against the first frame: Hailuo 02 makes the video in the frame's ratio/,
		);
		expect(api.requests({ method: 'POST' })).toHaveLength(0);
	});
});
