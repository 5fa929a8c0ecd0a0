import { CHARACTER_NAME_MAX_LENGTH, MAX_CHARACTERS, PROMPT_MAX_LENGTH } from './contract';
import { listOf, type Problem } from './problem';

export type { Problem } from './problem';
export { checkImageUrl, checkReferenceImage } from './imageChecks';

// The API counts characters, not UTF-16 code units, so an emoji counts once.
function characterCount(text: string): number {
	return Array.from(text).length;
}

export function checkPrompt(prompt: unknown): Problem | undefined {
	if (prompt !== null && prompt !== undefined && typeof prompt !== 'string') {
		return {
			field: 'Prompt',
			message: `Prompt is ${Array.isArray(prompt) ? 'a list' : typeof prompt}, not text: make its expression return a string`,
			description:
				'For example {{ $json.prompt }} where prompt is a text field, or {{ JSON.stringify($json.prompt) }}.',
		};
	}
	if (typeof prompt !== 'string' || prompt.trim() === '') {
		return {
			field: 'Prompt',
			message: 'Prompt is empty: enter a text that describes the video',
			description: `The prompt must contain 1 to ${PROMPT_MAX_LENGTH} characters.`,
		};
	}
	const length = characterCount(prompt);
	if (length > PROMPT_MAX_LENGTH) {
		return {
			field: 'Prompt',
			message: `Prompt is ${length} characters long; the limit is ${PROMPT_MAX_LENGTH}. Shorten it by ${length - PROMPT_MAX_LENGTH} characters.`,
		};
	}
	return undefined;
}

export function checkCharacterIds(ids: string[]): Problem | undefined {
	const given = ids.filter((id) => typeof id === 'string' && id.trim() !== '');
	if (given.length <= MAX_CHARACTERS) return undefined;
	return {
		field: 'Character IDs',
		message: `${given.length} character IDs given; a video can include at most ${MAX_CHARACTERS}. Remove ${given.length - MAX_CHARACTERS}.`,
	};
}

export function checkCharacterNamesInPrompt(prompt: string, names: string[]): Problem | undefined {
	const text = String(prompt ?? '').toLowerCase();
	const missing = names
		.map((name) => String(name ?? '').trim())
		.filter((name) => name !== '' && !text.includes(name.toLowerCase()));
	if (missing.length === 0) return undefined;
	const quoted = listOf(missing.map((name) => `"${name}"`));
	return {
		field: 'Prompt',
		message: `Prompt does not mention ${missing.length === 1 ? 'the character' : 'the characters'} ${quoted}: add each character's name to the prompt`,
		description: 'The API only places a character in the video when the prompt names it.',
	};
}

export function checkCharacterName(name: unknown): Problem | undefined {
	const value = typeof name === 'string' ? name.trim() : '';
	if (value === '') {
		return {
			field: 'Name',
			message: `Name is empty: enter 1 to ${CHARACTER_NAME_MAX_LENGTH} characters`,
		};
	}
	const length = characterCount(value);
	if (length > CHARACTER_NAME_MAX_LENGTH) {
		return {
			field: 'Name',
			message: `Name is ${length} characters long; the limit is ${CHARACTER_NAME_MAX_LENGTH}. Shorten it by ${length - CHARACTER_NAME_MAX_LENGTH} characters.`,
		};
	}
	return undefined;
}
