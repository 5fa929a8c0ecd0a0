/**
 * Where the video goes next: the limits of each posting platform (the README's "Posting the video"
 * names their sources), the aspect ratio and duration a platform wants when the user left
 * them unset, the asks a platform would reject (refused before any paid request), and the check of
 * the delivered MP4 against the limits. Pure: no n8n import.
 */
import type { MeasuredVideo } from './media';
import { listOf, type Problem } from './problem';

export type PlatformId =
	| 'youtubeShorts'
	| 'youtube'
	| 'instagramReels'
	| 'tiktok'
	| 'x'
	| 'telegram'
	| 'discord'
	| 'linkedin';

export interface PlatformLimits {
	id: PlatformId;
	name: string;
	/** Largest file the platform takes (this route: a bot upload, a webhook, one post). */
	maxBytes: number;
	minSeconds?: number;
	maxSeconds?: number;
	/** Width / height range; a landscape-only or portrait-only platform sets one end at 1. */
	minAspect?: number;
	maxAspect?: number;
	/** What the platform's own wording calls the aspect limit ("vertical or square"). */
	aspectWording?: string;
	/** The ratio picked when the user left Aspect Ratio unset and the model takes it. */
	preferredAspectRatio?: string;
	/** Video codecs (MeasuredVideo.videoCodec) the platform takes; absent: any. */
	videoCodecs?: string[];
	audioCodecs?: string[];
	/** The moov box must come before the media (fetched from a URL and processed as it arrives). */
	needsFastStart?: boolean;
	maxWidth?: number;
	/** Smallest and largest side, in pixels. */
	minSide?: number;
	maxSide?: number;
	minFps?: number;
	maxFps?: number;
}

const MB = 1000 * 1000;
const MIB = 1024 * 1024;
const GB = 1000 * MB;

/** From the platforms' developer docs (gathered 2026-12-04); a platform's live answer wins where it differs. */
export const PLATFORMS: Record<PlatformId, PlatformLimits> = {
	youtubeShorts: {
		id: 'youtubeShorts',
		name: 'YouTube Shorts',
		maxBytes: 256 * GB,
		maxSeconds: 180,
		maxAspect: 1,
		aspectWording: 'vertical or square',
		preferredAspectRatio: '9:16',
	},
	youtube: { id: 'youtube', name: 'YouTube', maxBytes: 256 * GB, preferredAspectRatio: '16:9' },
	instagramReels: {
		id: 'instagramReels',
		name: 'Instagram Reels',
		maxBytes: 1 * GB,
		minSeconds: 3,
		maxSeconds: 15 * 60,
		preferredAspectRatio: '9:16',
		videoCodecs: ['h264', 'hevc'],
		audioCodecs: ['aac'],
		needsFastStart: true,
		maxWidth: 1920,
		minFps: 23,
		maxFps: 60,
	},
	tiktok: {
		id: 'tiktok',
		name: 'TikTok',
		maxBytes: 4 * GB,
		maxSeconds: 10 * 60,
		preferredAspectRatio: '9:16',
		videoCodecs: ['h264', 'hevc', 'vp8', 'vp9'],
		minSide: 360,
		maxSide: 4096,
		minFps: 23,
		maxFps: 60,
	},
	x: {
		id: 'x',
		name: 'X',
		maxBytes: 512 * MB,
		minSeconds: 0.5,
		maxSeconds: 140,
		minAspect: 1 / 3,
		maxAspect: 3,
		aspectWording: 'between 1:3 and 3:1',
		preferredAspectRatio: '16:9',
		videoCodecs: ['h264'],
		maxFps: 60,
	},
	telegram: { id: 'telegram', name: 'Telegram (bot upload)', maxBytes: 50 * MB },
	discord: { id: 'discord', name: 'Discord (webhook)', maxBytes: 10 * MIB },
	linkedin: {
		id: 'linkedin',
		name: 'LinkedIn',
		maxBytes: 500 * MB,
		minSeconds: 3,
		maxSeconds: 30 * 60,
		minAspect: 1 / 2.4,
		maxAspect: 2.4,
		aspectWording: 'between 1:2.4 and 2.4:1',
		preferredAspectRatio: '16:9',
	},
};

export const PLATFORM_IDS = Object.keys(PLATFORMS) as PlatformId[];

export function isPlatformId(value: unknown): value is PlatformId {
	return typeof value === 'string' && (PLATFORM_IDS as string[]).includes(value);
}

/** Small tolerance so 720x1280 counts as 9:16 and 1080x1080 as square however the encoder rounds. */
const ASPECT_TOLERANCE = 0.01;

