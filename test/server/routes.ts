export type RouteName =
	| 'createVideo'
	| 'listVideos'
	| 'getVideo'
	| 'deleteVideo'
	| 'videoContent'
	| 'remixVideo'
	| 'editVideo'
	| 'extendVideo'
	| 'createCharacter'
	| 'getCharacter'
	| 'listModels';

export interface MatchedRoute {
	name: RouteName;
	params: { videoId?: string; characterId?: string };
	/** POSTs that create a job (createCount, job-fails, *-after-processing). */
	createsJob: boolean;
	isContent: boolean;
}

const ROUTES: Array<{ method: string; pattern: RegExp; name: RouteName }> = [
	{ method: 'POST', pattern: /^\/videos$/, name: 'createVideo' },
	{ method: 'GET', pattern: /^\/videos$/, name: 'listVideos' },
	{ method: 'POST', pattern: /^\/videos\/characters$/, name: 'createCharacter' },
	{ method: 'GET', pattern: /^\/videos\/characters\/(?<characterId>[^/]+)$/, name: 'getCharacter' },
	{ method: 'POST', pattern: /^\/videos\/edits$/, name: 'editVideo' },
	{ method: 'POST', pattern: /^\/videos\/extensions$/, name: 'extendVideo' },
	{ method: 'GET', pattern: /^\/videos\/(?<videoId>[^/]+)$/, name: 'getVideo' },
	{ method: 'DELETE', pattern: /^\/videos\/(?<videoId>[^/]+)$/, name: 'deleteVideo' },
	{ method: 'GET', pattern: /^\/videos\/(?<videoId>[^/]+)\/content$/, name: 'videoContent' },
	{ method: 'POST', pattern: /^\/videos\/(?<videoId>[^/]+)\/remix$/, name: 'remixVideo' },
	{ method: 'GET', pattern: /^\/models$/, name: 'listModels' },
];

const JOB_CREATING: ReadonlySet<RouteName> = new Set([
	'createVideo',
	'remixVideo',
	'editVideo',
	'extendVideo',
]);

/** `path` is without the /v1 prefix. */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
	for (const route of ROUTES) {
		const match = route.method === method ? route.pattern.exec(path) : null;
		if (!match) continue;
		const groups = match.groups ?? {};
		return {
			name: route.name,
			params: {
				videoId: groups.videoId && decodeURIComponent(groups.videoId),
				characterId: groups.characterId && decodeURIComponent(groups.characterId),
			},
			createsJob: JOB_CREATING.has(route.name),
			isContent: route.name === 'videoContent',
		};
	}
	return undefined;
}
