/**
 * new-api's adaptors at its main of 2026-08-15 (issue 25), in n8n's engine against the reference
 * server: what they would drop or change in silence is refused before paying (0 POSTs), what they
 * read reaches the model and the MP4 measures as asked, and the gateway's own refusal shows as its own.
 */
import { readBinary } from '../harness/runNode';
import { useReferenceServer } from '../node/setup';
import { PORTRAIT_PNG } from '../server/family-jobs';
import { probeMp4 } from '../server/probe-mp4';

const api = useReferenceServer({ mode: 'newapi', generationMs: 300, refreshMs: 0 });
const posts = () => api.requests({ method: 'POST' });
const frame = (data: Buffer = PORTRAIT_PNG) => [
	{ json: {}, binary: { frame: { data, fileName: 'first.png', mimeType: 'image/png' } } },
];
const create = (model: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'video',
	operation: 'create',
	prompt: 'A paper boat drifting down a rainy street',
	model: { __rl: true, mode: 'id', value: model },
	waitForCompletion: true,
	downloadVideo: true,
	binaryPropertyName: 'data',
	waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 0.05 },
	...parameters,
});
const fromFrame = { referenceImage: 'binary', referenceImageBinaryProperty: 'frame' };
const bodyFields = (fields: Record<string, unknown>) => ({
	options: { additionalBodyFields: JSON.stringify(fields) },
});
const run = (parameters: Record<string, unknown>, data?: Buffer) =>
	api.run(parameters as never, {
		credentials: { ...api.credentials, hostType: 'newApi' },
		items: frame(data),
		continueOnFail: true,
	});

describe('refused before paying, naming what would have gone wrong', () => {
	test('a 21 MB first frame to Veo: the Gemini/Vertex adaptor would drop it (a text-to-video, paid)', async () => {
		const big = Buffer.concat([PORTRAIT_PNG, Buffer.alloc(21 * 1024 * 1024)]);
		const { items } = await run(
			create('veo-3.1-generate-preview', { duration: 8, ...fromFrame }),
			big,
		);
		expect(String(items[0].json.error)).toMatch(
			/new-api's Gemini\/Vertex \(Veo\) channel takes a first frame of at most 20 MB, not 21\.0 MB/,
		);
		expect(posts()).toHaveLength(0);
	});

	test('Veo: metadata.durationSeconds as a string would fail the submit (an int in the adaptor)', async () => {
		const { items } = await run(
			create('veo-3.1-generate-preview', bodyFields({ metadata: { durationSeconds: '8' } })),
		);
		expect(String(items[0].json.error)).toMatch(
			/metadata\.durationSeconds as a JSON number, not "8"/,
		);
		expect(posts()).toHaveLength(0);
	});

	test('Hailuo: metadata.model in Additional Body Fields would change the model in silence', async () => {
		const { items } = await run(
			create('MiniMax-Hailuo-02', bodyFields({ metadata: { model: 'MiniMax-Hailuo-2.3' } })),
		);
		expect(String(items[0].json.error)).toMatch(
			/would make the video with metadata\.model "MiniMax-Hailuo-2\.3" instead of Model "MiniMax-Hailuo-02"/,
		);
		expect(posts()).toHaveLength(0);
	});

	test('Wan 2.7 image-to-video without a first frame (the gateway refuses it)', async () => {
		const { items } = await run(create('wan2.7-i2v', { duration: 5 }));
		expect(String(items[0].json.error)).toMatch(
			/wan2\.7-i2v makes videos from a first frame \(Wan 2\.7 image-to-video\)/,
		);
		expect(posts()).toHaveLength(0);
	});

	test('Seedance 2.0 fast stops at 720p; 4k is offered on doubao-seedance-2-0-260128 only', async () => {
		const { items } = await run(create('doubao-seedance-2-0-fast-260128', { resolution: '4k' }));
		expect(String(items[0].json.error)).toMatch(
			/Resolution 4k is not offered by doubao-seedance-2-0-fast-260128: Seedance 2\.0 fast\/mini takes 480p or 720p/,
		);
		expect(posts()).toHaveLength(0);
	});
});

describe('what the adaptors read reaches the model', () => {
	test('Wan 2.7: first and last frame (input.media first_frame / last_frame) make the video asked', async () => {
		const { items } = await run(
			create('wan2.7-i2v', {
				duration: 10,
				resolution: '720p',
				...fromFrame,
				lastFrame: 'binary',
				lastFrameBinaryProperty: 'frame',
			}),
		);
		expect(items[0].json.error ?? null).toBeNull();
		const probed = probeMp4(await readBinary(items[0].binary!.data));
		expect([probed.width, probed.height, Math.round(probed.durationSeconds)]).toEqual([
			720, 1280, 10,
		]);
		const [video] = api.server.videos.values();
		expect([video.rendered?.firstFrameReached, video.rendered?.lastFrameReached]).toEqual([
			true,
			true,
		]);
		expect(posts()).toHaveLength(1);
	});

	test("Seedance: metadata.safety_identifier and metadata.priority pass beside the node's keys", async () => {
		const { items } = await run(
			create('doubao-seedance-2-0-260128', {
				duration: 5,
				aspectRatio: '9:16',
				resolution: '720p',
				...bodyFields({ metadata: { safety_identifier: 'user-42', priority: 1 } }),
			}),
		);
		expect(items[0].json).toMatchObject({ asAsked: true });
		expect(posts()[0].json).toMatchObject({
			seconds: '5',
			metadata: {
				duration: 5,
				ratio: '9:16',
				resolution: '720p',
				safety_identifier: 'user-42',
				priority: 1,
			},
		});
	});

	test('Seedance 2.0 (2-0-260128) at 4k: metadata.resolution 4k, a 3840x2160 MP4', async () => {
		const { items } = await run(
			create('doubao-seedance-2-0-260128', { duration: 5, aspectRatio: '16:9', resolution: '4k' }),
		);
		expect(items[0].json).toMatchObject({ asAsked: true, differences: [] });
		const probed = probeMp4(await readBinary(items[0].binary!.data));
		expect([probed.width, probed.height, Math.round(probed.durationSeconds)]).toEqual([
			3840, 2160, 5,
		]);
		expect(posts()[0].json).toMatchObject({ metadata: { resolution: '4k' } });
	});

	test("seconds outside 0-3600: the gateway's own refusal (HTTP 400 invalid_seconds), not a paid job", async () => {
		const { items } = await run(create('kling-v2-1', bodyFields({ duration: 4000 })));
		const error = String(items[0].json.error);
		expect(error).toBe(
			'new-api gateway refused the request: seconds must be between 0 and 3600 (code invalid_seconds) [item 0]',
		);
		expect(api.server.videos.size).toBe(0);
	});
});
