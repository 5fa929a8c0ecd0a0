import type { IDataObject } from 'n8n-workflow';

import type { ContentLocation } from '../hosts';

/**
 * The one URL builder: where a request (or a content location a host names) goes, query
 * included: the URL that is sent, and the one error text and a tool's answer show.
 */
export function absoluteUrl(
	baseUrl: string,
	location: ContentLocation | { path: string; qs?: IDataObject; url?: string },
): string {
	if ('url' in location && location.url) return location.url;
	if (!('path' in location)) return baseUrl;
	const query = Object.entries(location.qs ?? {})
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
		.join('&');
	const joiner = location.path.includes('?') ? '&' : '?';
	return `${baseUrl}${location.path}${query ? `${joiner}${query}` : ''}`;
}
