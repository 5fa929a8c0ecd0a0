import type { IDataObject } from 'n8n-workflow';

import type { Problem } from '../domain/problem';
import type { ModelFamilyId } from '../models/registry';
import type {
	CanonicalCreate,
	Channel,
	ChannelTable,
	CreateBody,
	CreateField,
	FrameImage,
	NotOffered,
	UploadFile,
} from './types';

/**
 * What every host's spelling table shares: frames as URLs, data URLs, raw base64 or files; a
 * size as an aspect ratio and resolution and back; Additional Body Fields laid over the body;
 * and the one refusal of a field a channel cannot carry.
 */

/** A row of a host's channel table: the host has no channel for this family, on purpose (why). */
export const notOffered = (why: string): NotOffered => ({ notOffered: why });

/** The channel of a family in a host's table; `other` for a family it does not offer or an unknown one. */
export function channelIn(table: ChannelTable, family: ModelFamilyId, other: Channel): Channel {
	const row = family === 'unknown' ? undefined : table[family];
	return row && !('notOffered' in row) ? row : other;
}

/** Who calls a Callback URL: the reason every channel but OpenRouter's refuses one. */
export const ONLY_OPENROUTER_CALLS_BACK =
	'only OpenRouter calls a Callback URL with its own events';

/** The form's name of each canonical field, for messages. */
export const FIELD_NAMES: Record<CreateField, string> = {
	durationSeconds: 'Duration',
	aspectRatio: 'Aspect Ratio',
	resolution: 'Resolution',
	size: 'Size',
	firstFrame: 'First Frame',
	lastFrame: 'Last Frame',
	generateAudio: 'Generate Audio',
	seed: 'Seed',
	negativePrompt: 'Negative Prompt',
	characterIds: 'Character IDs',
	callbackUrl: 'Callback URL',
};

export const isHttpUrl = (url: string) => /^https?:\/\//i.test(url.trim());

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+);base64,(.*)$/is;

export function dataUrlOf(file: { data: Buffer; mimeType: string }): string {
	return `data:${file.mimeType};base64,${file.data.toString('base64')}`;
}

/** A frame as a URL: its own URL, or the file as a data URL. */
export function frameUrl(frame: FrameImage): string {
	return 'url' in frame ? frame.url : dataUrlOf(frame.file);
}

/** A frame as an http URL, or its bytes as base64 without the data: prefix (Kling, Jimeng). */
export function frameUrlOrBase64(frame: FrameImage): string {
	if ('file' in frame) return frame.file.data.toString('base64');
	const data = DATA_URL.exec(frame.url);
	return data ? data[2] : frame.url;
}

/** The bytes of a frame's image (a file, or a data URL decoded); undefined for an http URL. */
export function frameBytes(frame: FrameImage): number | undefined {
	if ('file' in frame) return frame.file.data.length;
	const data = DATA_URL.exec(frame.url);
	if (!data) return undefined;
	const base64 = data[2].replace(/\s/g, '');
	return (
		Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0)
	);
}

/** The name of the option whose keys are laid over the body, for messages. */
export const ADDITIONAL_BODY_FIELDS = 'Additional Body Fields';

/** A key of Additional Body Fields' `metadata` object, when the user set one. */
export function extraMetadata(request: CanonicalCreate, key: string): unknown {
	const metadata = request.extra?.metadata;
	return metadata && typeof metadata === 'object' && !Array.isArray(metadata)
		? (metadata as IDataObject)[key]
		: undefined;
}

/** A frame as a file to upload: the input's file, or a data URL decoded; undefined for an http URL. */
export function frameFile(frame: FrameImage, name: string): UploadFile | undefined {
	if ('file' in frame) return { ...frame.file, name };
	const data = DATA_URL.exec(frame.url);
	if (!data) return undefined;
	const extension = data[1].split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
	return {
		name,
		data: Buffer.from(data[2], 'base64'),
		fileName: `${name}.${extension}`,
		mimeType: data[1],
	};
}

/** A channel that takes a frame only as image data (a file or a data URL) refuses an http URL. */
export function refuseHttpFrame(
	channel: string,
	request: CanonicalCreate,
	how: string,
): Problem | undefined {
	for (const field of ['firstFrame', 'lastFrame'] as const) {
		const frame = request[field];
		if (frame && 'url' in frame && isHttpUrl(frame.url)) {
			return {
				field: FIELD_NAMES[field],
				message: `${channel} takes the ${FIELD_NAMES[field].toLowerCase()} only as image data (${how}), not as an http URL`,
				description: `Nothing was sent. Set ${FIELD_NAMES[field]} to "From Input Binary Field" (download the image first, e.g. with HTTP Request) or give a data:image/…;base64 URL.`,
			};
		}
	}
	return undefined;
}

/** A channel that reads a last frame only as the second of two frames refuses one without a first frame. */
export function refuseLastWithoutFirst(
	channel: string,
	request: CanonicalCreate,
): Problem | undefined {
	return request.lastFrame && !request.firstFrame
		? {
				field: FIELD_NAMES.lastFrame,
				message: `${channel} takes a Last Frame only with a First Frame`,
			}
		: undefined;
}

