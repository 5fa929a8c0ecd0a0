/** The platform stand-ins answer as the platforms do: what they take, and their own errors above their limits. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
	DISCORD_MAX_REQUEST_BYTES,
	readMp4Facts,
	startDiscord,
	startInstagram,
	startS3,
	startTelegram,
	startTikTok,
	TELEGRAM_MAX_UPLOAD_BYTES,
} from '.';

/** A platform's JSON answer, read loosely (the tests assert its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const read = (response: Response): Promise<any> => response.json();

const VIDEO = readFileSync(path.join(__dirname, '..', 'server', 'fixtures', 'video.mp4'));

function form(
	fields: Record<string, string>,
	file?: { field: string; name: string; data: Buffer },
): FormData {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.append(name, value);
	if (file) body.append(file.field, new Blob([file.data], { type: 'video/mp4' }), file.name);
	return body;
}

/** The fixture with its moov box moved after mdat (what a file without fast start looks like). */
function moovLast(mp4: Buffer): Buffer {
	const boxes: Buffer[] = [];
	for (let at = 0; at < mp4.length; at += mp4.readUInt32BE(at))
		boxes.push(mp4.subarray(at, at + mp4.readUInt32BE(at)));
	const type = (box: Buffer) => box.toString('latin1', 4, 8);
	return Buffer.concat([
		...boxes.filter((b) => type(b) !== 'moov'),
		...boxes.filter((b) => type(b) === 'moov'),
	]);
}

/** A 4 s fixture: the 2 s one with its durations doubled (what Meta reads is mvhd). */
function fourSeconds(mp4: Buffer): Buffer {
	const copy = Buffer.from(mp4);
	const at = copy.indexOf('mvhd') + 4;
	copy.writeUInt32BE(copy.readUInt32BE(at + 16) * 2, at + 16);
	return copy;
}

describe('mp4Facts', () => {
	it('reads box order, duration and size', () => {
		expect(readMp4Facts(VIDEO)).toEqual({
			topLevel: ['ftyp', 'moov', 'free', 'mdat'],
			fastStart: true,
			durationSeconds: 2,
			width: 320,
			height: 180,
		});
		expect(readMp4Facts(moovLast(VIDEO))).toMatchObject({
			topLevel: ['ftyp', 'free', 'mdat', 'moov'],
			fastStart: false,
		});
	});
});

describe('Telegram sendVideo', () => {
	it('records the file and the numbers; refuses a wrong token and an upload over 50 MB with its own error', async () => {
		const telegram = await startTelegram();
		try {
			const url = `${telegram.url}/bot${telegram.token}/sendVideo`;
			const fields = {
				chat_id: '42',
				caption: 'A paper boat',
				width: '320',
				height: '180',
				duration: '2',
			};
			const sent = await fetch(url, {
				method: 'POST',
				body: form(fields, { field: 'video', name: 'video_1.mp4', data: VIDEO }),
			});
			expect(sent.status).toBe(200);
			expect(await read(sent)).toMatchObject({
				ok: true,
				result: {
					video: {
						width: 320,
						height: 180,
						duration: 2,
						file_size: VIDEO.length,
						file_name: 'video_1.mp4',
					},
					caption: 'A paper boat',
				},
			});
			expect(telegram.posts[0]).toMatchObject({
				chatId: '42',
				width: '320',
				height: '180',
				duration: '2',
				fileName: 'video_1.mp4',
				mimeType: 'video/mp4',
			});
			expect(telegram.posts[0].data.equals(VIDEO)).toBe(true);

			const wrongToken = await fetch(`${telegram.url}/bot1:nope/sendVideo`, {
				method: 'POST',
				body: form(fields),
			});
			expect([wrongToken.status, await read(wrongToken)]).toEqual([
				401,
				{ ok: false, error_code: 401, description: 'Unauthorized' },
			]);
			const big = Buffer.alloc(TELEGRAM_MAX_UPLOAD_BYTES + 1);
			const tooLarge = await fetch(url, {
				method: 'POST',
				body: form({ chat_id: '42' }, { field: 'video', name: 'big.mp4', data: big }),
			});
			expect([tooLarge.status, await read(tooLarge)]).toEqual([
				413,
				{ ok: false, error_code: 413, description: 'Request Entity Too Large' },
			]);
			const noVideo = await fetch(url, { method: 'POST', body: form({ chat_id: '42' }) });
			expect((await read(noVideo)).description).toBe(
				'Bad Request: there is no video in the request',
			);
			expect(telegram.posts).toHaveLength(1);
		} finally {
			await telegram.close();
		}
	});
});

