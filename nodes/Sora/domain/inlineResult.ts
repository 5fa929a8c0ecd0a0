import type { Video } from './video';

/**
 * A result given inside the status answer as a `data:` URL (new-api's Vertex channel puts the MP4 in
 * `metadata.url` as `data:video/mp4;base64,…`): the video itself, possibly megabytes. It is kept on
 * the video out of sight (not enumerable: a spread, JSON.stringify or n8n's copy of an item leaves it
 * out), and `metadata.url` becomes a short note, so no output item carries the base64.
 */
const INLINE_RESULT = Symbol('inlineResult');

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),/i;

export function isDataUrl(value: unknown): value is string {
	return typeof value === 'string' && DATA_URL.test(value.slice(0, 200));
}

/** The declared type and whether it is base64 ("video/mp4", true). */
export function dataUrlHead(
	url: string,
): { mimeType: string; base64: boolean; start: number } | undefined {
	const match = DATA_URL.exec(url.slice(0, 200));
	if (!match) return undefined;
	const parameters = match[2].toLowerCase().split(';');
	return {
		mimeType: match[1].toLowerCase(),
		base64: parameters.includes('base64'),
		start: match[0].length,
	};
}

/** What replaces the data URL in the video's JSON. */
export function inlineResultNote(url: string): string {
	const head = dataUrlHead(url);
	const bytes = head?.base64 ? Math.floor(((url.length - head.start) * 3) / 4) : url.length;
	const mib = Math.round((bytes / (1024 * 1024)) * 10) / 10;
	return `data:${head?.mimeType || 'video/mp4'} (${mib} MiB in the host's answer: downloaded into the binary data, not copied here)`;
}

/** Takes a `data:` result out of the video's `metadata.url` (a note stays there). */
export function takeInlineResult(video: Video): void {
	const metadata = video.metadata;
	if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) return;
	const url = (metadata as Record<string, unknown>).url;
	if (!isDataUrl(url)) return;
	Object.defineProperty(video, INLINE_RESULT, { value: url, enumerable: false });
	video.metadata = { ...metadata, url: inlineResultNote(url) };
}

/** The `data:` result the host answered for this video, if any. */
export function inlineResultOf(video: Video | undefined): string | undefined {
	return video
		? ((video as unknown as Record<symbol, string | undefined>)[INLINE_RESULT] ?? undefined)
		: undefined;
}
