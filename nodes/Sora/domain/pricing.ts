import { DEFAULT_VIDEO_SECONDS, DEFAULT_VIDEO_SIZE, soraFamilyOf, type SoraFamily } from './contract';

export interface EstimatedCost {
	usd: number;
	usdPerSecond: number;
	seconds: number;
	basis: string;
}

/** Published list prices in US dollars per second of output video. */
export const PRICE_PER_SECOND: Readonly<Record<SoraFamily, Readonly<Record<string, number>>>> = {
	'sora-2': {
		'720x1280': 0.1,
		'1280x720': 0.1,
	},
	'sora-2-pro': {
		'720x1280': 0.3,
		'1280x720': 0.3,
		'1024x1792': 0.5,
		'1792x1024': 0.5,
		'1080x1920': 0.7,
		'1920x1080': 0.7,
	},
};

function secondsFrom(seconds: string | number | undefined): number | undefined {
	if (seconds === undefined) return Number(DEFAULT_VIDEO_SECONDS);
	const text = String(seconds).trim();
	if (text === '') return Number(DEFAULT_VIDEO_SECONDS);
	if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
	const value = Number(text);
	return value > 0 ? value : undefined;
}

export function estimateCost(
	model: string,
	size: string | undefined,
	seconds: string | number | undefined,
): EstimatedCost | null {
	const family = soraFamilyOf(model);
	if (!family) return null;
	const chosenSize = size?.trim() || DEFAULT_VIDEO_SIZE;
	const usdPerSecond = PRICE_PER_SECOND[family][chosenSize];
	if (usdPerSecond === undefined) return null;
	const chosenSeconds = secondsFrom(seconds);
	if (chosenSeconds === undefined) return null;
	// Work in whole cents so 0.1 × 12 comes out as 1.2, not 1.2000000000000002.
	const centsPerSecond = Math.round(usdPerSecond * 100);
	const usd = Math.round(centsPerSecond * chosenSeconds) / 100;
	const basis =
		`${model.trim()} ${chosenSize}: $${usdPerSecond.toFixed(2)}/s list price × ${chosenSeconds} s ` +
		'(estimate; your provider may charge differently)';
	return { usd, usdPerSecond, seconds: chosenSeconds, basis };
}