/** "9:16" → 0.5625; "720x1280" → 0.5625; anything else → undefined. */
export function aspectOf(ratioOrSize: string): number | undefined {
	const match = /^\s*(\d+(?:\.\d+)?)\s*[:x]\s*(\d+(?:\.\d+)?)\s*$/.exec(ratioOrSize);
	if (!match) return undefined;
	const [width, height] = [Number(match[1]), Number(match[2])];
	return width > 0 && height > 0 ? width / height : undefined;
}

function aspectFits(limits: PlatformLimits, aspect: number): boolean {
	if (limits.minAspect !== undefined && aspect < limits.minAspect * (1 - ASPECT_TOLERANCE))
		return false;
	if (limits.maxAspect !== undefined && aspect > limits.maxAspect * (1 + ASPECT_TOLERANCE))
		return false;
	return true;
}

function durationFits(limits: PlatformLimits, seconds: number): boolean {
	return (
		(limits.minSeconds === undefined || seconds >= limits.minSeconds) &&
		(limits.maxSeconds === undefined || seconds <= limits.maxSeconds)
	);
}

/** "0.5-140 s", "at most 180 s", "at least 3 s" */
export function durationRangeText(limits: PlatformLimits): string {
	const { minSeconds: min, maxSeconds: max } = limits;
	if (min !== undefined && max !== undefined) return `${min}-${max} s`;
	if (max !== undefined) return `at most ${max} s`;
	return min !== undefined ? `at least ${min} s` : 'any length';
}

function aspectText(limits: PlatformLimits): string {
	return limits.aspectWording ?? 'any aspect ratio';
}

/** "12.3 MiB", "512 MB": bytes in the unit the platform states its limit in. */
export function bytesText(bytes: number, unit: number = MB): string {
	const name = unit === MIB ? 'MiB' : unit === GB ? 'GB' : 'MB';
	const value = bytes / unit;
	return `${Number.isInteger(value) ? value : value.toFixed(1)} ${name}`;
}

function limitUnit(limits: PlatformLimits): number {
	if (limits.maxBytes % GB === 0) return GB;
	return limits.maxBytes % MIB === 0 ? MIB : MB;
}

/** What the model takes, as plain lists (empty when the model is not known: nothing is filled in then). */
export interface ModelChoices {
	durations: number[];
	aspectRatios: string[];
	defaultDuration?: number;
	defaultAspectRatio?: string;
}

/** The user's ask before the platform looks at it: unset fields are undefined. */
export interface PlatformAsk {
	durationSeconds?: number;
	aspectRatio?: string;
	/** An exact Size "WxH" the user set (read as the aspect ratio when Aspect Ratio is unset). */
	size?: string;
}

export interface PlatformPlan {
	/** Filled when the user left it unset and the platform needs a value (or prefers one the model takes). */
	durationSeconds?: number;
	aspectRatio?: string;
	/** Asks the platform would reject: refused before any paid request. */
	problems: Problem[];
}

function pickDuration(
	limits: PlatformLimits,
	model: ModelChoices,
): { value?: number; problem?: Problem } {
	if (limits.minSeconds === undefined && limits.maxSeconds === undefined) return {};
	if (model.defaultDuration !== undefined && durationFits(limits, model.defaultDuration)) return {};
	const fitting = [...model.durations]
		.sort((a, b) => a - b)
		.filter((seconds) => durationFits(limits, seconds));
	if (fitting.length) return { value: fitting[0] };
	if (!model.durations.length) return {};
	return {
		problem: {
			field: 'Duration',
			message: `No duration this model takes fits ${limits.name} (${durationRangeText(limits)})`,
			description: `The model takes ${listOf(model.durations.map((s) => `${s} s`))}. Choose another model or another platform.`,
		},
	};
}

function pickAspectRatio(
	limits: PlatformLimits,
	model: ModelChoices,
): { value?: string; problem?: Problem } {
	const fits = (ratio: string) => {
		const aspect = aspectOf(ratio);
		return aspect !== undefined && aspectFits(limits, aspect);
	};
	const preferred = limits.preferredAspectRatio;
	if (preferred && model.aspectRatios.includes(preferred)) return { value: preferred };
	if (limits.minAspect === undefined && limits.maxAspect === undefined) return {};
	if (model.defaultAspectRatio && fits(model.defaultAspectRatio)) return {};
	const fitting = model.aspectRatios.filter(fits);
	if (fitting.length) return { value: fitting[0] };
	if (!model.aspectRatios.length) return {};
	return {
		problem: {
			field: 'Aspect Ratio',
			message: `No aspect ratio this model takes fits ${limits.name} (${aspectText(limits)})`,
			description: `The model takes ${listOf(model.aspectRatios)}. Choose another model or another platform.`,
		},
	};
}

/**
 * What the platform makes of the user's ask: fills the aspect ratio and duration the user left
 * unset (within what the model takes) and names every ask the platform would reject.
 */
