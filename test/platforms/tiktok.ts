/**
 * TikTok's Content Posting API, direct post by FILE_UPLOAD (developers.tiktok.com/doc/content-posting-
 * api-media-transfer-guide): POST /v2/post/publish/video/init/ with post_info and source_info
 * (video_size, chunk_size, total_chunk_count: a file under 5 MB goes whole; chunks of 5-64 MB, the last
 * up to 128 MB, count = floor(size / chunk)); then PUT of each chunk, in order, to upload_url with
 * Content-Type video/mp4 and Content-Range "bytes first-last/total" (206 until the last, then 201);
 * POST /v2/post/publish/status/fetch/. PULL_FROM_URL is refused unless the URL's domain is verified;
 * an unaudited app posts SELF_ONLY. Errors as TikTok writes them ({data, error: {code, message, log_id}}).
 */
import { randomBytes } from 'node:crypto';
import { startStandIn, type Answer, type StandIn } from './standIn';

const MB = 1024 * 1024;
export const TIKTOK_MIN_CHUNK = 5 * MB;
export const TIKTOK_MAX_CHUNK = 64 * MB;
export const TIKTOK_MAX_LAST_CHUNK = 128 * MB;
export const TIKTOK_MAX_BYTES = 4 * 1024 * MB;
const VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/webm'];

export interface TikTokUpload {
	publishId: string;
	uploadId: string;
	title?: string;
	privacyLevel?: string;
	videoSize: number;
	chunkSize: number;
	totalChunkCount: number;
	chunks: Array<{ first: number; last: number; contentType?: string }>;
	data: Buffer;
	complete: boolean;
}

export interface TikTokStandIn extends StandIn {
	accessToken: string;
	/** The API base to put in place of https://open.tiktokapis.com. */
	apiUrl: string;
	uploads: TikTokUpload[];
}

const logId = () => randomBytes(8).toString('hex').toUpperCase();
const fail = (status: number, code: string, message: string): Answer => ({
	status,
	body: { data: {}, error: { code, message, log_id: logId() } },
});
const ok = (data: object): Answer => ({
	status: 200,
	body: { data, error: { code: 'ok', message: '', log_id: logId() } },
});

/** The chunk rules of the media transfer guide; undefined when the numbers fit. */
function chunkProblem(size: number, chunk: number, count: number): string | undefined {
	if (!(size > 0) || size > TIKTOK_MAX_BYTES) return 'video_size must be between 1 byte and 4 GB';
	if (size < TIKTOK_MIN_CHUNK)
		return chunk === size && count === 1
			? undefined
			: 'A video under 5 MB is uploaded whole: chunk_size = video_size, total_chunk_count = 1';
	if (chunk < TIKTOK_MIN_CHUNK || chunk > TIKTOK_MAX_CHUNK)
		return 'chunk_size must be between 5 MB and 64 MB';
	if (count !== Math.floor(size / chunk))
		return `total_chunk_count must be floor(video_size / chunk_size) = ${Math.floor(size / chunk)}`;
	if (size - chunk * (count - 1) > TIKTOK_MAX_LAST_CHUNK)
		return 'the last chunk may hold at most 128 MB';
	return undefined;
}

