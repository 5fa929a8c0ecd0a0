import { readImageInfo } from '../media-headers';
import { FAMILY_BEHAVIOUR } from './behaviour';

/** The model families the simulation knows (the node's ModelFamilyId without 'unknown'). */
export type FamilyId =
	| 'sora'
	| 'veo'
	| 'kling'
	| 'seedance'
	| 'hailuo'
	| 'wan'
	| 'vidu'
	| 'runway'
	| 'jimeng'
	| 'muse';

/** A frame image as it reached the model: its bytes when it came as a data URL, raw base64 or a file. */
export interface FrameImage {
	url?: string;
	bytes?: Buffer;
}

/**
 * The keys that reached the model after the host mapped the request (undefined: dropped or not sent),
 * in the model's terms. A host mode reads its dialect into this; `renderedVideo` turns it into what the
 * model makes.
 */
export interface ReachedKeys {
	/** The model that makes the video when a key replaced the one asked (Hailuo's `metadata.model`). */
	model?: string;
	seconds?: number;
	/** "16:9" */
	aspectRatio?: string;
	/** "720p" (lower case) */
	resolution?: string;
	/** An exact pixel size the model takes ("1280x720"; Wan's "1280*720", Runway's "1280:720" normalised). */
	size?: string;
	firstFrame?: FrameImage;
	lastFrame?: FrameImage;
	generateAudio?: boolean;
	seed?: number;
	negativePrompt?: string;
}

/** What the model made: the MP4 a completed job serves, and what reached the model (for tests). */
export interface RenderedVideo {
	family: FamilyId;
	width: number;
	height: number;
	seconds: number;
	audio: boolean;
	/** A first frame reached the model (by any spelling it reads). */
	firstFrameReached: boolean;
	lastFrameReached: boolean;
	/** The first frame's bytes when they reached the model: the MP4 starts with this image. */
	firstFrameImage?: Buffer;
	/** The keys that reached the model, frames as `{url}` or `{bytes: <n>}` (for assertions and logs). */
	reached: Record<string, unknown>;
}

/** The family of a model id, as the gateways route it (undefined: not a video model of any family). */
export function familyOfModel(model: string): FamilyId | undefined {
	const id = model.toLowerCase().replace(/^[a-z_]+\//, '');
	if (/^sora-2/.test(id)) return 'sora';
	if (/^veo[-_]?3/.test(id) || /^veo3/.test(id)) return 'veo';
	if (/^kling/.test(id)) return 'kling';
	if (/seedance/.test(id)) return 'seedance';
	if (/hailuo|^minimax/.test(id)) return 'hailuo';
	if (/^wan2/.test(id)) return 'wan';
	if (/^vidu/.test(id)) return 'vidu';
	if (/^gen[34]/.test(id)) return 'runway';
	if (/^jimeng/.test(id)) return 'jimeng';
	if (/^muse-video/.test(id)) return 'muse';
	return undefined;
}

/** `data:image/png;base64,…` or raw base64 (no prefix) → bytes; an http(s) URL stays a URL. */
export function frameFrom(value: unknown): FrameImage | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	if (/^https?:\/\//i.test(value)) return { url: value };
	const base64 =
		/^data:[^;,]+;base64,(.*)$/s.exec(value)?.[1] ??
		(/^[A-Za-z0-9+/=\s]+$/.test(value) ? value : undefined);
	if (base64 === undefined) return { url: value };
	return { bytes: Buffer.from(base64, 'base64') };
}

/** The contract's `input_reference`: a URL / data URL string, or the JSON object `{image_url}` (a `file_id` names no bytes). */
export function referenceFrame(value: unknown): FrameImage | undefined {
	if (value && typeof value === 'object' && !Array.isArray(value))
		return frameFrom((value as { image_url?: unknown }).image_url);
	return frameFrom(value);
}

function ratioOfPixels(width: number, height: number): string {
	const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
	const divisor = gcd(width, height);
	return `${width / divisor}:${height / divisor}`;
}

/** "1280x720", "1280*720" or "1280:720" as pixels. */
export function pixelsOfSize(size: string | undefined): [number, number] | undefined {
	const match = /^(\d{2,4})[x*:](\d{2,4})$/.exec(size ?? '');
	return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** The aspect ratio of a first frame whose bytes reached the model ("16:9"), when it is near one the family takes. */
function ratioOfFrame(
	frame: FrameImage | undefined,
	ratios: readonly string[],
	keepsFrameRatio = false,
): string | undefined {
	const info = frame?.bytes ? readImageInfo(frame.bytes) : undefined;
	if (!info) return undefined;
	const exact = ratioOfPixels(info.width, info.height);
	const value = info.width / info.height;
	const nearest = [...ratios].sort((a, b) => distance(a) - distance(b))[0];
	// within 3 % of a ratio the family names, that one (720x1280 is 9:16), else the frame's own
	if (keepsFrameRatio && Math.abs(distance(nearest ?? exact)) > 0.03) return exact;
	return nearest ?? exact;
	function distance(ratio: string): number {
		const [w, h] = ratio.split(':').map(Number);
		return Math.abs(Math.log(w / h / value));
	}
}

/** What the model makes from the keys that reached it: its defaults where a key was dropped. */
export function renderedVideo(
	family: FamilyId,
	model: string,
	reached: ReachedKeys,
): RenderedVideo {
	const behaviour = FAMILY_BEHAVIOUR[family];
	const seconds = reached.seconds ?? behaviour.defaultSeconds(model);
	const exact = pixelsOfSize(reached.size);
	const ratio =
		reached.aspectRatio ??
		(behaviour.ratioFollowsFirstFrame
			? ratioOfFrame(reached.firstFrame, behaviour.ratios, behaviour.keepsFrameRatio)
			: undefined) ??
		behaviour.defaultRatio;
	const resolution = reached.resolution ?? behaviour.defaultResolution(model);
	const [width, height] = exact ?? behaviour.pixels(resolution, ratio);
	const audio =
		behaviour.makesAudio(model) && (reached.generateAudio ?? behaviour.audioByDefault(model));
	return {
		family,
		width,
		height,
		seconds,
		audio,
		firstFrameReached: reached.firstFrame !== undefined,
		lastFrameReached: reached.lastFrame !== undefined,
		firstFrameImage: reached.firstFrame?.bytes,
		reached: describeReached(reached),
	};
}

function describeReached(reached: ReachedKeys): Record<string, unknown> {
	const frame = (image: FrameImage | undefined) =>
		image ? (image.bytes ? { bytes: image.bytes.length } : { url: image.url }) : undefined;
	const described: Record<string, unknown> = {
		...reached,
		firstFrame: frame(reached.firstFrame),
		lastFrame: frame(reached.lastFrame),
	};
	return Object.fromEntries(Object.entries(described).filter(([, value]) => value !== undefined));
}
