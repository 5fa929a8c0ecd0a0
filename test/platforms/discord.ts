/**
 * A Discord webhook (discord.com/developers/docs/resources/webhook#execute-webhook): POST
 * /api/webhooks/<id>/<token>, JSON or multipart with `payload_json` and `files[n]` (each named in
 * payload_json.attachments, whose filename names the attachment); at most 10 MiB per request (413, Discord's error code 40005); 204 with
 * no body unless the URL has `?wait=true`, which answers the message. Records what was posted.
 */
import { formParts, startStandIn, type Answer, type StandIn } from './standIn';

export const DISCORD_MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export interface DiscordFile {
	field: string;
	/** The name Discord gives the attachment: payload_json's attachments[n].filename, else the part's filename. */
	fileName?: string;
	/** The type Discord reports (content_type): from the attachment's file name extension. */
	mimeType?: string;
	/** What the multipart part itself said (n8n 1.x's Discord node swaps these two: filename="video/mp4"). */
	partFileName?: string;
	partContentType?: string;
	data: Buffer;
}

const TYPES: Record<string, string> = {
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	webm: 'video/webm',
	png: 'image/png',
	jpg: 'image/jpeg',
	gif: 'image/gif',
};
const typeOf = (fileName = '') =>
	TYPES[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

export interface DiscordPost {
	waited: boolean;
	content: string;
	files: DiscordFile[];
}

export interface DiscordStandIn extends StandIn {
	/** The webhook URL to give n8n's Discord Webhook credential (without ?wait=true). */
	webhookUrl: string;
	posts: DiscordPost[];
}

const fail = (status: number, code: number, message: string): Answer => ({
	status,
	body: { message, code },
});

export async function startDiscord(
	webhookId = '1300000000000000001',
	token = 'e2e-discord-webhook-token',
): Promise<DiscordStandIn> {
	const posts: DiscordPost[] = [];
	let nextId = BigInt('1310000000000000000');
	const standIn = await startStandIn((request) => {
		if (request.path !== `/api/webhooks/${webhookId}/${token}`)
			return fail(401, 50027, 'Invalid Webhook Token');
		if (request.method !== 'POST') return fail(405, 0, '405: Method Not Allowed');
		if (request.body.length > DISCORD_MAX_REQUEST_BYTES)
			return fail(413, 40005, 'Request entity too large');
		const parts = formParts(request);
		let payload: {
			content?: string;
			attachments?: Array<{ id: number | string; filename?: string }>;
		};
		const files: DiscordFile[] = [];
		try {
			if (parts) {
				const json = parts.find((part) => part.name === 'payload_json')?.data.toString('utf8');
				payload = json ? JSON.parse(json) : {};
				for (const part of parts) {
					if (!/^files\[\d+\]$/.test(part.name)) continue;
					const index = part.name.slice('files['.length, -1);
					const fileName =
						payload.attachments?.find((a) => String(a.id) === index)?.filename ?? part.filename;
					files.push({
						field: part.name,
						fileName,
						mimeType: typeOf(fileName),
						partFileName: part.filename,
						partContentType: part.contentType,
						data: part.data,
					});
				}
			} else {
				payload = JSON.parse(request.body.toString('utf8') || '{}');
			}
		} catch {
			return fail(400, 50109, 'The request body contains invalid JSON.');
		}
		if (!payload.content && !files.length) return fail(400, 50006, 'Cannot send an empty message');
		for (const file of files) {
			const index = file.field.slice('files['.length, -1);
			if (payload.attachments && !payload.attachments.some((a) => String(a.id) === index)) {
				return fail(400, 50035, `Invalid Form Body: attachments has no entry for ${file.field}`);
			}
		}
		const waited = request.query.get('wait') === 'true';
		posts.push({ waited, content: payload.content ?? '', files });
		if (!waited) return { status: 204 };
		const id = String(nextId++);
		return {
			status: 200,
			body: {
				id,
				type: 0,
				channel_id: '1290000000000000001',
				webhook_id: webhookId,
				content: payload.content ?? '',
				timestamp: new Date().toISOString(),
				attachments: files.map((file, index) => ({
					id: String(nextId++),
					filename: file.fileName,
					size: file.data.length,
					content_type: file.mimeType,
					url: `https://cdn.discordapp.com/attachments/1290000000000000001/${id}/${file.fileName ?? `file${index}`}`,
				})),
			},
		};
	});
	return Object.assign(standIn, {
		webhookUrl: `${standIn.url}/api/webhooks/${webhookId}/${token}`,
		posts,
	});
}