describe('Discord webhook', () => {
	it('answers 204 without a body unless ?wait=true; 413 (40005) above 10 MiB', async () => {
		const discord = await startDiscord();
		try {
			const body = () =>
				form(
					{
						payload_json: JSON.stringify({
							content: 'Done',
							attachments: [{ id: 0, filename: 'video_1.mp4' }],
						}),
					},
					{ field: 'files[0]', name: 'video_1.mp4', data: VIDEO },
				);
			const noWait = await fetch(discord.webhookUrl, { method: 'POST', body: body() });
			expect([noWait.status, await noWait.text()]).toEqual([204, '']);
			const waited = await fetch(`${discord.webhookUrl}?wait=true`, {
				method: 'POST',
				body: body(),
			});
			expect(waited.status).toBe(200);
			expect(await read(waited)).toMatchObject({
				content: 'Done',
				attachments: [{ filename: 'video_1.mp4', size: VIDEO.length, content_type: 'video/mp4' }],
			});
			expect(discord.posts.map((p) => [p.waited, p.files[0].data.equals(VIDEO)])).toEqual([
				[false, true],
				[true, true],
			]);

			const big = form(
				{ payload_json: '{"content":"big"}' },
				{ field: 'files[0]', name: 'big.mp4', data: Buffer.alloc(DISCORD_MAX_REQUEST_BYTES) },
			);
			const tooLarge = await fetch(`${discord.webhookUrl}?wait=true`, {
				method: 'POST',
				body: big,
			});
			expect([tooLarge.status, await read(tooLarge)]).toEqual([
				413,
				{ message: 'Request entity too large', code: 40005 },
			]);
			const wrongToken = await fetch(`${discord.url}/api/webhooks/1/nope`, {
				method: 'POST',
				body: body(),
			});
			expect(wrongToken.status).toBe(401);
			expect(discord.posts).toHaveLength(2);
		} finally {
			await discord.close();
		}
	});
});

describe('S3 and Instagram Reels', () => {
	it('stores with a checked Content-MD5; Instagram fetches the public URL, checks moov first and 3 s, then publishes', async () => {
		const s3 = await startS3();
		const instagram = await startInstagram();
		try {
			const auth = {
				authorization: `AWS4-HMAC-SHA256 Credential=${s3.accessKeyId}/20261205/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0`,
			};
			const put = async (
				key: string,
				data: Buffer,
				md5 = createHash('md5').update(data).digest('base64'),
			) =>
				await fetch(s3.objectUrl('videos', key), {
					method: 'PUT',
					headers: { ...auth, 'content-type': 'video/mp4', 'content-md5': md5 },
					body: data,
				});
			expect((await fetch(`${s3.url}/videos?location`, { headers: auth })).status).toBe(200);
			expect((await put('good.mp4', fourSeconds(VIDEO))).status).toBe(200);
			expect((await put('slow.mp4', moovLast(fourSeconds(VIDEO)))).status).toBe(200);
			expect((await put('short.mp4', VIDEO)).status).toBe(200);
			const badDigest = await put('bad.mp4', VIDEO, 'AAAA');
			expect([badDigest.status, await badDigest.text()]).toEqual([
				400,
				expect.stringContaining('<Code>BadDigest</Code>'),
			]);
			expect(
				(await fetch(s3.objectUrl('videos', 'x.mp4'), { method: 'PUT', body: VIDEO })).status,
			).toBe(403);
			const got = await fetch(s3.objectUrl('videos', 'good.mp4'));
			expect([got.status, got.headers.get('content-type')]).toEqual([200, 'video/mp4']);

			const graph = (edge: string, params: Record<string, string>, method = 'POST') =>
				fetch(
					`${instagram.graphUrl}/v21.0/${edge}?${new URLSearchParams({ ...params, access_token: instagram.accessToken })}`,
					{ method },
				);
			const container = async (key: string) => {
				const answer = (await read(
					await graph(`${instagram.igUserId}/media`, {
						media_type: 'REELS',
						video_url: s3.objectUrl('videos', key),
						caption: 'A paper boat',
					}),
				)) as { id: string };
				const states = [];
				for (let i = 0; i < 2; i++)
					states.push(await read(await graph(answer.id, { fields: 'status_code,status' }, 'GET')));
				return { id: answer.id, states };
			};
			const good = await container('good.mp4');
			expect(good.states.map((s) => s.status_code)).toEqual(['IN_PROGRESS', 'FINISHED']);
			const published = await graph(`${instagram.igUserId}/media_publish`, {
				creation_id: good.id,
			});
			expect([published.status, await read(published)]).toEqual([200, { id: expect.any(String) }]);

			expect((await container('slow.mp4')).states[1]).toMatchObject({
				status_code: 'ERROR',
				status: 'Error: the moov atom is not at the front of the file',
			});
			const short = await container('short.mp4');
			expect(short.states[1].status).toBe('Error: the duration 2.00 s is outside 3 s-15 min');
			const notPublished = await graph(`${instagram.igUserId}/media_publish`, {
				creation_id: short.id,
			});
			expect([notPublished.status, (await read(notPublished)).error]).toEqual([
				400,
				expect.objectContaining({ code: 9007, error_subcode: 2207027 }),
			]);

			const unreachable = await graph(`${instagram.igUserId}/media`, {
				media_type: 'REELS',
				video_url: s3.objectUrl('videos', 'missing.mp4'),
			});
			expect((await read(unreachable)).error).toMatchObject({ code: 9004, error_subcode: 2207052 });
			const badToken = await fetch(
				`${instagram.graphUrl}/v21.0/${instagram.igUserId}/media?access_token=x`,
				{ method: 'POST' },
			);
			expect((await read(badToken)).error.code).toBe(190);
		} finally {
			await Promise.all([s3.close(), instagram.close()]);
		}
	});
});

