import type { ModelFamilyId } from '../domain/media';
import { pixelSizeFor } from './geometry';
import { hailuoFamily } from './hailuo';
import { jimengFamily } from './jimeng';
import { klingFamily } from './kling';
import { museFamily } from './muse';
import { runwayFamily } from './runway';
import { seedanceFamily } from './seedance';
import { soraFamily } from './sora';
import type { ModelFamily, ModelRules } from './types';
import { veoFamily } from './veo';
import { viduFamily } from './vidu';
import { wanFamily } from './wan';

export type { ModelFamily, ModelRules } from './types';

/** Every family the node knows, in the order ids are tried. */
export const MODEL_FAMILIES: readonly ModelFamily[] = [
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
];

/** The model's own name: lower case, without a provider prefix ("google/", "gemini/", "vertex_ai/", "runwayml/", "openai/"). */
export function bareModelId(modelId: string): string {
	const id = String(modelId ?? '')
		.trim()
		.toLowerCase();
	return id.slice(id.lastIndexOf('/') + 1);
}

function familyFor(modelId: string): ModelFamily | undefined {
	const id = bareModelId(modelId);
	return id ? MODEL_FAMILIES.find((family) => family.ids.test(id)) : undefined;
}

/** The family of a model id; `unknown` for any id no family recognises. */
export function familyOf(modelId: string): ModelFamilyId {
	return familyFor(modelId)?.id ?? 'unknown';
}

export interface KnownModel {
	family: ModelFamily;
	rules: ModelRules;
}

/** The family and the rules of a model id, when a family recognises it. */
export function knownModel(modelId: string): KnownModel | undefined {
	const family = familyFor(modelId);
	if (!family) return undefined;
	const id = bareModelId(modelId);
	const rules =
		family.models.find((model) => !model.ids || model.ids.test(id)) ??
		family.models[family.models.length - 1];
	return { family, rules };
}

/** "Veo", "Kling"…, or "unknown" (for messages and the output's modelFamily). */
export function familyLabel(id: ModelFamilyId): string {
	return MODEL_FAMILIES.find((family) => family.id === id)?.label ?? 'unknown';
}

/** The pixel size a model makes for an aspect ratio and a resolution ("9:16", "720p" → "720x1280"), by its family's table where it has one. */
export function pixelSizeOf(
	modelId: string,
	aspectRatio: string,
	resolution: string,
): string | undefined {
	return pixelSizeFor(aspectRatio, resolution, knownModel(modelId)?.rules.pixelSizes);
}
