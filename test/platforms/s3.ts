/**
 * An S3-compatible endpoint, path style (`<endpoint>/<bucket>/<key>`), as much as n8n's S3 node and a
 * fetcher need: GET ?location (the S3 node asks before each upload), PutObject (Signature V4
 * Authorization with the access key, Content-MD5 checked: BadDigest), GetObject / HeadObject without
 * credentials (a public-read bucket, as Instagram's fetcher needs), S3's XML errors.
 */
import { createHash } from 'node:crypto';
import { startStandIn, type Answer, type StandIn } from './standIn';

export interface StoredObject {
	data: Buffer;
	contentType?: string;
	etag: string;
}

export interface S3StandIn extends StandIn {
	accessKeyId: string;
	secretAccessKey: string;
	region: string;
	/** bucket → key → object */
	buckets: Map<string, Map<string, StoredObject>>;
	/** The public URL of an object (what Instagram's container gets as video_url). */
	objectUrl(bucket: string, key: string): string;
}

function xmlError(status: number, code: string, message: string, resource: string): Answer {
	const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><Resource>${resource}</Resource><RequestId>E2E${Date.now()}</RequestId></Error>`;
	return { status, headers: { 'content-type': 'application/xml' }, body };
}

export async function startS3(
	options: {
		buckets?: string[];
		accessKeyId?: string;
		secretAccessKey?: string;
		region?: string;
	} = {},
): Promise<S3StandIn> {
	const accessKeyId = options.accessKeyId ?? 'E2EACCESSKEY';
	const secretAccessKey = options.secretAccessKey ?? 'e2e-secret-access-key';
	const region = options.region ?? 'us-east-1';
	const buckets = new Map(
		(options.buckets ?? ['videos']).map((name) => [name, new Map<string, StoredObject>()]),
	);
	const signedByUs = (authorization = '') =>
		authorization.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`);

	const standIn = await startStandIn((request) => {
		const [, bucketName = '', ...rest] = request.path.split('/');
		const key = decodeURIComponent(rest.join('/'));
		const bucket = buckets.get(bucketName);
		if (!bucket)
			return xmlError(404, 'NoSuchBucket', 'The specified bucket does not exist', `/${bucketName}`);
		if (!key && request.method === 'GET' && request.query.has('location')) {
			if (!signedByUs(request.headers.authorization))
				return xmlError(403, 'AccessDenied', 'Access Denied', `/${bucketName}`);
			const body = `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${region}</LocationConstraint>`;
			return { status: 200, headers: { 'content-type': 'application/xml' }, body };
		}
		if (!key)
			return xmlError(
				400,
				'InvalidRequest',
				'This stand-in serves ?location, PutObject, GetObject and HeadObject',
				request.path,
			);
		if (request.method === 'PUT') {
			if (!signedByUs(request.headers.authorization))
				return xmlError(
					403,
					'InvalidAccessKeyId',
					'The AWS Access Key Id you provided does not exist in our records.',
					request.path,
				);
			const md5 = request.headers['content-md5'];
			if (md5 && md5 !== createHash('md5').update(request.body).digest('base64')) {
				return xmlError(
					400,
					'BadDigest',
					'The Content-MD5 you specified did not match what we received.',
					request.path,
				);
			}
			const etag = `"${createHash('md5').update(request.body).digest('hex')}"`;
			bucket.set(key, { data: request.body, contentType: request.headers['content-type'], etag });
			return { status: 200, headers: { etag } };
		}
		if (request.method === 'GET' || request.method === 'HEAD') {
			const object = bucket.get(key);
			if (!object)
				return xmlError(404, 'NoSuchKey', 'The specified key does not exist.', request.path);
			const headers = {
				'content-type': object.contentType ?? 'binary/octet-stream',
				'content-length': String(object.data.length),
				etag: object.etag,
			};
			return { status: 200, headers, body: request.method === 'GET' ? object.data : undefined };
		}
		return xmlError(
			405,
			'MethodNotAllowed',
			'The specified method is not allowed against this resource.',
			request.path,
		);
	});
	const objectUrl = (bucket: string, key: string) =>
		`${standIn.url}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
	return Object.assign(standIn, { accessKeyId, secretAccessKey, region, buckets, objectUrl });
}
