import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { CONTENT_VARIANTS, type ContentVariant } from '../domain/contract';
import { retryDelayMs } from '../domain/schedule';
import { pause, throwIfCancelled } from '../helpers/sleep';
import type { Video } from '../domain/video';
import { apiErrorFromFailure, scopeSuffix, type ErrorScope } from '../transport/apiError';
import type { SoraClient, SoraRequest } from '../transport/client';
import { describeFailure, shouldRetry, type Failure } from '../transport/retryPolicy';

/** A completed video is paid for: its download is worth more patience than a status check. */
const DOWNLOAD_MAX_ATTEMPTS = 12;

export type BinaryStore = Pick<IExecuteFunctions['helpers'], 'prepareBinaryData' | 'getBinaryMetadata'>;
type StreamBody = Parameters<BinaryStore['prepareBinaryData']>[0];

async function storedBytes(store: BinaryStore, binary: IBinaryData): Promise<number> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) return (await store.getBinaryMetadata(binary.id)).fileSize;
	return Buffer.from(binary.data, 'base64').length;
}

function mimeTypeOf(contentType: unknown, variant: ContentVariant): string {
	const declared = String(contentType ?? '').split(';')[0].trim().toLowerCase();
	if (!declared || declared === 'application/octet-stream') return CONTENT_VARIANTS[variant].mimeType;
	return declared;
}

function variantNotServed(client: SoraClient, variant: ContentVariant, videoId: string, scope: ErrorScope) {
	return new NodeOperationError(client.node, `The host does not serve the ${variant} of a video, only the MP4${scopeSuffix(scope)}`, {
		itemIndex: scope.itemIndex,
		description: `${client.host.label} at ${client.baseUrl} answers a ${variant} request for ${videoId} with the video itself (or offers no ${variant}), so no .${CONTENT_VARIANTS[variant].extension} file was made. Download the video (Variant: Video) and make a still from it instead.`,
	});
}

/**
 * The one download path: streams a video's content straight into n8n's binary store (memory
 * does not grow with the file), retries a cut or failed download from the start, and never
 * hands on a file shorter than the length the server announced.
 */
export async function downloadContent(
	client: SoraClient,
	store: BinaryStore,
	videoId: string,
	variant: ContentVariant,
	scope: ErrorScope,
	video?: Video,
): Promise<IBinaryData> {
	if (!client.host.variants.includes(variant)) throw variantNotServed(client, variant, videoId, scope);
	const location = client.host.contentLocation(video, videoId, variant);
	const request: SoraRequest = 'url' in location
		? { method: 'GET', path: '', url: location.url, stream: true }
		: { method: 'GET', path: location.path, qs: location.qs, stream: true };
	const fileName = `${videoId}.${CONTENT_VARIANTS[variant].extension}`;
	for (let attempt = 0; ; attempt++) {
		const response = await client.withRetries(request, 'safe', scope, DOWNLOAD_MAX_ATTEMPTS);
		if (response.status >= 400) throw client.errorFor(request, response, scope);
		if (variant !== 'video' && mimeTypeOf(response.headers['content-type'], variant).startsWith('video/')) {
			(response.body as { destroy?: () => void }).destroy?.();
			throw variantNotServed(client, variant, videoId, scope);
		}

		let failure: Failure | undefined;
		let binary: IBinaryData | undefined;
		try {
			binary = await store.prepareBinaryData(
				response.body as StreamBody,
				fileName,
				mimeTypeOf(response.headers['content-type'], variant),
			);
			const expected = Number(response.headers['content-length']);
			if (Number.isFinite(expected) && expected > 0 && (await storedBytes(store, binary)) !== expected) {
				failure = { kind: 'truncated' };
			}
		} catch {
			throwIfCancelled(client.signal);
			failure = { kind: 'truncated' };
		}
		if (!failure && binary) {
			binary.fileName = fileName;
			return binary;
		}
		if (!shouldRetry(failure!, 'safe', attempt, DOWNLOAD_MAX_ATTEMPTS)) {
			throw apiErrorFromFailure(
				client.node,
				scope,
				`The ${variant} download kept failing: ${describeFailure(failure!)}`,
				`GET ${request.url ?? `${request.path}?variant=${variant}`} from ${client.baseUrl} was cut short ${attempt + 1} times; no partial file was output. The video itself is fine: run Download again for ${videoId}.`,
			);
		}
		await pause(retryDelayMs(attempt), client.signal);
	}
}
