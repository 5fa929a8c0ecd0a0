import type { MeasuredVideo } from '../../nodes/Sora/domain/media';
import {
	aspectOf,
	checkMeasuredVideo,
	isPlatformId,
	planForPlatform,
	PLATFORM_IDS,
	PLATFORMS,
	type ModelChoices,
} from '../../nodes/Sora/domain/platforms';

const SORA: ModelChoices = {
	durations: [4, 8, 12],
	aspectRatios: ['16:9', '9:16'],
	defaultDuration: 4,
	defaultAspectRatio: '9:16',
};
const LANDSCAPE_ONLY: ModelChoices = {
	durations: [5, 10],
	aspectRatios: ['16:9'],
	defaultDuration: 5,
	defaultAspectRatio: '16:9',
};
const UNKNOWN: ModelChoices = { durations: [], aspectRatios: [] };

/** A 720x1280 H.264/AAC MP4 with its moov first: it fits every target (platforms.md). */
const FITS_ALL: MeasuredVideo = {
	width: 720,
	height: 1280,
	durationSeconds: 8,
	frameRate: 24,
	videoCodec: 'h264',
	hasAudio: true,
	audioCodec: 'aac',
	bytes: 3 * 1024 * 1024,
	fastStart: true,
};

describe('PLATFORMS', () => {
	it('has the eight targets of issue 20', () => {
		expect(PLATFORM_IDS).toEqual([
			'youtubeShorts',
			'youtube',
			'instagramReels',
			'tiktok',
			'x',
			'telegram',
			'discord',
			'linkedin',
		]);
		expect(isPlatformId('discord')).toBe(true);
		expect(isPlatformId('myspace')).toBe(false);
	});

	it('states the limits of platforms.md', () => {
		expect(PLATFORMS.telegram.maxBytes).toBe(50_000_000);
		expect(PLATFORMS.discord.maxBytes).toBe(10 * 1024 * 1024);
		expect([PLATFORMS.x.minSeconds, PLATFORMS.x.maxSeconds]).toEqual([0.5, 140]);
		expect(PLATFORMS.youtubeShorts.maxSeconds).toBe(180);
		expect(PLATFORMS.instagramReels).toMatchObject({
			minSeconds: 3,
			maxSeconds: 900,
			needsFastStart: true,
			maxWidth: 1920,
		});
		expect(PLATFORMS.tiktok).toMatchObject({ maxSeconds: 600, minSide: 360, maxSide: 4096 });
		expect(PLATFORMS.linkedin).toMatchObject({
			minSeconds: 3,
			maxSeconds: 1800,
			maxBytes: 500_000_000,
		});
	});

	it.each(PLATFORM_IDS)('a 720x1280 H.264/AAC fast-start MP4 of 8 s fits %s', (platform) => {
		expect(checkMeasuredVideo(platform, FITS_ALL)).toEqual([]);
	});
});

describe('aspectOf', () => {
	it('reads ratios and sizes', () => {
		expect(aspectOf('9:16')).toBeCloseTo(0.5625);
		expect(aspectOf('1280x720')).toBeCloseTo(16 / 9);
		expect(aspectOf('wide')).toBeUndefined();
		expect(aspectOf('0:1')).toBeUndefined();
	});
});

describe('planForPlatform: asks the platform would reject', () => {
	it('refuses a 200 s video for X, naming the limit', () => {
		expect(planForPlatform('x', { durationSeconds: 200 }, SORA).problems).toEqual([
			expect.objectContaining({
				field: 'Duration',
				message: 'X takes videos of 0.5-140 s; Duration is 200 s',
			}),
		]);
	});

	it('refuses a landscape Short, by Aspect Ratio or by Size', () => {
		expect(planForPlatform('youtubeShorts', { aspectRatio: '16:9' }, SORA).problems).toEqual([
			expect.objectContaining({
				field: 'Aspect Ratio',
				message: 'YouTube Shorts takes vertical or square videos; Aspect Ratio is 16:9',
			}),
		]);
		expect(planForPlatform('youtubeShorts', { size: '1280x720' }, SORA).problems).toEqual([
			expect.objectContaining({
				field: 'Size',
				message: 'YouTube Shorts takes vertical or square videos; Size is 1280x720',
			}),
		]);
	});

	it('refuses a Short over 3 minutes and a 2 s Reel', () => {
		expect(
			planForPlatform('youtubeShorts', { durationSeconds: 181, aspectRatio: '9:16' }, SORA)
				.problems[0].message,
		).toBe('YouTube Shorts takes videos of at most 180 s; Duration is 181 s');
		expect(
			planForPlatform('instagramReels', { durationSeconds: 2 }, SORA).problems[0].message,
		).toBe('Instagram Reels takes videos of 3-900 s; Duration is 2 s');
	});

	it('refuses when no ratio the model takes fits', () => {
		expect(planForPlatform('youtubeShorts', {}, LANDSCAPE_ONLY).problems).toEqual([
			expect.objectContaining({
				field: 'Aspect Ratio',
				message: 'No aspect ratio this model takes fits YouTube Shorts (vertical or square)',
			}),
		]);
	});

	it('accepts square for Shorts, 3:1 for X', () => {
		expect(
			planForPlatform('youtubeShorts', { aspectRatio: '1:1', durationSeconds: 8 }, SORA).problems,
		).toEqual([]);
		expect(planForPlatform('x', { aspectRatio: '3:1', durationSeconds: 8 }, SORA).problems).toEqual(
			[],
		);
		expect(
			planForPlatform('x', { aspectRatio: '4:1', durationSeconds: 8 }, SORA).problems[0].field,
		).toBe('Aspect Ratio');
	});
});

