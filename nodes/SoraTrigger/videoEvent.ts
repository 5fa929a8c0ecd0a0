/**
 * A webhook event body as the provider sends it:
 * `{"id": "evt_…", "object": "event", "created_at": …, "type": "video.completed", "data": {"id": "video_…"}}`.
 * Unknown extra fields are kept.
 */
export interface VideoEvent {
	type: string;
	data: { id: string; [extra: string]: unknown };
	[extra: string]: unknown;
}

/** Reads an event from a parsed body; undefined when it has no `type` or no `data.id`. */
export function readVideoEvent(body: unknown): VideoEvent | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const raw = body as Record<string, unknown>;
	const data = raw.data;
	if (typeof raw.type !== 'string' || !raw.type) return undefined;
	if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
	const videoId = (data as Record<string, unknown>).id;
	if (typeof videoId !== 'string' || !videoId) return undefined;
	return { ...raw, type: raw.type, data: { ...(data as Record<string, unknown>), id: videoId } };
}

export function isVideoFailedEvent(type: unknown): boolean {
	return type === 'video.failed';
}
