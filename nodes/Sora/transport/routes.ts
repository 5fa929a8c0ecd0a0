import type { IDataObject } from 'n8n-workflow';

import type { ContentVariant } from '../domain/contract';
import type { Video } from '../domain/video';
import type { HostDialect, HostOperation } from '../hosts';

/**
 * What a request is for, with its ids: the one description of a request's place that the node
 * passes around. Only `targetOf` (with the host's dialect, for hosts with paths of their own)
 * turns it into a path, so nothing ever parses a path back.
 */
export type Route =
	| { operation: 'Create' | 'List' | 'Edit' | 'Extend' | 'Character Create' | 'Model List' }
	| { operation: 'Get' | 'Delete' | 'Remix' | 'Failure Reason'; videoId: string }
	| { operation: 'Download'; videoId: string; variant: ContentVariant; video?: Video }
	| { operation: 'Character Get'; characterId: string };

export type RouteOperation = Route['operation'];

/** Where a route goes: a path under Base URL (with its query), or an absolute URL the host named. */
export type Target = { path: string; qs?: IDataObject } | { url: string };

/** An id that would leave its place in the path (`.`, `..`, empty): refused before anything is sent. */
export class InvalidIdError extends Error {
	constructor(
		readonly field: 'Video ID' | 'Character ID',
		readonly id: string,
	) {
		super(`${field} "${id}" is not an id: it would change the path of the request`);
		this.name = 'InvalidIdError';
	}
}

function decodedForms(id: string): string[] {
	const forms = [id];
	for (let depth = 0; depth < 3; depth++) {
		try {
			const decoded = decodeURIComponent(forms[forms.length - 1]);
			if (decoded === forms[forms.length - 1]) break;
			forms.push(decoded);
		} catch {
			break;
		}
	}
	return forms;
}

/** One path segment for an id: encoded, and never `.`/`..` (however often it is decoded). */
function segment(id: string, field: InvalidIdError['field']): string {
	const unsafe = decodedForms(id).some((form) => {
		const trimmed = form.trim();
		return trimmed === '' || trimmed === '.' || trimmed === '..';
	});
	if (unsafe) throw new InvalidIdError(field, id);
	return encodeURIComponent(id);
}

const FIXED_PATHS = {
	Create: '/videos',
	List: '/videos',
	Edit: '/videos/edits',
	Extend: '/videos/extensions',
	'Character Create': '/videos/characters',
} as const;

/** The one route builder: a route's path (or the URL a host named) on this host. */
export function targetOf(dialect: HostDialect, route: Route): Target {
	switch (route.operation) {
		case 'Create':
		case 'List':
		case 'Edit':
		case 'Extend':
		case 'Character Create':
			return { path: FIXED_PATHS[route.operation] };
		case 'Model List':
			return { path: dialect.modelListPath };
		case 'Get':
		case 'Delete':
			return { path: `/videos/${segment(route.videoId, 'Video ID')}` };
		case 'Remix':
			return { path: `/videos/${segment(route.videoId, 'Video ID')}/remix` };
		case 'Failure Reason': {
			segment(route.videoId, 'Video ID');
			if (!dialect.failureReason) throw new Error(`${dialect.label} keeps no failure reasons`);
			return { path: dialect.failureReason.path(route.videoId) };
		}
		case 'Download': {
			segment(route.videoId, 'Video ID');
			return dialect.contentLocation(route.video, route.videoId, route.variant);
		}
		case 'Character Get':
			return { path: `/videos/characters/${segment(route.characterId, 'Character ID')}` };
	}
}

/** The menu entry a route belongs to (for "does not offer" messages); the failure reason is part of Get. */
export function menuOperationOf(route: Route): HostOperation {
	return route.operation === 'Failure Reason' ? 'Get' : route.operation;
}

/** The video a route is about, if any. */
export function videoIdOf(route: Route): string | undefined {
	return 'videoId' in route ? route.videoId : undefined;
}
