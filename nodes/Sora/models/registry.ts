import { hailuoFamily } from './hailuo';
import { jimengFamily } from './jimeng';
import { klingFamily } from './kling';
import { museFamily } from './muse';
import { runwayFamily } from './runway';
import { seedanceFamily } from './seedance';
import { soraFamily } from './sora';
import { veoFamily } from './veo';
import { viduFamily } from './vidu';
import { wanFamily } from './wan';

/**
 * Every family the node knows, in the order ids are tried: adding a family is its file and one line
 * here (then the host rows the compiler asks for, hosts/channelTable.ts).
 */
export const MODEL_FAMILIES = [
	soraFamily,
	veoFamily,
	klingFamily,
	seedanceFamily,
	hailuoFamily,
	wanFamily,
	viduFamily,
	runwayFamily,
	jimengFamily,
	museFamily,
] as const;

/** The id of a family of the registry ("veo", "kling"…). */
export type KnownFamilyId = (typeof MODEL_FAMILIES)[number]['id'];

/** The model families the node knows, or `unknown` for any other model id. */
export type ModelFamilyId = KnownFamilyId | 'unknown';
