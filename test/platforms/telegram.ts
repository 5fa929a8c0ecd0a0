/**
 * The Telegram Bot API's sendVideo as a bot upload meets it (core.telegram.org/bots/api#sendvideo):
 * POST /bot<token>/sendVideo, multipart with chat_id and the `video` file; at most 50 MB per upload
 * (413 and Telegram's own error JSON above); getMe for n8n's credential test. Records what was posted.
 */
import { formParts, startStandIn, type Answer, type StandIn } from './standIn';

export const TELEGRAM_MAX_UPLOAD_BYTES = 50 * 1000 * 1000;

export interface TelegramVideoPost {
	chatId: string;
	caption?: string;
	/** The numeric fields as sent (strings in a multipart body). */
	width?: string;
	height?: string;
	duration?: string;
	supportsStreaming?: string;
	fileName?: string;
	mimeType?: string;
	data: Buffer;
}

export interface TelegramStandIn extends StandIn {
	token: string;
	posts: TelegramVideoPost[];
}

const fail = (status: number, description: string): Answer => ({
	status,
	body: { ok: false, error_code: status, description },
});

const INTEGER = /^\d+$/;

export async function startTelegram(token = '123456:e2e-telegram-token'): Promise<TelegramStandIn> {
	const posts: TelegramVideoPost[] = [];
	let nextMessageId = 1;
	const standIn = await startStandIn((request) => {
		const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.path);
		if (!match)
			return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
		if (match[1] !== token) return fail(401, 'Unauthorized');
		if (match[2] === 'getMe')
			return {
				status: 200,
				body: {
					ok: true,
					result: { id: 123456, is_bot: true, first_name: 'Sora e2e', username: 'sora_e2e_bot' },
				},
			};
		if (match[2] !== 'sendVideo') return fail(404, 'Not Found: method not found');
		if (request.body.length > TELEGRAM_MAX_UPLOAD_BYTES)
			return fail(413, 'Request Entity Too Large');
		const parts = formParts(request);
		if (!parts) return fail(400, 'Bad Request: there is no video in the request');
		const field = (name: string) =>
			parts
				.find((part) => part.name === name && part.filename === undefined)
				?.data.toString('utf8');
		const chatId = field('chat_id');
		if (!chatId) return fail(400, 'Bad Request: chat_id is empty');
		const video = parts.find((part) => part.name === 'video' && part.filename !== undefined);
		if (!video) return fail(400, 'Bad Request: there is no video in the request');
		for (const name of ['width', 'height', 'duration']) {
			const value = field(name);
			if (value !== undefined && value !== '' && !INTEGER.test(value))
				return fail(400, `Bad Request: can't parse ${name} "${value}" as integer`);
		}
		const post: TelegramVideoPost = {
			chatId,
			caption: field('caption'),
			width: field('width'),
			height: field('height'),
			duration: field('duration'),
			supportsStreaming: field('supports_streaming'),
			fileName: video.filename,
			mimeType: video.contentType,
			data: video.data,
		};
		posts.push(post);
		const number = (value?: string) => (value && INTEGER.test(value) ? Number(value) : undefined);
		return {
			status: 200,
			body: {
				ok: true,
				result: {
					message_id: nextMessageId++,
					date: Math.floor(Date.now() / 1000),
					chat: { id: Number(chatId) || chatId, type: 'private' },
					video: {
						file_id: `BAAC${posts.length}`,
						file_unique_id: `AgAD${posts.length}`,
						file_name: video.filename,
						mime_type: video.contentType,
						file_size: video.data.length,
						width: number(post.width) ?? 0,
						height: number(post.height) ?? 0,
						duration: number(post.duration) ?? 0,
					},
					...(post.caption ? { caption: post.caption } : {}),
				},
			},
		};
	});
	return Object.assign(standIn, { token, posts });
}