describe('TikTok FILE_UPLOAD', () => {
	it('inits, takes the chunk with its Content-Range, and refuses what TikTok refuses', async () => {
		const tiktok = await startTikTok();
		try {
			const headers = {
				authorization: `Bearer ${tiktok.accessToken}`,
				'content-type': 'application/json; charset=UTF-8',
			};
			const init = (source: object, privacy = 'SELF_ONLY') =>
				fetch(`${tiktok.apiUrl}/v2/post/publish/video/init/`, {
					method: 'POST',
					headers,
					body: JSON.stringify({
						post_info: { title: 'A paper boat', privacy_level: privacy },
						source_info: source,
					}),
				});
			const whole = {
				source: 'FILE_UPLOAD',
				video_size: VIDEO.length,
				chunk_size: VIDEO.length,
				total_chunk_count: 1,
			};
			const started = (await read(await init(whole))) as {
				data: { publish_id: string; upload_url: string };
			};
			const range = `bytes 0-${VIDEO.length - 1}/${VIDEO.length}`;
			const wrongRange = await fetch(started.data.upload_url, {
				method: 'PUT',
				headers: { 'content-type': 'video/mp4', 'content-range': `bytes 0-9/${VIDEO.length}` },
				body: VIDEO,
			});
			expect(wrongRange.status).toBe(416);
			const uploaded = await fetch(started.data.upload_url, {
				method: 'PUT',
				headers: { 'content-type': 'video/mp4', 'content-range': range },
				body: VIDEO,
			});
			expect(uploaded.status).toBe(201);
			const status = await fetch(`${tiktok.apiUrl}/v2/post/publish/status/fetch/`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ publish_id: started.data.publish_id }),
			});
			expect((await read(status)).data.status).toBe('PUBLISH_COMPLETE');
			expect(tiktok.uploads[0].data.equals(VIDEO)).toBe(true);

			const chunked = await init({ ...whole, chunk_size: 1000, total_chunk_count: 18 });
			expect([chunked.status, (await read(chunked)).error.message]).toEqual([
				400,
				expect.stringContaining('uploaded whole'),
			]);
			expect((await read(await init(whole, 'PUBLIC_TO_EVERYONE'))).error.code).toBe(
				'unaudited_client_can_only_post_to_private_accounts',
			);
			expect(
				(
					await read(
						await init({ source: 'PULL_FROM_URL', video_url: 'https://cdn.example/v.mp4' }),
					)
				).error.code,
			).toBe('url_ownership_unverified');
			const noToken = await fetch(`${tiktok.apiUrl}/v2/post/publish/video/init/`, {
				method: 'POST',
				body: '{}',
			});
			expect((await read(noToken)).error.code).toBe('access_token_invalid');
		} finally {
			await tiktok.close();
		}
	});
});
