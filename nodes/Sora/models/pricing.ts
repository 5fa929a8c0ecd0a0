import { familyLabel, familyOf, knownModel } from './index';
import { DEFAULT_VIDEO_SIZE, soraFamilyOf, type SoraFamily } from '../domain/contract';

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

/** Seconds asked, else the model's default length (undefined: unknown, for a model no family knows). */
function secondsFrom(model: string, seconds: string | number | undefined): number | undefined {
	const text = seconds === undefined ? '' : String(seconds).trim();
	if (text === '') return knownModel(model)?.rules.defaultDuration;
	if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
	const value = Number(text);
	return value > 0 ? value : undefined;
}

/**
 * The estimate of one job: list price per second when the model and size are in the table, else
 * `userUsdPerSecond` (the Price per Second option) when set, else null (cost unknown). The basis
 * names the model family ("kling-v2-1 (Kling): $0.05/s (Price per Second option) × 5 s …").
 */
export function estimateCost(
	model: string,
	size: string | undefined,
	seconds: string | number | undefined,
	userUsdPerSecond?: number,
): EstimatedCost | null {
	const family = soraFamilyOf(model);
	const chosenSize = size?.trim() || DEFAULT_VIDEO_SIZE;
	const listed = family ? PRICE_PER_SECOND[family][chosenSize] : undefined;
	const usdPerSecond =
		listed ??
		(userUsdPerSecond !== undefined && userUsdPerSecond > 0 ? userUsdPerSecond : undefined);
	if (usdPerSecond === undefined) return null;
	const chosenSeconds = secondsFrom(model, seconds);
	if (chosenSeconds === undefined) return null;
	// Work in millionths of a dollar, so 0.1 × 12 comes out as 1.2, not 1.2000000000000002.
	const micros = Math.round(usdPerSecond * 1_000_000);
	const usd = Math.round((micros * chosenSeconds) / 10_000) / 100;
	const rate =
		listed !== undefined
			? `$${usdPerSecond.toFixed(2)}/s list price`
			: `$${usdPerSecond}/s (Price per Second option)`;
	const id = familyOf(model);
	const name = `${model.trim() || 'default model'} (${id === 'unknown' ? 'model family unknown' : familyLabel(id)})`;
	const basis = `${name}${listed !== undefined ? ` ${chosenSize}` : ''}: ${rate} × ${chosenSeconds} s (estimate; your provider may charge differently)`;
	return { usd, usdPerSecond, seconds: chosenSeconds, basis };
}
