import type { RequestBody } from '../body-fields';
import type { UploadedFile } from '../multipart';
import { taskRelayError } from './newapi-family';

/**
 * new-api's unified create request (`relay/common/relay_info.go` TaskSubmitReq, models.md 1.1), read
 * from JSON or multipart the way new-api reads it: JSON keys outside the struct are dropped; multipart
 * `seconds` is copied to `duration`, unknown text fields go into `metadata` (numbers converted), a
 * `metadata` text field (JSON) replaces that map; `image` joins `images`.
 */
export interface SubmitRequest {
	prompt: string;
	model: string;
	mode?: string;
	image?: string;
	images: string[];
	size?: string;
	duration?: number;
	seconds?: string;
	inputReference?: unknown;
	/** The multipart `input_reference` file (read by Sora, Jimeng, Gemini/Vertex only). */
	inputReferenceFile?: UploadedFile;
	metadata: Record<string, unknown>;
	/** JSON top-level keys the struct lacks (dropped by every channel but Sora's passthrough). */
	droppedKeys: string[];
	isMultipart: boolean;
	/** The body as sent (Sora's channel forwards it). */
	raw: Record<string, unknown>;
}

const STRUCT_KEYS = [
	'prompt',
	'model',
	'mode',
	'image',
	'images',
	'size',
	'duration',
	'seconds',
	'input_reference',
	'metadata',
];

function goTypeError(field: string, got: string, want: string) {
	return taskRelayError(
		400,
		'invalid_json',
		`json: cannot unmarshal ${got} into Go struct field TaskSubmitReq.${field} of type ${want}`,
		true,
	);
}

function jsonType(value: unknown): string {
	return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

export function readSubmitRequest(body: RequestBody): SubmitRequest {
	const request = body.isMultipart ? readMultipart(body) : readJson(body);
	checkSecondsRange(request);
	return request;
}

/** Every task channel (new-api of 2026-08-15): `seconds` / `duration` below 0 or above 3600 → 400 `invalid_seconds`. */
function checkSecondsRange(request: SubmitRequest): void {
	const values = [
		request.duration,
		request.seconds === undefined ? undefined : Number(request.seconds),
	];
	if (
		values.some(
			(value) => value !== undefined && Number.isFinite(value) && (value < 0 || value > 3600),
		)
	)
		throw taskRelayError(400, 'invalid_seconds', 'seconds must be between 0 and 3600');
}

function readJson(body: RequestBody): SubmitRequest {
	const f = body.fields;
	if (f.seconds !== undefined && f.seconds !== null && typeof f.seconds !== 'string')
		throw goTypeError('seconds', jsonType(f.seconds), 'string');
	let duration: number | undefined;
	if (f.duration !== undefined && f.duration !== null) {
		// an int, or a numeric string (new-api's custom unmarshaller)
		if (typeof f.duration === 'string' && /^\d+$/.test(f.duration)) duration = Number(f.duration);
		else if (Number.isInteger(f.duration)) duration = f.duration as number;
		else throw goTypeError('duration', jsonType(f.duration), 'int');
	}
	for (const key of ['size', 'image', 'mode', 'prompt', 'model'] as const) {
		if (f[key] !== undefined && f[key] !== null && typeof f[key] !== 'string')
			throw goTypeError(key, jsonType(f[key]), 'string');
	}
	if (
		f.images !== undefined &&
		f.images !== null &&
		!(Array.isArray(f.images) && f.images.every((item) => typeof item === 'string'))
	) {
		throw goTypeError('images', jsonType(f.images), '[]string');
	}
	const images = [...((f.images as string[] | undefined) ?? [])];
	if (typeof f.image === 'string' && f.image !== '') images.unshift(f.image);
	return {
		prompt: String(f.prompt ?? ''),
		model: String(f.model ?? ''),
		mode: f.mode as string | undefined,
		image: f.image as string | undefined,
		images,
		size: f.size as string | undefined,
		duration,
		seconds: f.seconds as string | undefined,
		inputReference: f.input_reference,
		metadata: readMetadata(f.metadata),
		droppedKeys: Object.keys(f).filter((key) => !STRUCT_KEYS.includes(key)),
		isMultipart: false,
		raw: f,
	};
}

function readMetadata(value: unknown): Record<string, unknown> {
	if (value === undefined || value === null) return {};
	if (typeof value === 'string') {
		try {
			const parsed = JSON.parse(value);
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
				return parsed as Record<string, unknown>;
		} catch {
			// falls through to the type error
		}
		throw taskRelayError(400, 'invalid_request', 'metadata must be a JSON object', true);
	}
	if (typeof value !== 'object' || Array.isArray(value))
		throw goTypeError('metadata', jsonType(value), 'map[string]interface {}');
	return value as Record<string, unknown>;
}

function readMultipart(body: RequestBody): SubmitRequest {
	const f = body.fields as Record<string, unknown>;
	const text = (key: string) => (typeof f[key] === 'string' ? (f[key] as string) : undefined);
	let metadata: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(f)) {
		if (STRUCT_KEYS.includes(key) || typeof value !== 'string') continue;
		metadata[key] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
	}
	if (text('metadata') !== undefined) metadata = readMetadata(text('metadata'));
	const seconds = text('seconds');
	const durationText = text('duration') ?? seconds;
	const image = text('image');
	return {
		prompt: text('prompt') ?? '',
		model: text('model') ?? '',
		mode: text('mode'),
		image,
		images: image ? [image] : [],
		size: text('size'),
		duration:
			durationText !== undefined && /^\d+$/.test(durationText) ? Number(durationText) : undefined,
		seconds,
		inputReference: text('input_reference'),
		inputReferenceFile: body.files.input_reference,
		metadata,
		droppedKeys: [],
		isMultipart: true,
		raw: f,
	};
}

/** A metadata key decoded onto the upstream's Go struct: a wrong type fails the submit. */
export function metadataOf<T extends 'string' | 'number' | 'boolean' | 'object'>(
	request: SubmitRequest,
	key: string,
	type: T,
	structName: string,
):
	| (T extends 'string'
			? string
			: T extends 'number'
				? number
				: T extends 'boolean'
					? boolean
					: Record<string, unknown>)
	| undefined {
	const value = request.metadata[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== type || (type === 'object' && Array.isArray(value))) {
		const want = { string: 'string', number: 'int', boolean: 'bool', object: 'struct' }[type];
		throw taskRelayError(
			400,
			'invalid_request',
			`json: cannot unmarshal ${jsonType(value)} into Go struct field ${structName}.${key} of type ${want}`,
			true,
		);
	}
	return value as never;
}

/** Seedance's IntValue / BoolValue: a number or a numeric string; a bool or "true"/"false". */
export function looseInt(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return undefined;
}

export function looseBool(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	return undefined;
}