/** A channel that takes a resolution only inside a Size refuses one given without an aspect ratio or Size. */
export function refuseLoneResolution(
	channel: string,
	request: CanonicalCreate,
): Problem | undefined {
	if (!request.resolution || request.aspectRatio || request.size) return undefined;
	return {
		field: FIELD_NAMES.resolution,
		message: `${channel} takes a resolution only as a Size: set Aspect Ratio too (or Size)`,
		description:
			'It has no resolution key of its own; the node sends the Size that the aspect ratio makes at that resolution. Nothing was sent.',
	};
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

function dimensions(size: string | undefined): [number, number] | undefined {
	const match = /^(\d+)\s*[x*×]\s*(\d+)$/i.exec(size?.trim() ?? '');
	return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** "1280x720" → "16:9". */
export function ratioOf(size: string | undefined): string | undefined {
	const wh = dimensions(size);
	if (!wh) return undefined;
	const divisor = gcd(wh[0], wh[1]);
	return `${wh[0] / divisor}:${wh[1] / divisor}`;
}

/** "1280x720" → "720p" (the short side). */
export function resolutionOf(size: string | undefined): string | undefined {
	const wh = dimensions(size);
	return wh ? `${Math.min(...wh)}p` : undefined;
}

const SHORT_SIDES: Record<string, number> = {
	'360p': 360,
	'480p': 480,
	'540p': 540,
	'720p': 720,
	'768p': 768,
	'1080p': 1080,
	'1k': 1024,
	'2k': 1440,
	'4k': 2160,
};

/** "16:9" at "720p" → "1280x720" (the long side rounded to an even number of pixels). */
export function pixelSize(
	aspectRatio: string,
	resolution: string,
	separator = 'x',
): string | undefined {
	const short = SHORT_SIDES[resolution.trim().toLowerCase()];
	const [w, h] = aspectRatio.split(':').map(Number);
	if (!short || !(w > 0) || !(h > 0)) return undefined;
	const long = Math.round((short * Math.max(w, h)) / Math.min(w, h) / 2) * 2;
	return w >= h ? `${long}${separator}${short}` : `${short}${separator}${long}`;
}

/** The aspect ratio and resolution asked, from their own fields or from an exact Size. */
export function ratioAndResolution(request: CanonicalCreate): {
	aspectRatio?: string;
	resolution?: string;
} {
	return {
		aspectRatio: request.aspectRatio ?? ratioOf(request.size),
		resolution: request.resolution ?? resolutionOf(request.size),
	};
}

/** The exact size asked: its own field, or the aspect ratio at the resolution (else `fallbackResolution`). */
export function sizeAsked(
	request: CanonicalCreate,
	fallbackResolution = '720p',
	separator = 'x',
): string | undefined {
	if (request.size) return separator === 'x' ? request.size : request.size.replace(/x/i, separator);
	if (!request.aspectRatio) return undefined;
	return pixelSize(request.aspectRatio, request.resolution ?? fallbackResolution, separator);
}

/** Object values (`metadata`, `extra_body`) merge key by key; anything else the user wrote replaces ours. */
function laidOver(ours: IDataObject, theirs: IDataObject): IDataObject {
	const merged: IDataObject = { ...ours };
	for (const [key, value] of Object.entries(theirs)) {
		const mine = merged[key];
		const bothObjects = [mine, value].every((v) => v && typeof v === 'object' && !Array.isArray(v));
		merged[key] = bothObjects ? laidOver(mine as IDataObject, value as IDataObject) : value;
	}
	return merged;
}

/** Drops the keys left undefined and an empty metadata object. */
export function compact(fields: IDataObject): IDataObject {
	const kept: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		if (value && typeof value === 'object' && !Array.isArray(value) && !Object.keys(value).length)
			continue;
		kept[key] = value;
	}
	return kept;
}

/** The channel's body with Additional Body Fields laid over it: they are sent as the user wrote them. */
export function spell(channel: Channel, request: CanonicalCreate): CreateBody {
	const body = channel.body(request);
	return { fields: compact(laidOver(body.fields, request.extra ?? {})), files: body.files };
}

/** The fields the user set. */
export function fieldsSet(request: CanonicalCreate): CreateField[] {
	return (Object.keys(FIELD_NAMES) as CreateField[]).filter((field) => {
		const value = request[field];
		return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '';
	});
}

/**
 * The one refusal: a field the channel has no key for (the gateway would drop it without an
 * error), or a value it cannot carry. Nothing has been sent when this answers.
 */
export function checkChannel(channel: Channel, request: CanonicalCreate): Problem | undefined {
	const refused = fieldsSet(request).find((field) => channel.refuses[field] !== undefined);
	if (refused) {
		const why = channel.refuses[refused];
		return {
			field: FIELD_NAMES[refused],
			message: `${channel.name} takes no ${FIELD_NAMES[refused]}${why ? ` (${why})` : ''}: remove it`,
			description:
				`A gateway drops a key its channel does not read without an error, so the model would use its default and you would pay for another video than the one asked for. Nothing was sent. ` +
				`Remove ${FIELD_NAMES[refused]}, choose a model or host that takes it (see the README's Models x hosts table), or, if your gateway's version reads it under a key of its own, send that key with Additional Body Fields.`,
		};
	}
	return channel.check?.(request);
}
