import { dimensionsOf, resolutionOf } from './geometry';
import { familyLabel, familyOf, knownModel } from './index';
import { listPriceOf, type ListPrice } from './prices';
import type { ModelChoice } from '../hosts/types';

export interface EstimatedCost {
	usd: number;
	usdPerSecond: number;
	seconds: number;
	/** Whose price it is: "Price per Second option", "OpenRouter's price…", "Google's list price; your gateway's may differ". */
	priceSource: string;
	basis: string;
}

/** What a job's price depends on besides its model and length. */
export interface PricedShape {
	/** "1280x720" (Sora, Remix, Extend: the source's size); its short side is the resolution. */
	size?: string;
	/** "720p"; else the size's, else the model's default. */
	resolution?: string;
	generateAudio?: boolean;
	/** The host's own prices for the model (OpenRouter's pricing_skus), and the host's name. */
	hostPrices?: ModelChoice['prices'];
	host?: string;
}

/** Seconds asked, else the model's default length (undefined: unknown, for a model no family knows). */
function secondsFrom(model: string, seconds: string | number | undefined): number | undefined {
	const text = seconds === undefined ? '' : String(seconds).trim();
	if (text === '') return knownModel(model)?.rules.defaultDuration;
	if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
	const value = Number(text);
	return value > 0 ? value : undefined;
}

/** The resolution priced: the one asked, else the size's (an unreadable size: none), else the model's default. */
function resolutionFrom(model: string, shape: PricedShape): string | undefined {
	if (shape.resolution) return shape.resolution.toLowerCase();
	const size = shape.size?.trim();
	if (size) {
		const dimensions = dimensionsOf(size);
		return dimensions ? resolutionOf(...dimensions) : undefined;
	}
	return knownModel(model)?.rules.defaultResolution;
}

function hostPriceOf(
	shape: PricedShape,
	resolution: string | undefined,
	audio: boolean | undefined,
): ListPrice | undefined {
	const fits = (row: NonNullable<PricedShape['hostPrices']>[number]) =>
		(row.resolution === undefined || row.resolution === resolution) &&
		(row.audio === undefined || audio === undefined || row.audio === audio);
	const row =
		shape.hostPrices?.find((price) => price.resolution !== undefined && fits(price)) ??
		shape.hostPrices?.find(fits);
	return row
		? {
				usdPerSecond: row.usdPerSecond,
				whose: `${shape.host ?? 'the host'}'s price, from its model list`,
			}
		: undefined;
}

/** "$0.40", "$0.036": at least cents, no float noise. */
function dollars(value: number): string {
	const text = String(Math.round(value * 1_000_000) / 1_000_000);
	const decimals = text.split('.')[1]?.length ?? 0;
	return `$${decimals < 2 ? value.toFixed(2) : text}`;
}

/**
 * The estimate of one job, by the first price known of: the Price per Second option (the user's own
 * price wins), the host's own price for the model (OpenRouter's pricing_skus), the vendor's list price
 * (each family's file), else null (cost unknown). It says whose price it used.
 */
export function estimateCost(
	model: string,
	seconds: string | number | undefined,
	userUsdPerSecond: number | undefined,
	shape: PricedShape = {},
): EstimatedCost | null {
	const resolution = resolutionFrom(model, shape);
	const audio = shape.generateAudio ?? knownModel(model)?.rules.defaultAudio;
	const user =
		userUsdPerSecond !== undefined && userUsdPerSecond > 0
			? { usdPerSecond: userUsdPerSecond, whose: 'Price per Second option' }
			: undefined;
	const price =
		user ?? hostPriceOf(shape, resolution, audio) ?? listPriceOf(model, resolution, audio);
	if (!price) return null;
	const chosenSeconds = secondsFrom(model, seconds);
	if (chosenSeconds === undefined) return null;
	// Work in millionths of a dollar, so 0.1 × 12 comes out as 1.2, not 1.2000000000000002.
	const micros = Math.round(price.usdPerSecond * 1_000_000);
	const usd = Math.round((micros * chosenSeconds) / 10_000) / 100;
	const id = familyOf(model);
	const name = `${model.trim() || 'default model'} (${id === 'unknown' ? 'model family unknown' : familyLabel(id)})`;
	const what = user ? '' : ` ${shape.size?.trim() || resolution}`;
	const basis = `${name}${what}: ${dollars(price.usdPerSecond)}/s (${price.whose}) × ${chosenSeconds} s (estimate)`;
	return {
		usd,
		usdPerSecond: price.usdPerSecond,
		seconds: chosenSeconds,
		priceSource: price.whose,
		basis,
	};
}
