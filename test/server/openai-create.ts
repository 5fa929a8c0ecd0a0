import { ApiError, invalidValue } from './api-error';
import {
	invalidType,
	readOptionalString,
	readPrompt,
	readSeconds,
	type RequestBody,
} from './body-fields';
import { checkInputReference } from './input-reference';
import type { StoredCharacter } from './video';

export const OPENAI_SECONDS = ['4', '8', '12', '16', '20'] as const;
const STANDARD_SIZES = ['720x1280', '1280x720'];
const PRO_SIZES = [...STANDARD_SIZES, '1024x1792', '1792x1024', '1080x1920', '1920x1080'];
export const SORA_MODELS = [
	'sora-2',
	'sora-2-pro',
	'sora-2-2025-10-06',
	'sora-2-2025-12-08',
	'sora-2-pro-2025-10-06',
];
const MAX_CHARACTERS = 2;

export interface CreateSpec {
	model: string;
	prompt: string;
	size: string;
	seconds: string;
}

/** What an 'openai'-mode create accepts; throws the API's 400 answers. */
export function readOpenaiCreate(
	body: RequestBody,
	characters: Map<string, StoredCharacter>,
): CreateSpec {
	const prompt = readPrompt(body);
	const model = readOptionalString(body, 'model') ?? 'sora-2';
	if (model === '') throw invalidValue('model', "Invalid 'model': empty string.");
	const seconds = readSeconds(body, OPENAI_SECONDS, '4');
	const size = readOptionalString(body, 'size') ?? '720x1280';
	const allowedSizes = sizesForModel(model);
	if (allowedSizes ? !allowedSizes.includes(size) : !/^\d+x\d+$/.test(size)) {
		const supported = allowedSizes
			? ` Supported values for ${model} are: ${allowedSizes.join(', ')}.`
			: '';
		throw invalidValue('size', `Invalid value: '${size}'.${supported}`);
	}
	checkInputReference(body, size);
	checkCharacters(body.fields.characters, characters);
	return { model, prompt, size, seconds };
}

/** The sizes a sora-2 family takes; undefined for other providers' models (any WxH). */
export function sizesForModel(model: string): string[] | undefined {
	if (/^sora-2-pro(-|$)/.test(model)) return PRO_SIZES;
	if (/^sora-2(-|$)/.test(model)) return STANDARD_SIZES;
	return undefined;
}

function checkCharacters(value: unknown, characters: Map<string, StoredCharacter>): void {
	if (value === undefined || value === null) return;
	if (!Array.isArray(value)) throw invalidType('characters', 'an array', value);
	if (value.length > MAX_CHARACTERS) {
		throw new ApiError(
			400,
			`Invalid 'characters': array too long. Expected an array with maximum length ${MAX_CHARACTERS}, but got an array with length ${value.length} instead.`,
			'characters',
			'array_above_max_length',
		);
	}
	for (const entry of value) {
		const id =
			typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
		if (typeof id !== 'string')
			throw invalidType('characters', 'an array of objects {"id": "char_..."}', value);
		if (!characters.has(id))
			throw invalidValue('characters', `Character with id '${id}' not found.`);
	}
}