export async function startTikTok(
	accessToken = 'act.e2e-tiktok-token',
	verifiedDomains: string[] = [],
): Promise<TikTokStandIn> {
	const uploads: TikTokUpload[] = [];
	let standIn: StandIn;
	const authorised = (authorization = '') => authorization === `Bearer ${accessToken}`;

	const init = (body: Buffer): Answer => {
		let json: {
			post_info?: { title?: string; privacy_level?: string };
			source_info?: Record<string, unknown>;
		};
		try {
			json = JSON.parse(body.toString('utf8'));
		} catch {
			return fail(400, 'invalid_params', 'The request body is not valid JSON');
		}
		const source = json.source_info ?? {};
		if (source.source === 'PULL_FROM_URL') {
			const host = (() => {
				try {
					return new URL(String(source.video_url)).hostname;
				} catch {
					return '';
				}
			})();
			if (!verifiedDomains.includes(host))
				return fail(
					403,
					'url_ownership_unverified',
					`The domain of video_url (${host || 'none'}) is not verified for this app`,
				);
			return fail(400, 'invalid_params', 'This stand-in takes FILE_UPLOAD only');
		}
		if (source.source !== 'FILE_UPLOAD')
			return fail(400, 'invalid_params', 'source_info.source must be FILE_UPLOAD or PULL_FROM_URL');
		const privacy = json.post_info?.privacy_level;
		if (privacy !== 'SELF_ONLY')
			return fail(
				403,
				'unaudited_client_can_only_post_to_private_accounts',
				'Unaudited clients can only post with privacy_level SELF_ONLY',
			);
		const [size, chunk, count] = [
			source.video_size,
			source.chunk_size,
			source.total_chunk_count,
		].map(Number);
		const problem = chunkProblem(size, chunk, count);
		if (problem) return fail(400, 'invalid_params', problem);
		const upload: TikTokUpload = {
			publishId: `v_pub_file~v2-1.${7000000000000000000n + BigInt(uploads.length)}`,
			uploadId: randomBytes(8).toString('hex'),
			title: json.post_info?.title,
			privacyLevel: privacy,
			videoSize: size,
			chunkSize: chunk,
			totalChunkCount: count,
			chunks: [],
			data: Buffer.alloc(0),
			complete: false,
		};
		uploads.push(upload);
		return ok({
			publish_id: upload.publishId,
			upload_url: `${standIn.url}/upload/?upload_id=${upload.uploadId}&upload_token=${randomBytes(6).toString('hex')}`,
		});
	};

	const put = (uploadId: string | null, headers: Record<string, string>, body: Buffer): Answer => {
		const upload = uploads.find((u) => u.uploadId === uploadId);
		if (!upload) return fail(404, 'not_found', 'No upload with this upload_id');
		if (!VIDEO_TYPES.includes(headers['content-type'] ?? ''))
			return fail(400, 'invalid_params', `Content-Type must be one of ${VIDEO_TYPES.join(', ')}`);
		const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(headers['content-range'] ?? '');
		if (!range)
			return fail(400, 'invalid_params', 'Content-Range must be "bytes {first}-{last}/{total}"');
		const [first, last, total] = range.slice(1).map(Number);
		const index = upload.chunks.length;
		const expectedLast =
			index === upload.totalChunkCount - 1
				? upload.videoSize - 1
				: (index + 1) * upload.chunkSize - 1;
		if (
			total !== upload.videoSize ||
			first !== index * upload.chunkSize ||
			last !== expectedLast ||
			body.length !== last - first + 1
		) {
			return {
				status: 416,
				body: {
					error: {
						code: 'range_not_satisfiable',
						message: `Expected chunk ${index + 1} of ${upload.totalChunkCount}: bytes ${index * upload.chunkSize}-${expectedLast}/${upload.videoSize}, ${body.length} bytes sent`,
						log_id: logId(),
					},
				},
			};
		}
		upload.chunks.push({ first, last, contentType: headers['content-type'] });
		upload.data = Buffer.concat([upload.data, body]);
		upload.complete = upload.chunks.length === upload.totalChunkCount;
		return { status: upload.complete ? 201 : 206 };
	};

	standIn = await startStandIn((request) => {
		if (request.path === '/upload/' && request.method === 'PUT')
			return put(request.query.get('upload_id'), request.headers, request.body);
		if (!authorised(request.headers.authorization))
			return fail(
				401,
				'access_token_invalid',
				'The access token is invalid or not found in the request.',
			);
		if (request.method === 'POST' && request.path === '/v2/post/publish/video/init/')
			return init(request.body);
		if (request.method === 'POST' && request.path === '/v2/post/publish/status/fetch/') {
			const publishId = (
				JSON.parse(request.body.toString('utf8') || '{}') as { publish_id?: string }
			).publish_id;
			const upload = uploads.find((u) => u.publishId === publishId);
			if (!upload) return fail(400, 'invalid_publish_id', 'publish_id not found');
			return ok({
				status: upload.complete ? 'PUBLISH_COMPLETE' : 'PROCESSING_UPLOAD',
				uploaded_bytes: upload.data.length,
			});
		}
		return fail(
			404,
			'not_found',
			`${request.method} ${request.path} is not part of the Content Posting API`,
		);
	});
	return Object.assign(standIn, { accessToken, apiUrl: standIn.url, uploads });
}
