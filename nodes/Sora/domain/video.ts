/** A video object as hosts return it: the contract's fields, tolerant of extras and loose types. */
export interface Video {
	id: string;
	object?: string;
	status: string;
	progress?: number;
	model?: string;
	size?: string;
	seconds?: string;
	error?: { code?: string; message?: string } | null;
	[extra: string]: unknown;
}

/** Reads a video from a response body; undefined when it has no id (not a video). */
export function readVideo(body: unknown): Video | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const raw = body as Record<string, unknown>;
	if (typeof raw.id !== 'string' || !raw.id) return undefined;
	const video: Video = { ...raw, id: raw.id, status: typeof raw.status === 'string' ? raw.status : 'unknown' };
	if (typeof raw.seconds === 'number') video.seconds = String(raw.seconds);
	if (typeof raw.size === 'number') video.size = String(raw.size);
	if (typeof raw.progress === 'string' && raw.progress.trim() !== '') video.progress = Number(raw.progress);
	return video;
}

export function failureMessageOf(video: Video): string {
	const message = video.error && typeof video.error === 'object' ? video.error.message : undefined;
	if (message) return message;
	if (video.status === 'failed') return 'The host reported the generation as failed without a reason';
	return `The video ended with status "${video.status}"`;
}
