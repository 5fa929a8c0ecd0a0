/**
 * Instagram's Content Publishing API for Reels (developers.facebook.com/docs/instagram-api/guides/
 * content-publishing): POST /<version>/<ig-user-id>/media (media_type=REELS, video_url, caption,
 * access_token) makes a container; Meta fetches video_url itself (so it must be public: here from the
 * S3 stand-in) and checks the file (MP4, moov before mdat, 3 s-15 min, at most 1920 px wide, at most
 * 1 GB); GET /<version>/<container-id>?fields=status_code answers IN_PROGRESS once, then FINISHED or
 * ERROR; POST /<version>/<ig-user-id>/media_publish?creation_id=… publishes a FINISHED container.
 * Errors in the Graph API's shape ({"error": {message, type, code, error_subcode}}).
 */
import { readMp4Facts } from './mp4Facts';
import { paramsOf, startStandIn, type Answer, type StandIn } from './standIn';

export const INSTAGRAM_MAX_BYTES = 1000 * 1000 * 1000;

export interface ReelContainer {
	id: string;
	videoUrl: string;
	caption?: string;
	/** What the fetch of video_url got. */
	fetched?: { status: number; bytes: number; contentType?: string };
	problems: string[];
	statusChecks: number;
	publishedMediaId?: string;
}

export interface InstagramStandIn extends StandIn {
	igUserId: string;
	accessToken: string;
	/** The Graph API base to put in place of https://graph.facebook.com. */
	graphUrl: string;
	containers: ReelContainer[];
}

function graphError(message: string, code: number, subcode?: number, status = 400): Answer {
	return {
		status,
		body: {
			error: {
				message,
				type: 'OAuthException',
				code,
				...(subcode ? { error_subcode: subcode } : {}),
				fbtrace_id: 'E2Efbtrace',
			},
		},
	};
}

/** What Meta checks once it has fetched the file. */
function checkReel(data: Buffer): string[] {
	const problems: string[] = [];
	const facts = readMp4Facts(data);
	if (facts.topLevel[0] !== 'ftyp') return ['not an MP4 or MOV file'];
	if (!facts.fastStart) problems.push('the moov atom is not at the front of the file');
	if (data.length > INSTAGRAM_MAX_BYTES) problems.push('the file is larger than 1 GB');
	if (
		facts.durationSeconds !== undefined &&
		(facts.durationSeconds < 3 || facts.durationSeconds > 900)
	) {
		problems.push(`the duration ${facts.durationSeconds.toFixed(2)} s is outside 3 s-15 min`);
	}
	if (facts.width !== undefined && facts.width > 1920)
		problems.push(`the width ${facts.width} px is above 1920 px`);
	return problems;
}

export async function startInstagram(
	igUserId = '17841400000000001',
	accessToken = 'EAAG-e2e-instagram-token',
): Promise<InstagramStandIn> {
	const containers: ReelContainer[] = [];
	let nextId = 18000000000001;
	const standIn = await startStandIn(async (request) => {
		const match = /^\/v\d+\.\d+\/([^/]+)(?:\/([a-z_]+))?$/.exec(request.path);
		if (!match) return graphError('Unknown path components', 2500);
		const params = paramsOf(request);
		const token =
			params.access_token ?? /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
		if (token !== accessToken)
			return graphError('Invalid OAuth access token - Cannot parse access token', 190);
		const [, node, edge] = match;

		if (request.method === 'GET' && !edge) {
			const container = containers.find((c) => c.id === node);
			if (!container)
				return graphError(
					`Unsupported get request. Object with ID '${node}' does not exist`,
					100,
					33,
				);
			container.statusChecks++;
			if (container.statusChecks === 1)
				return { status: 200, body: { status_code: 'IN_PROGRESS', id: container.id } };
			if (container.problems.length) {
				return {
					status: 200,
					body: {
						status_code: 'ERROR',
						status: `Error: ${container.problems.join('; ')}`,
						id: container.id,
					},
				};
			}
			return {
				status: 200,
				body: {
					status_code: container.publishedMediaId ? 'PUBLISHED' : 'FINISHED',
					id: container.id,
				},
			};
		}
		if (request.method !== 'POST' || node !== igUserId)
			return graphError('Unsupported request', 100);

		if (edge === 'media') {
			if (params.media_type !== 'REELS')
				return graphError('The parameter media_type must be REELS for a video', 100);
			if (!params.video_url) return graphError('The parameter video_url is required', 100);
			if (!/^https?:\/\//.test(params.video_url))
				return graphError('Only photo or video can be accepted as media type.', 9004, 2207052);
			const fetched = await fetch(params.video_url).catch(() => undefined);
			if (!fetched || !fetched.ok) {
				return graphError(
					'Media download has failed.: The media could not be fetched from this uri: ' +
						params.video_url,
					9004,
					2207052,
				);
			}
			const data = Buffer.from(await fetched.arrayBuffer());
			const container: ReelContainer = {
				id: String(nextId++),
				videoUrl: params.video_url,
				caption: params.caption,
				fetched: {
					status: fetched.status,
					bytes: data.length,
					contentType: fetched.headers.get('content-type') ?? undefined,
				},
				problems: checkReel(data),
				statusChecks: 0,
			};
			containers.push(container);
			return { status: 200, body: { id: container.id } };
		}
		if (edge === 'media_publish') {
			const container = containers.find((c) => c.id === params.creation_id);
			if (!container)
				return graphError(
					'The parameter creation_id is required and must be a container of this user',
					100,
				);
			if (container.statusChecks < 2 || container.problems.length)
				return graphError('Media ID is not available', 9007, 2207027);
			if (container.publishedMediaId)
				return graphError('The media has already been published', 9007, 2207008);
			container.publishedMediaId = String(nextId++);
			return { status: 200, body: { id: container.publishedMediaId } };
		}
		return graphError(`Unknown edge ${edge}`, 100);
	});
	return Object.assign(standIn, { igUserId, accessToken, graphUrl: standIn.url, containers });
}
