import type { AskedVideo, MeasuredVideo } from './media';

/**
 * The delivered MP4 compared with what the user asked for: each difference named in the user's
 * terms ("duration 5 s, asked 10 s"). A length within half a second is the one asked (models
 * render whole frames and audio frames); an aspect ratio or a resolution within 3% is the one
 * asked (832x480 is Wan's 16:9 at 480p, 1366x768 Hailuo's 768p).
 */

/** Half a second either way is the duration asked. */
export const DURATION_TOLERANCE_SECONDS = 0.5;
const SHAPE_TOLERANCE = 0.03;

const NAMED_RATIOS = [
	'16:9',
	'9:16',
	'1:1',
	'4:3',
	'3:4',
	'3:2',
	'2:3',
	'21:9',
	'9:21',
	'5:4',
	'4:5',
];

function ratioOf(text: string): number | undefined {
	const match = /^\s*(\d+(?:\.\d+)?)\s*[:x/]\s*(\d+(?:\.\d+)?)\s*$/i.exec(text);
	if (!match) return undefined;
	const [width, height] = [Number(match[1]), Number(match[2])];
	return width > 0 && height > 0 ? width / height : undefined;
}

function near(value: number, target: number): boolean {
	return Math.abs(value / target - 1) <= SHAPE_TOLERANCE;
}

function gcd(a: number, b: number): number {
	return b ? gcd(b, a % b) : a;
}

/** "16:9" for 1344x756, else the reduced sides ("37:20"). */
export function aspectRatioName(width: number, height: number): string {
	const named = NAMED_RATIOS.find((name) => near(width / height, ratioOf(name)!));
	if (named) return named;
	const divisor = gcd(width, height) || 1;
	return `${width / divisor}:${height / divisor}`;
}

/** The short side a resolution name stands for: "720p" 720, "4K" 2160; undefined for a name that is not one. */
function shortSideOf(resolution: string): number | undefined {
	const text = resolution.trim().toLowerCase();
	if (text === '4k' || text === '2160p') return 2160;
	if (text === '2k') return 1440;
	const match = /^(\d{3,4})p?$/.exec(text);
	return match ? Number(match[1]) : undefined;
}

/** "720p" for 1280x720 and 720x1280. */
export function resolutionName(width: number, height: number): string {
	return `${Math.min(width, height)}p`;
}

function seconds(value: number): string {
	return `${Math.round(value * 10) / 10} s`;
}

/** Each way the delivered video differs from what was asked; empty when it is as asked. */
export function differencesFrom(measured: MeasuredVideo, asked: AskedVideo): string[] {
	const differences: string[] = [];
	const { width, height } = measured;
	if (
		asked.durationSeconds !== undefined &&
		Math.abs(measured.durationSeconds - asked.durationSeconds) > DURATION_TOLERANCE_SECONDS
	) {
		differences.push(
			`duration ${seconds(measured.durationSeconds)}, asked ${seconds(asked.durationSeconds)}`,
		);
	}
	if (
		asked.width !== undefined &&
		asked.height !== undefined &&
		(asked.width !== width || asked.height !== height)
	) {
		differences.push(`size ${width}x${height}, asked ${asked.width}x${asked.height}`);
	}
	const askedRatio = asked.aspectRatio ? ratioOf(asked.aspectRatio) : undefined;
	if (askedRatio !== undefined && !near(width / height, askedRatio)) {
		differences.push(
			`aspect ratio ${aspectRatioName(width, height)}, asked ${asked.aspectRatio!.trim()}`,
		);
	}
	const askedSide = asked.resolution ? shortSideOf(asked.resolution) : undefined;
	if (askedSide !== undefined && !near(Math.min(width, height), askedSide)) {
		differences.push(
			`resolution ${resolutionName(width, height)}, asked ${asked.resolution!.trim()}`,
		);
	}
	if (asked.generateAudio === true && !measured.hasAudio)
		differences.push('no audio track, asked with audio');
	return differences;
}
