import { aspectRatioName, differencesFrom, resolutionName } from '../../nodes/Sora/domain/asAsked';
import type { MeasuredVideo } from '../../nodes/Sora/domain/media';

function video(
	width: number,
	height: number,
	durationSeconds: number,
	hasAudio = true,
): MeasuredVideo {
	return {
		width,
		height,
		durationSeconds,
		hasAudio,
		bytes: 1000,
		fastStart: true,
		videoCodec: 'h264',
	};
}

describe('the delivered video compared with what was asked', () => {
	test("the issue's table: every family's MP4 against a 10 s portrait 720p request", () => {
		const asked = { durationSeconds: 10, aspectRatio: '9:16', resolution: '720p' };
		expect(differencesFrom(video(720, 1280, 5), asked)).toEqual(['duration 5 s, asked 10 s']); // Kling
		expect(differencesFrom(video(1920, 1080, 10), asked)).toEqual([
			'aspect ratio 16:9, asked 9:16',
			'resolution 1080p, asked 720p',
		]); // Seedance
		expect(differencesFrom(video(720, 1280, 8), asked)).toEqual(['duration 8 s, asked 10 s']); // Veo
		expect(differencesFrom(video(1344, 756, 6), asked)).toEqual([
			'duration 6 s, asked 10 s',
			'aspect ratio 16:9, asked 9:16',
			'resolution 756p, asked 720p',
		]); // Hailuo
		expect(differencesFrom(video(1080, 1920, 5), asked)).toEqual([
			'duration 5 s, asked 10 s',
			'resolution 1080p, asked 720p',
		]); // Vidu
		expect(differencesFrom(video(720, 1280, 10), asked)).toEqual([]);
	});

	test('a duration within half a second is the one asked', () => {
		expect(differencesFrom(video(1280, 720, 8.02), { durationSeconds: 8 })).toEqual([]);
		expect(differencesFrom(video(1280, 720, 7.5), { durationSeconds: 8 })).toEqual([]);
		expect(differencesFrom(video(1280, 720, 7.46), { durationSeconds: 8 })).toEqual([
			'duration 7.5 s, asked 8 s',
		]);
		expect(differencesFrom(video(1280, 720, 4.04), { durationSeconds: 5.5 })).toEqual([
			'duration 4 s, asked 5.5 s',
		]);
	});

	test("a shape within 3% is the one asked (Wan's 832x480, Hailuo's 1366x768); exact sizes compare exactly", () => {
		expect(
			differencesFrom(video(832, 480, 5), { aspectRatio: '16:9', resolution: '480p' }),
		).toEqual([]);
		expect(
			differencesFrom(video(1366, 768, 6), { aspectRatio: '16:9', resolution: '768P' }),
		).toEqual([]);
		expect(differencesFrom(video(3840, 2160, 8), { resolution: '4K' })).toEqual([]);
		expect(differencesFrom(video(1024, 1024, 5), { aspectRatio: '1:1' })).toEqual([]);
		expect(differencesFrom(video(1280, 720, 4), { width: 720, height: 1280 })).toEqual([
			'size 1280x720, asked 720x1280',
		]);
		expect(differencesFrom(video(720, 1280, 4), { width: 720, height: 1280 })).toEqual([]);
	});

	test('audio asked and none delivered; what was not asked is not compared', () => {
		expect(differencesFrom(video(1280, 720, 8, false), { generateAudio: true })).toEqual([
			'no audio track, asked with audio',
		]);
		expect(differencesFrom(video(1280, 720, 8, true), { generateAudio: false })).toEqual([]);
		expect(differencesFrom(video(1280, 720, 8), {})).toEqual([]);
		expect(
			differencesFrom(video(1280, 720, 8), { aspectRatio: 'adaptive', resolution: 'high' }),
		).toEqual([]);
	});

	test('names: the nearest common aspect ratio, else the reduced sides; the short side as the resolution', () => {
		expect(aspectRatioName(1920, 1080)).toBe('16:9');
		expect(aspectRatioName(1080, 1920)).toBe('9:16');
		expect(aspectRatioName(1440, 1080)).toBe('4:3');
		expect(aspectRatioName(2560, 1080)).toBe('21:9');
		expect(aspectRatioName(740, 400)).toBe('37:20');
		expect(resolutionName(720, 1280)).toBe('720p');
	});
});
