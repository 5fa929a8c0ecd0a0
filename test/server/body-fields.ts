import { ApiError, invalidValue, missingParameter } from './api-error';
import type { UploadedFile } from './multipart';

/** A request body as named values, whether it came as JSON or as multipart/form-data. */
export interface RequestBody {
	fields: Record<string, unknown>;
	files: Record<string, UploadedFile>;
	isMultipart: boolean;
}

export const MAX_PROMPT_LENGTH = 32000;

export function readPrompt(body: RequestBody): string {
	const prompt = body.fields.prompt;
	if (prompt === undefined || prompt === null) throw missingParameter('prompt');
	if (typeof prompt !== 'string') throw invalidType('prompt', 'a string', prompt);
	if (prompt.length === 0) {
		throw new ApiError(
			400,
			"Invalid 'prompt': empty string. Expected a string with minimum length 1.",
			'prompt',
			'empty_string',
		);
	}
	if (prompt.length > MAX_PROMPT_LENGTH) {
		throw new ApiError(
			400,
			`Invalid 'prompt': string too long. Expected a string with maximum length ${MAX_PROMPT_LENGTH}, but got a string with length ${prompt.length} instead.`,
			'prompt',
			'string_above_max_length',
		);
	}
	return prompt;
}

export function readOptionalString(body: RequestBody, name: string): string | undefined {
	const value = body.fields[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalidType(name, 'a string', value);
	return value;
}

/** `seconds` is a string in the contract; numbers are accepted too, like the real API does. */
export function readSeconds(
	body: RequestBody,
	allowed: readonly string[],
	fallback?: string,
): string {
	const value = body.fields.seconds;
	if (value === undefined || value === null) {
		if (fallback === undefined) throw missingParameter('seconds');
		return fallback;
	}
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !allowed.includes(text.trim())) {
		throw invalidValue(
			'seconds',
			`Invalid value: '${String(value)}'. Supported values are: ${listValues(allowed)}.`,
		);
	}
	return text.trim();
}

export function readEnum(
	body: RequestBody,
	name: string,
	allowed: readonly string[],
	fallback: string,
): string {
	const value = body.fields[name] ?? fallback;
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw invalidValue(
			name,
			`Invalid value: '${String(value)}'. Supported values are: ${listValues(allowed)}.`,
		);
	}
	return value;
}

/** A boolean as JSON true/false or as the multipart text 'true'/'false'. */
export function readOptionalBoolean(body: RequestBody, name: string): boolean | undefined {
	const value = body.fields[name];
	if (value === undefined || value === null) return undefined;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw invalidType(name, 'a boolean', value);
}

export function readOptionalInteger(body: RequestBody, name: string): number | undefined {
	const value = body.fields[name];
	if (value === undefined || value === null) return undefined;
	const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number))
		throw invalidType(name, 'an integer', value);
	return number;
}

/** `video` as {id} (JSON, `video[id]` or JSON text) or as an uploaded file. */
export function readVideoReference(body: RequestBody): { id: string } | { file: UploadedFile } {
	const file = body.files.video;
	if (file) return { file };
	const video = body.fields.video;
	if (video === undefined || video === null) throw missingParameter('video');
	const id = typeof video === 'object' ? (video as { id?: unknown }).id : undefined;
	if (typeof id !== 'string' || id === '')
		throw invalidType('video', 'an object {"id": "video_..."} or a file', video);
	return { id };
}

export function invalidType(param: string, expected: string, value: unknown): ApiError {
	return new ApiError(
		400,
		`Invalid type for '${param}': expected ${expected}, but got ${describeType(value)} instead.`,
		param,
		'invalid_type',
	);
}

function describeType(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	return `a ${typeof value}`;
}

function listValues(values: readonly string[]): string {
	const quoted = values.map((value) => `'${value}'`);
	return quoted.length > 1
		? `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`
		: quoted.join('');
}
