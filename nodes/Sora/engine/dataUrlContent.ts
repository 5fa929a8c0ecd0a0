import { dataUrlHead } from '../domain/inlineResult';
import { Mp4BoxWalker } from '../domain/mp4Boxes';
import { type ErrorScope } from '../../base/errorScope';
import { apiErrorFromFailure } from '../transport/apiError';
import type { SoraClient } from '../transport/client';
import type { BinaryStore, DownloadedContent, DownloadLimits } from './downloadContent';

/** Base64 characters decoded at a time (a multiple of 4: whole groups of 3 bytes). */
const CHUNK_CHARS = 4 * 256 * 1024;
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

const mib = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;

/**
 * A video the host answered inside its status answer (a `data:` URL, new-api's Vertex channel): nothing
 * is sent to the network. The base64 is decoded a chunk at a time into one buffer of the video's exact
 * size, each chunk shown to the MP4 box walker on the way (measured like any download), and the buffer
 * handed to n8n's binary store. Max Download Size is checked before anything is decoded.
 * (No stream: code under nodes/ cannot import node:stream, and no stream of n8n's is at hand here.)
 */
export async function storeDataUrlContent(
	client: SoraClient,
	store: BinaryStore,
	dataUrl: string,
	fileName: string,
	scope: ErrorScope,
	limits: DownloadLimits,
): Promise<DownloadedContent> {
	const fail = (message: string, description: string) =>
		apiErrorFromFailure(client.node, scope, message, description);
	const head = dataUrlHead(dataUrl);
	const body = head ? dataUrl.slice(head.start) : '';
	if (!head?.base64 || body.length % 4 !== 0 || !BASE64_BODY.test(body)) {
		throw fail(
			"The video in the host's answer is not base64 data",
			`${client.host.label} answered the video as a data: URL${head ? ` (${head.mimeType || 'no type'})` : ''} that does not decode as base64, so no file was made. Download it again with the Download operation (which asks the host's /content route).`,
		);
	}
	const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
	const size = (body.length / 4) * 3 - padding;
	if (limits.maxBytes !== undefined && size > limits.maxBytes) {
		throw fail(
			`The video is larger than Max Download Size: ${mib(size)} > ${mib(limits.maxBytes)}; nothing was kept`,
			`${client.host.label} answered the video inside its status answer (${size} bytes). Raise Max Download Size, or turn Download Video off.`,
		);
	}
	const bytes = Buffer.allocUnsafe(size);
	const walker = new Mp4BoxWalker();
	for (let at = 0, offset = 0; at < body.length; at += CHUNK_CHARS) {
		const written = bytes.write(body.slice(at, at + CHUNK_CHARS), offset, 'base64');
		walker.push(bytes.subarray(offset, offset + written));
		offset += written;
	}
	const verdict = walker.finish();
	if (verdict.kind === 'truncated') {
		throw fail(
			`The video in the host's answer is cut short: ${verdict.reason}`,
			`${client.host.label} answered a data: URL of ${size} bytes whose MP4 boxes do not add up, so no file was output. Download it again with the Download operation (which asks the host's /content route).`,
		);
	}
	const mimeType =
		!head.mimeType || head.mimeType === 'application/octet-stream' ? 'video/mp4' : head.mimeType;
	const binary = await store.prepareBinaryData(bytes, fileName, mimeType);
	return { binary, measured: walker.measured() };
}