export function planForPlatform(
	platform: PlatformId,
	ask: PlatformAsk,
	model: ModelChoices,
): PlatformPlan {
	const limits = PLATFORMS[platform];
	const plan: PlatformPlan = { problems: [] };

	if (ask.durationSeconds !== undefined) {
		if (!durationFits(limits, ask.durationSeconds)) {
			plan.problems.push({
				field: 'Duration',
				message: `${limits.name} takes videos of ${durationRangeText(limits)}; Duration is ${ask.durationSeconds} s`,
				description: `Set a duration within ${durationRangeText(limits)}, or leave it unset and the platform picks one the model takes.`,
			});
		}
	} else {
		const picked = pickDuration(limits, model);
		if (picked.problem) plan.problems.push(picked.problem);
		plan.durationSeconds = picked.value;
	}

	const askedShape = ask.aspectRatio || ask.size;
	if (askedShape) {
		const aspect = aspectOf(askedShape);
		if (aspect !== undefined && !aspectFits(limits, aspect)) {
			const field = ask.aspectRatio ? 'Aspect Ratio' : 'Size';
			plan.problems.push({
				field,
				message: `${limits.name} takes ${aspectText(limits)} videos; ${field} is ${askedShape}`,
				description: preferredHint(limits),
			});
		}
	} else {
		const picked = pickAspectRatio(limits, model);
		if (picked.problem) plan.problems.push(picked.problem);
		plan.aspectRatio = picked.value;
	}
	return plan;
}

function preferredHint(limits: PlatformLimits): string {
	const preferred = limits.preferredAspectRatio
		? ` (${limits.preferredAspectRatio} is what ${limits.name} recommends)`
		: '';
	return `Choose a ratio that fits${preferred}, or leave it unset and the platform picks one the model takes.`;
}

/**
 * The delivered MP4 against the platform's limits: one sentence per limit it breaks, e.g.
 * "12.4 MiB, Discord (webhook) takes at most 10 MiB". Unknown measures (no codec read) are not guessed.
 */
export function checkMeasuredVideo(platform: PlatformId, video: MeasuredVideo): string[] {
	const limits = PLATFORMS[platform];
	const name = limits.name;
	const problems: string[] = [];
	if (video.bytes > limits.maxBytes) {
		const unit = limitUnit(limits);
		problems.push(
			`${bytesText(video.bytes, unit)}, ${name} takes at most ${bytesText(limits.maxBytes, unit)}`,
		);
	}
	if (!durationFits(limits, video.durationSeconds)) {
		problems.push(
			`duration ${round(video.durationSeconds)} s, ${name} takes ${durationRangeText(limits)}`,
		);
	}
	if (video.width > 0 && video.height > 0 && !aspectFits(limits, video.width / video.height)) {
		problems.push(`${video.width}x${video.height}, ${name} takes ${aspectText(limits)} videos`);
	}
	if (limits.maxWidth !== undefined && video.width > limits.maxWidth) {
		problems.push(`width ${video.width} px, ${name} takes at most ${limits.maxWidth} px`);
	}
	const sides = [video.width, video.height];
	if (limits.minSide !== undefined && Math.min(...sides) < limits.minSide) {
		problems.push(
			`${video.width}x${video.height}, ${name} takes sides of at least ${limits.minSide} px`,
		);
	}
	if (limits.maxSide !== undefined && Math.max(...sides) > limits.maxSide) {
		problems.push(
			`${video.width}x${video.height}, ${name} takes sides of at most ${limits.maxSide} px`,
		);
	}
	if (limits.videoCodecs && video.videoCodec && !limits.videoCodecs.includes(video.videoCodec)) {
		problems.push(`video codec ${video.videoCodec}, ${name} takes ${listOf(limits.videoCodecs)}`);
	}
	if (
		limits.audioCodecs &&
		video.hasAudio &&
		video.audioCodec &&
		!limits.audioCodecs.includes(video.audioCodec)
	) {
		problems.push(`audio codec ${video.audioCodec}, ${name} takes ${listOf(limits.audioCodecs)}`);
	}
	if (limits.needsFastStart && !video.fastStart) {
		problems.push(`moov box after the media, ${name} needs it first (fast start)`);
	}
	if (video.frameRate !== undefined) {
		if (limits.minFps !== undefined && video.frameRate < limits.minFps - 0.01) {
			problems.push(`${round(video.frameRate)} fps, ${name} takes at least ${limits.minFps} fps`);
		}
		if (limits.maxFps !== undefined && video.frameRate > limits.maxFps + 0.01) {
			problems.push(`${round(video.frameRate)} fps, ${name} takes at most ${limits.maxFps} fps`);
		}
	}
	return problems;
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
