/** What a request was for, so that every error names the item and, where known, the video. */
export interface ErrorScope {
	itemIndex?: number;
	videoId?: string;
	characterId?: string;
	model?: string;
}

/** " [item 2, video video_123]": appended to every message that has a scope. */
export function scopeSuffix(scope: ErrorScope): string {
	const parts: string[] = [];
	if (scope.itemIndex !== undefined) parts.push(`item ${scope.itemIndex}`);
	if (scope.videoId) parts.push(`video ${scope.videoId}`);
	if (scope.characterId) parts.push(`character ${scope.characterId}`);
	return parts.length ? ` [${parts.join(', ')}]` : '';
}
