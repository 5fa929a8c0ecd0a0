import type { IExecuteFunctions } from 'n8n-workflow';

import { Sora } from '../../nodes/Sora/Sora.node';
import type { AskedVideo } from '../../nodes/Sora/domain/media';
import type { ModelFamilyId } from '../../nodes/Sora/models/registry';
import type { PreparedJob } from '../../nodes/Sora/runner/types';
import { forAgent } from '../../nodes/Sora/runner/toolRun';
import { create } from '../../nodes/Sora/actions/video/create.operation';
import type { SoraClient } from '../../nodes/Sora/transport/client';
import { logger, readBinary, registerNodeType } from '../harness/runNode';
import { testIf } from '../harness/needs';
import { expectSameReading, FFMPEG_MISSING, ffprobeReading, hasFfmpeg } from '../media/ffprobe';
import { createParams, useReferenceServer } from './setup';

/**
 * The delivered MP4 measured as it streams into n8n's binary store, on every item that carries a
 * video, and compared with what was asked. The server renders each video as large and as long as
 * its job says (`sizedVideos`); ffprobe reads the same served bytes.
 */

const api = useReferenceServer({ sizedVideos: true });
const itFfmpeg = testIf(hasFfmpeg(), FFMPEG_MISSING);

/** Until Create fills `asked` and `family` itself (the models work), a test sets them on the job Create prepares. */
function asking(asked: AskedVideo, family: ModelFamilyId = 'kling') {
	const original = create.prepare;
	return jest.spyOn(create, 'prepare').mockImplementation(async function (
		this: IExecuteFunctions,
		client: SoraClient,
		itemIndex: number,
	): Promise<PreparedJob> {
		return { ...(await original.call(this, client, itemIndex)), asked, family };
	});
}

afterEach(() => jest.restoreAllMocks());

const PORTRAIT_4S = { duration: 4, size: '720x1280' };
const ASKED_10S = { durationSeconds: 10, aspectRatio: '9:16', resolution: '720p' };

describe('Create with Download Video: the item says what the MP4 measures', () => {
	itFfmpeg(
		'measured equals ffprobe reading of the bytes the server served; the binary keeps its name, type and size',
		async () => {
			const { items, error } = await api.run(createParams(PORTRAIT_4S));
			expect(error).toBeUndefined();
			const [item] = items;
			const served = await api.server.servedBytes(String(item.json.id));
			const probed = ffprobeReading(served);
			expect(probed).toMatchObject({
				width: 720,
				height: 1280,
				durationSeconds: 4,
				fastStart: true,
			});
			expectSameReading(item.json.measured, probed);
			const binary = item.binary!.data;
			expect(binary).toMatchObject({
				fileName: `${String(item.json.id)}.mp4`,
				mimeType: 'video/mp4',
				fileExtension: 'mp4',
			});
			expect(binary.fileSize).toBeDefined();
			expect((await readBinary(binary)).equals(served)).toBe(true);
		},
	);

	itFfmpeg('a 16:9 video of 8 s measures as such', async () => {
		const { items } = await api.run(createParams({ duration: 8, size: '1280x720' }));
		expect(items[0].json.measured).toMatchObject({
			width: 1280,
			height: 720,
			durationSeconds: 8,
			videoCodec: 'h264',
			hasAudio: true,
			audioCodec: 'aac',
		});
	});

	itFfmpeg('as asked: asAsked true, no differences, the model family named', async () => {
		asking({ durationSeconds: 4, aspectRatio: '9:16', resolution: '720p' }, 'sora');
		const { items, error } = await api.run(createParams(PORTRAIT_4S));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			asAsked: true,
			differences: [],
			modelFamily: 'sora',
			measured: { width: 720, height: 1280 },
		});
	});

	itFfmpeg(
		'not as asked (On Difference: Warn, the default): the item passes with the differences, and a warning is logged',
		async () => {
			asking(ASKED_10S);
			logger.clear();
			const { items, error } = await api.run(createParams(PORTRAIT_4S));
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				status: 'completed',
				asAsked: false,
				differences: ['duration 4 s, asked 10 s'],
				modelFamily: 'kling',
			});
			expect(items[0].binary?.data).toBeDefined();
			const warnings = logger.lines
				.filter((line) => line.level === 'warn')
				.map((line) => line.message);
			expect(warnings).toContainEqual(
				expect.stringContaining(
					`the video is not as asked (model family kling): duration 4 s, asked 10 s [item 0, video ${String(items[0].json.id)}]`,
				),
			);
		},
	);

	itFfmpeg(
		'On Difference: Fail the Item fails it naming each difference and the video id',
		async () => {
			asking({ ...ASKED_10S, aspectRatio: '16:9', resolution: '1080p' });
			const { error } = await api.run(
				createParams({ ...PORTRAIT_4S, options: { onDifference: 'error' } }),
			);
			expect(error?.name).toBe('NodeOperationError');
			const videoId = api.requests({ method: 'GET', path: /\/content/ })[0].path.split('/')[2];
			expect(error?.message).toBe(
				`The video is not as asked: duration 4 s, asked 10 s; aspect ratio 9:16, asked 16:9; resolution 720p, asked 1080p [item 0, video ${videoId}]`,
			);
			expect(error?.description).toContain('model family kling');
		},
	);

	itFfmpeg(
		'with Continue On Fail: an error item that names the differences and keeps the paid video',
		async () => {
			asking(ASKED_10S);
			const { items, error } = await api.run(
				createParams({ ...PORTRAIT_4S, options: { onDifference: 'error' } }),
				{ continueOnFail: true },
			);
			expect(error).toBeUndefined();
			const [item] = items;
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({
				error: expect.stringContaining('The video is not as asked: duration 4 s, asked 10 s'),
				videoId: expect.any(String),
				asAsked: false,
				differences: ['duration 4 s, asked 10 s'],
				measured: { width: 720, height: 1280 },
			});
			expect(item.binary?.data?.fileName).toBe(`${String(item.json.videoId)}.mp4`);
		},
	);

	test('Download Video off: nothing is measured, nothing is compared', async () => {
		asking(ASKED_10S);
		const { items } = await api.run(createParams({ ...PORTRAIT_4S, downloadVideo: false }));
		expect(items[0].json.measured).toBeUndefined();
		expect(items[0].json.asAsked).toBeUndefined();
		expect(items[0].json.modelFamily).toBe('kling');
	});
});

