import type { ModelFamilyId } from './registry';
import { bareModelId, familyOf } from './index';
import { runwayPrices } from './runway';
import { soraPrices } from './sora';
import { veoPrices } from './veo';
import { wanPrices } from './wan';

/**
 * Vendors' published prices per second of video, by model, resolution and sound, each family's in
 * its own file (a `prices` declaration at its end) with whose list it is, its source and date. A
 * gateway sells at its own price: the estimate says whose price it used.
 */
export interface PriceRow {
	/** The models (bare id, lower case) this price is for; absent: any model of the family not matched before. */
	ids?: RegExp;
	/** "720p"; absent: any resolution. */
	resolution?: string;
	/** With sound (true), without (false); absent: either. */
	audio?: boolean;
	usdPerSecond: number;
}

export interface FamilyPrices {
	/** "Google's list price" */
	whose: string;
	/** Where the figures were read, and when. */
	source: string;
	/** The rows, first match wins. A model with no row has no list price (never a guess). */
	rows: readonly PriceRow[];
}

/** A price per second the estimate uses, and whose it is ("Google's list price; your gateway's may differ"). */
export interface ListPrice {
	usdPerSecond: number;
	whose: string;
}

/** The families with published prices found (the others: none found; see each model file's end). */
const PRICES: Partial<Record<ModelFamilyId, FamilyPrices>> = {
	runway: runwayPrices,
	sora: soraPrices,
	veo: veoPrices,
	wan: wanPrices,
};

/** The vendor's list price of a model for a resolution and sound, when its family's file lists one. */
export function listPriceOf(
	model: string,
	resolution: string | undefined,
	audio: boolean | undefined,
): ListPrice | undefined {
	const prices = PRICES[familyOf(model)];
	if (!prices || !resolution) return undefined;
	const id = bareModelId(model);
	const row = prices.rows.find(
		(candidate) =>
			(!candidate.ids || candidate.ids.test(id)) &&
			(candidate.resolution === undefined || candidate.resolution === resolution.toLowerCase()) &&
			(candidate.audio === undefined || audio === undefined || candidate.audio === audio),
	);
	return row
		? { usdPerSecond: row.usdPerSecond, whose: `${prices.whose}; your gateway's may differ` }
		: undefined;
}
