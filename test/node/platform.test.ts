/** Options → Platform in n8n's engine against the reference server: asks a platform would reject are refused before any paid request. */
import { createParams, useReferenceServer } from './setup';

// Sized videos: a 720x1280 ask is served a 720x1280 MP4 (a portrait Short fits).
const api = useReferenceServer({ sizedVideos: true });

describe('Platform: refused before paying', () => {
	it('a landscape Size for YouTube Shorts fails the item naming the limit, with no request sent', async () => {
		const { error } = await api.run(
			createParams({ size: '1280x720', options: { platform: 'youtubeShorts' } }),
		);
		expect(error?.message).toBe(
			'Platform YouTube Shorts: YouTube Shorts takes vertical or square videos; Size is 1280x720 [item 0]',
		);
		expect(api.requests()).toEqual([]);
	});

	it("200 seconds for X fails the item naming X's 0.5-140 s, with no request sent", async () => {
		const params = createParams({
			model: { __rl: true, mode: 'id', value: 'veo-3.1-generate-preview' },
			duration: 200,
			options: { platform: 'x' },
		});
		const { error } = await api.run(params);
		expect(error?.message).toBe(
			'Platform X: X takes videos of 0.5-140 s; Duration is 200 s [item 0]',
		);
		expect(api.requests({ method: 'POST' })).toEqual([]);
	});

	it('with Continue On Fail, only the refused item fails; the others are made', async () => {
		const { items, error } = await api.run(
			createParams({ size: '={{ $json.size }}', options: { platform: 'youtubeShorts' } }),
			{
				items: [{ json: { size: '720x1280' } }, { json: { size: '1280x720' } }],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status ?? item.json.error)).toEqual([
			'completed',
			'Platform YouTube Shorts: YouTube Shorts takes vertical or square videos; Size is 1280x720 [item 1]',
		]);
		expect(api.requests({ method: 'POST' })).toHaveLength(1);
	});
});

describe('Platform: fills what the user left unset, within what the model takes', () => {
	const bodyOf = () => {
		const [create] = api.requests({ method: 'POST', path: /^\/videos$/ });
		return (create?.json ?? create?.form) as Record<string, unknown> | undefined;
	};

	it.each([
		['youtubeShorts', '720x1280'],
		['youtube', '1280x720'],
		['instagramReels', '720x1280'],
	])('%s: sora-2 without Aspect Ratio or Size is asked for %s', async (platform, size) => {
		// Flag: the reference server's 1 fps placeholder is below Instagram's 23 fps (the e2e renders 24 fps).
		const { items, error } = await api.run(
			createParams({ size: '', options: { platform, onPlatformLimit: 'flag' } }),
		);
		expect(error).toBeUndefined();
		expect(bodyOf()).toMatchObject({ size });
		expect(items[0].json.measured).toMatchObject({
			width: Number(size.split('x')[0]),
			height: Number(size.split('x')[1]),
		});
	});

	it('what the user set stays: 9:16 for YouTube (whose own pick is 16:9)', async () => {
		await api.run(
			createParams({ size: '', aspectRatio: '9:16', options: { platform: 'youtube' } }),
		);
		expect(bodyOf()).toMatchObject({ size: '720x1280' });
	});
});

describe('Platform: the delivered video checked against the limits', () => {
	const ELEVEN_MIB = 11 * 1024 * 1024;
	afterEach(() => api.server.setOptions({ largeVideoBytes: undefined }));

	it('a video within the limits passes with platform and fitsPlatform', async () => {
		const { items, error } = await api.run(createParams({ options: { platform: 'telegram' } }));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			status: 'completed',
			platform: 'telegram',
			fitsPlatform: true,
			platformProblems: [],
		});
		expect(items[0].binary?.data).toBeDefined();
	});

	it('an 11 MiB video for Discord fails the item, naming the limit and the video id', async () => {
		api.server.setOptions({ largeVideoBytes: ELEVEN_MIB });
		const { error } = await api.run(createParams({ options: { platform: 'discord' } }));
		const [videoId] = [...api.server.videos.keys()];
		expect(error?.message).toBe(
			`The video ${videoId} does not fit Discord (webhook): 11 MiB, Discord (webhook) takes at most 10 MiB [item 0]`,
		);
		expect(error?.description).toContain('Nothing was posted');
	});

	it('On Platform Limit → Flag passes it on with fitsPlatform false and the problems', async () => {
		api.server.setOptions({ largeVideoBytes: ELEVEN_MIB });
		const { items, error } = await api.run(
			createParams({ options: { platform: 'discord', onPlatformLimit: 'flag' } }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			platform: 'discord',
			fitsPlatform: false,
			platformProblems: ['11 MiB, Discord (webhook) takes at most 10 MiB'],
		});
		expect(items[0].json.measured).toMatchObject({ bytes: ELEVEN_MIB });
		expect(items[0].binary?.data).toBeDefined();
	});

	it('with Continue On Fail the over-limit item is an error item with its video id', async () => {
		api.server.setOptions({ largeVideoBytes: ELEVEN_MIB });
		const { items, error } = await api.run(createParams({ options: { platform: 'discord' } }), {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(
			/^The video video_\w+ does not fit Discord \(webhook\): 11 MiB/,
		);
		expect(items[0].json.videoId).toBe([...api.server.videos.keys()][0]);
	});
});

describe('Platform: Remix and Extend refused before paying when their source cannot fit', () => {
	async function landscapeSource(): Promise<string> {
		const response = await fetch(`${api.server.url}/videos`, {
			method: 'POST',
			headers: {
				authorization: 'Bearer sk-test',
				'content-type': 'application/json',
				'user-agent': 'sora-test-client',
			},
			body: JSON.stringify({
				prompt: 'landscape',
				model: 'sora-2',
				seconds: '4',
				size: '1280x720',
			}),
		});
		const { id } = (await response.json()) as { id: string };
		api.server.completeNow(id);
		return id;
	}

	it.each([
		['remix', {}],
		['extend', { videoSource: 'id', duration: 8 }],
	])(
		'%s of a landscape video for YouTube Shorts: the limit named, no paid request',
		async (operation, extra) => {
			const videoId = await landscapeSource();
			const { error } = await api.run({
				resource: 'video',
				operation,
				videoId,
				prompt: 'More of it',
				...extra,
				options: { platform: 'youtubeShorts' },
			});
			expect(error?.message).toBe(
				'Platform YouTube Shorts: YouTube Shorts takes vertical or square videos; Size is 1280x720 [item 0]',
			);
			expect(api.requests({ method: 'POST' }).filter((r) => r.path !== '/videos')).toEqual([]);
		},
	);
});