describe('the other items that carry a video', () => {
	itFfmpeg('Download: the item carries measured', async () => {
		const made = await api.run(createParams({ ...PORTRAIT_4S, downloadVideo: false }));
		const videoId = String(made.items[0].json.id);
		const { items } = await api.run({
			resource: 'video',
			operation: 'download',
			videoId,
			variant: 'video',
			binaryPropertyName: 'data',
		});
		expectSameReading(
			items[0].json.measured,
			ffprobeReading(await api.server.servedBytes(videoId)),
		);
		const thumbnail = await api.run({
			resource: 'video',
			operation: 'download',
			videoId,
			variant: 'thumbnail',
			binaryPropertyName: 'data',
		});
		expect(thumbnail.items[0].json.measured).toBeUndefined();
	});

	describe('as an AI agent tool: the answer says what is known about the video being as asked', () => {
		registerNodeType('n8n-nodes-sora.soraTool', new Sora());

		test('no download as a tool: not measured, and the answer says so with what was asked', async () => {
			asking(ASKED_10S);
			const { items } = await api.run(createParams({ ...PORTRAIT_4S, waitOptions: undefined }), {
				nodeType: 'n8n-nodes-sora.soraTool',
			});
			expect(items[0].json.measured).toBeUndefined();
			expect(items[0].json.asAskedNote).toBe(
				'Not measured: as a tool the node does not download the MP4, so whether it is as asked (10 s, 9:16, 720p) is not known. ' +
					'The host reports seconds 4, size 720x1280, which some hosts copy from the request rather than from the video made. ' +
					'Download it with the Sora node (Download Video on) to have it measured.',
			);
		});

		test('a tool answer without asked (Get) says the length and size are not checked', async () => {
			const made = await api.run(createParams({ ...PORTRAIT_4S, downloadVideo: false }));
			const videoId = String(made.items[0].json.id);
			const { items } = await api.run(
				{ resource: 'video', operation: 'get', videoId },
				{ nodeType: 'n8n-nodes-sora.soraTool' },
			);
			expect(items[0].json.asAskedNote).toMatch(
				/^Not measured: as a tool the node does not download the MP4, so its real length and size are not checked\. The host reports seconds 4, size 720x1280/,
			);
		});

		test('a measured video (should a tool ever download): the answer says as asked, or lists the differences', () => {
			const client = {
				baseUrl: 'http://host/v1',
				host: { contentLocation: () => ({ url: 'http://host/v1/videos/video_1/content' }) },
			} as unknown as SoraClient;
			const measured = {
				width: 720,
				height: 1280,
				durationSeconds: 4,
				hasAudio: true,
				bytes: 1,
				fastStart: true,
			};
			const base = { id: 'video_1', status: 'completed', measured };
			expect(
				forAgent({ ...base, asAsked: true, differences: [] }, client, {
					durationSeconds: 4,
					aspectRatio: '9:16',
				}).asAskedNote,
			).toBe('The delivered MP4 was measured and is as asked (4 s, 9:16).');
			expect(
				forAgent(
					{ ...base, asAsked: false, differences: ['duration 4 s, asked 10 s'] },
					client,
					ASKED_10S,
				).asAskedNote,
			).toBe('The delivered MP4 was measured and is NOT as asked: duration 4 s, asked 10 s.');
		});
	});
});
