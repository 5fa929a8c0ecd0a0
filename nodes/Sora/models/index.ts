import { pixelSizeFor } from './geometry';
import { MODEL_FAMILIES, type ModelFamilyId } from './registry';
import type { ModelFamily, ModelRules } from './types';

export type { ModelFamily, ModelRules } from './types';
export { MODEL_FAMILIES, type KnownFamilyId, type ModelFamilyId } from './registry';

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
	return (familyFor(modelId)?.id as ModelFamilyId | undefined) ?? 'unknown';
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

/** The families' names for the node's descriptions, Sora last: "Veo, Kling, …, Muse or Sora 2". */
export function familyNames(conjunction = 'or'): string {
	const labels = [...MODEL_FAMILIES].sort(
		(a, b) => Number(a.id === 'sora') - Number(b.id === 'sora'),
	);
	const names = labels.map((family) => family.label);
	return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

/** The words n8n's node search finds the node by for each family ("Veo", "MiniMax"…), once each. */
export function familySearchAliases(): string[] {
	return [...new Set(MODEL_FAMILIES.flatMap((family) => family.aliases))];
}

/** One model id of each family, for the Model field's description ("veo-3.1-generate-preview, kling-v2-1…"). */
export function exampleModelIds(): string[] {
	return MODEL_FAMILIES.map((family) => family.modelIds[0]).filter(Boolean);
}