describe('planForPlatform: fills what the user left unset, within what the model takes', () => {
	it("picks the platform's ratio when the model takes it and keeps the model's duration when it fits", () => {
		expect(planForPlatform('youtubeShorts', {}, SORA)).toEqual({
			aspectRatio: '9:16',
			durationSeconds: undefined,
			problems: [],
		});
		expect(planForPlatform('youtube', {}, SORA)).toEqual({
			aspectRatio: '16:9',
			durationSeconds: undefined,
			problems: [],
		});
	});

	it('picks the shortest duration that fits when the default does not', () => {
		const shortDefault: ModelChoices = { ...SORA, durations: [2, 4, 8], defaultDuration: 2 };
		expect(planForPlatform('instagramReels', {}, shortDefault).durationSeconds).toBe(4);
	});

	it('leaves the fields alone for a platform without a preference whose limits the defaults meet', () => {
		expect(planForPlatform('telegram', {}, SORA)).toEqual({ problems: [] });
	});

	it('fills nothing for a platform without duration or shape limits, even for a model without defaults', () => {
		expect(
			planForPlatform('discord', {}, { durations: [5, 10], aspectRatios: ['16:9', '9:16'] }),
		).toEqual({ problems: [] });
	});

	it('X (no preferred duration) keeps a fitting default and picks the shortest fitting duration otherwise', () => {
		expect(
			planForPlatform('x', {}, { ...SORA, durations: [4, 8, 12] }).durationSeconds,
		).toBeUndefined();
		expect(
			planForPlatform('x', {}, { ...SORA, durations: [150, 60, 200], defaultDuration: 200 })
				.durationSeconds,
		).toBe(60);
	});

	it('keeps what the user set', () => {
		expect(
			planForPlatform('youtubeShorts', { aspectRatio: '1:1', durationSeconds: 12 }, SORA),
		).toEqual({ problems: [] });
	});

	it('fills nothing for a model whose choices are unknown', () => {
		expect(planForPlatform('youtubeShorts', {}, UNKNOWN)).toEqual({ problems: [] });
	});
});

describe('checkMeasuredVideo', () => {
	it("names a file over Discord's 10 MiB and Telegram's 50 MB", () => {
		expect(
			checkMeasuredVideo('discord', { ...FITS_ALL, bytes: 12 * 1024 * 1024 + 300_000 }),
		).toEqual(['12.3 MiB, Discord (webhook) takes at most 10 MiB']);
		expect(checkMeasuredVideo('telegram', { ...FITS_ALL, bytes: 51_200_000 })).toEqual([
			'51.2 MB, Telegram (bot upload) takes at most 50 MB',
		]);
	});

	it('names a landscape Short, a long X video, a slow-start Reel and a foreign codec', () => {
		expect(checkMeasuredVideo('youtubeShorts', { ...FITS_ALL, width: 1280, height: 720 })).toEqual([
			'1280x720, YouTube Shorts takes vertical or square videos',
		]);
		expect(checkMeasuredVideo('x', { ...FITS_ALL, durationSeconds: 141.25 })).toEqual([
			'duration 141.25 s, X takes 0.5-140 s',
		]);
		expect(checkMeasuredVideo('instagramReels', { ...FITS_ALL, fastStart: false })).toEqual([
			'moov box after the media, Instagram Reels needs it first (fast start)',
		]);
		expect(checkMeasuredVideo('x', { ...FITS_ALL, videoCodec: 'av1' })).toEqual([
			'video codec av1, X takes h264',
		]);
		expect(checkMeasuredVideo('instagramReels', { ...FITS_ALL, audioCodec: 'opus' })).toEqual([
			'audio codec opus, Instagram Reels takes aac',
		]);
	});

	it('names sides, width and frame rate', () => {
		expect(checkMeasuredVideo('tiktok', { ...FITS_ALL, width: 320, height: 180 })).toEqual([
			'320x180, TikTok takes sides of at least 360 px',
		]);
		expect(
			checkMeasuredVideo('instagramReels', { ...FITS_ALL, width: 2160, height: 3840 }),
		).toEqual(['width 2160 px, Instagram Reels takes at most 1920 px']);
		expect(checkMeasuredVideo('instagramReels', { ...FITS_ALL, frameRate: 15 })).toEqual([
			'15 fps, Instagram Reels takes at least 23 fps',
		]);
	});

	it('does not guess what was not measured', () => {
		expect(
			checkMeasuredVideo('x', { ...FITS_ALL, videoCodec: undefined, frameRate: undefined }),
		).toEqual([]);
	});
});
