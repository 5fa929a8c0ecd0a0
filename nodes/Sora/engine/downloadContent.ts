import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { CONTENT_VARIANTS, type ContentVariant } from '../domain/contract';
import { inlineResultOf } from '../domain/inlineResult';
import type { MeasuredVideo } from '../domain/media';
import { Mp4BoxWalker } from '../domain/mp4Boxes';
import type { Video } from '../domain/video';
import { throwIfCancelled } from '../../base/pause';
import { inspectedStream, type NodeReadable } from '../../base/streams';
import { apiErrorFromFailure } from '../transport/apiError';
import { scopeSuffix, type ErrorScope } from '../../base/errorScope';
import type { SoraClient, SoraRequest } from '../transport/client';
import { describeFailure, POLICIES, type Failure } from '../transport/retryPolicy';
import { storeDataUrlContent } from './dataUrlContent';

export type BinaryStore = Pick<
	IExecuteFunctions['helpers'],
	'prepareBinaryData' | 'getBinaryMetadata'
>;

export interface DownloadLimits {
	/** Refuse a file above this many bytes (Max Download Size); undefined: no limit. */
	maxBytes?: number;
}

const MIB = 1024 * 1024;

function mimeTypeOf(contentType: unknown, variant: ContentVariant): string {
	const declared = String(contentType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (!declared || declared === 'application/octet-stream')
		return CONTENT_VARIANTS[variant].mimeType;
	return declared;
}

function variantNotServed(
	client: SoraClient,
	variant: ContentVariant,
	videoId: string,
	scope: ErrorScope,
) {
	return new NodeOperationError(
		client.node,
		`The host does not serve the ${variant} of a video, only the MP4${scopeSuffix(scope)}`,
		{
			itemIndex: scope.itemIndex,
			description: `${client.host.label} at ${client.baseUrl} answers a ${variant} request for ${videoId} with the video itself (or offers no ${variant}), so no .${CONTENT_VARIANTS[variant].extension} file was made. Download the video (Variant: Video) and make a still from it instead.`,
		},
	);
}

function mib(bytes: number): string {
	return `${Math.round((bytes / MIB) * 10) / 10} MiB`;
}

/** The stored file, and for a video what its MP4 measures (undefined when its boxes say nothing: not an MP4, no video track). */
export interface DownloadedContent {
	binary: IBinaryData;
	measured?: MeasuredVideo;
}

type StoreResult = DownloadedContent | { failure: Failure } | { tooLarge: number };

/**
 * One pass: the response body streamed into the binary store, counted, checked and (a video)
 * measured on the way: the box walker sees each chunk once and keeps only the MP4's index (moov).
 */
async function storeOnce(
	store: BinaryStore,
	response: { headers: Record<string, unknown>; body: unknown },
	fileName: string,
	variant: ContentVariant,
	limits: DownloadLimits,
	signal: AbortSignal | undefined,
): Promise<StoreResult> {
	const announced = Number(response.headers['content-length']);
	const expected = Number.isFinite(announced) && announced > 0 ? announced : undefined;
	const source = response.body as NodeReadable;
	if (limits.maxBytes !== undefined && expected !== undefined && expected > limits.maxBytes) {
		source.destroy();
		return { tooLarge: expected };
	}
	let received = 0;
	const walker = variant === 'video' ? new Mp4BoxWalker() : undefined;
	const state: { sourceFailed?: unknown } = {};
	const body = inspectedStream(
		source,
		(chunk) => {
			received += chunk.length;
			if (limits.maxBytes !== undefined && received > limits.maxBytes)
				throw new Error('Max Download Size reached');
			walker?.push(chunk);
		},
		state,
	);
	let binary: IBinaryData;
	try {
		binary = await store.prepareBinaryData(
			body,
			fileName,
			mimeTypeOf(response.headers['content-type'], variant),
		);
	} catch (error) {
		source.destroy();
		throwIfCancelled(signal);
		if (limits.maxBytes !== undefined && received > limits.maxBytes) return { tooLarge: received };
		if (state.sourceFailed !== undefined) return { failure: { kind: 'truncated' } };
		const cause = error instanceof Error ? error.message : String(error);
		return { failure: { kind: 'store', cause: cause.slice(0, 300) } };
	}
	if (state.sourceFailed !== undefined) return { failure: { kind: 'truncated' } };
	if (expected !== undefined && received !== expected) {
		return { failure: { kind: 'truncated', detail: `${received} of ${expected} bytes` } };
	}
	const verdict = walker?.finish();
	if (expected === undefined && verdict?.kind === 'truncated') {
		return { failure: { kind: 'truncated', detail: `no Content-Length, and ${verdict.reason}` } };
	}
	return { binary, measured: walker?.measured() };
}

/**
 * The one download path: streams a video's content straight into n8n's binary store (memory
 * does not grow with the file), retries a cut download from the start, and never hands on a
 * file shorter than announced, or (without a Content-Length) an MP4 whose boxes do not add up.
 * A refusal of n8n's binary store is not a network fault: it is reported at once, with its cause.
 * A video comes back measured (width, height, duration, codecs… from its boxes, in the same pass).
 * Worst case: POLICIES.download's 12 requests in all, whether they fail as requests or as cut files.
 */
export async function downloadContent(
	client: SoraClient,
	store: BinaryStore,
	videoId: string,
	variant: ContentVariant,
	scope: ErrorScope,
	video?: Video,
	limits: DownloadLimits = {},
): Promise<DownloadedContent> {
	if (!client.host.variants.includes(variant))
		throw variantNotServed(client, variant, videoId, scope);
	const inline = variant === 'video' ? inlineResultOf(video) : undefined;
	if (inline)
		return await storeDataUrlContent(client, store, inline, `${videoId}.mp4`, scope, limits);
	const request: SoraRequest = {
		method: 'GET',
		route: { operation: 'Download', videoId, variant, video },
		stream: true,
	};
	const url = client.urlOf(request);
	const fileName = `${videoId}.${CONTENT_VARIANTS[variant].extension}`;
	// One loop: a cut download and a failed request share the download policy's 12 attempts.
	const result = await client.send<DownloadedContent>(request, POLICIES.download, scope, {
		use: async (response) => {
			if (
				variant !== 'video' &&
				mimeTypeOf(response.headers['content-type'], variant).startsWith('video/')
			) {
				(response.body as { destroy?: () => void }).destroy?.();
				throw variantNotServed(client, variant, videoId, scope);
			}
			const stored = await storeOnce(store, response, fileName, variant, limits, client.signal);
			if ('tooLarge' in stored) {
				throw apiErrorFromFailure(
					client.node,
					scope,
					`The ${variant} is larger than Max Download Size: ${mib(stored.tooLarge)} > ${mib(limits.maxBytes!)}; nothing was kept`,
					`${url} is ${stored.tooLarge} bytes or more. The video itself is fine: fetch it from that URL elsewhere (e.g. straight to S3), raise Max Download Size, or turn Download Video off.`,
				);
			}
			return 'failure' in stored ? stored : { kept: stored };
		},
	});
	if ('refused' in result) throw client.errorFor(request, result.refused, scope);
	if ('failed' in result) {
		const { failed, attempts, response } = result;
		throw (
			downloadGaveUp(client, failed, attempts, { variant, videoId, url, scope }) ??
			client.failedError(request, failed, POLICIES.download, scope, response, attempts)
		);
	}
	result.kept.binary.fileName = fileName;
	return result.kept;
}

/** The download's own words for a failure it stops on; undefined leaves a failed request to the client's. */
function downloadGaveUp(
	client: SoraClient,
	failure: Failure,
	attempts: number,
	{
		variant,
		videoId,
		url,
		scope,
	}: { variant: ContentVariant; videoId: string; url: string; scope: ErrorScope },
): Error | undefined {
	if (failure.kind === 'store') {
		return apiErrorFromFailure(
			client.node,
			scope,
			`${describeFailure(failure)}`,
			`The download of ${url} worked, but n8n could not keep the file, so it was not downloaded again. ` +
				"In binary data mode 'database' n8n refuses files above N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (512 MiB by default): " +
				'use filesystem or S3 mode, set Max Download Size to fail early, or turn Download Video off and fetch the video from that URL elsewhere.',
		);
	}
	if (failure.kind !== 'truncated') return undefined;
	return apiErrorFromFailure(
		client.node,
		scope,
		`The ${variant} download kept failing: ${describeFailure(failure)}`,
		`GET ${url} was cut short ${attempts === 1 ? 'once' : `on its last try, after ${attempts} tries in all`}; no partial file was output. The video itself is fine: run Download again for ${videoId}.`,
	);
}
