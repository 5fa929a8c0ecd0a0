import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { AskedVideo } from '../domain/media';
import type { Video } from '../domain/video';
import type { WaitOptions } from '../engine/waitForVideos';
import type { SoraClient } from '../transport/client';
import { absoluteUrl } from '../transport/urls';
import { optionsParam } from './inputs';

/** An agent's tool call should answer within a few minutes: longer renders come back as their current state. */
export const TOOL_TIMEOUT_MINUTES = 3;

/**
 * Whether the node runs as an AI agent's tool: n8n 2.x answers isToolExecution(); n8n 1.x runs
 * the converted node type, whose name ends with "Tool" (CUSTOM.soraTool, n8n-nodes-sora.soraTool).
 */
export function isToolRun(ctx: IExecuteFunctions): boolean {
	const asked = (ctx as Partial<Pick<IExecuteFunctions, 'isToolExecution'>>).isToolExecution?.();
	return asked === true || /Tool$/.test(ctx.getNode().type);
}

/**
 * As a tool, the wait is bounded by TOOL_TIMEOUT_MINUTES and a video still generating then is
 * the answer (with timedOut: true), unless the node's Wait Options set a Timeout or On Timeout.
 */
export function toolWaitOptions(ctx: IExecuteFunctions, options: WaitOptions): WaitOptions {
	const set = optionsParam(ctx, 'waitOptions', 0);
	return {
		...options,
		timeoutMs: set.timeoutMinutes === undefined ? TOOL_TIMEOUT_MINUTES * 60_000 : options.timeoutMs,
		onTimeout: set.onTimeout === undefined ? 'outputState' : options.onTimeout,
	};
}

function describeAsked(asked: AskedVideo): string {
	const parts = [
		asked.durationSeconds !== undefined ? `${asked.durationSeconds} s` : '',
		asked.width && asked.height ? `${asked.width}x${asked.height}` : '',
		asked.aspectRatio ?? '',
		asked.resolution ?? '',
		asked.generateAudio ? 'with audio' : '',
	].filter(Boolean);
	return parts.join(', ');
}

/**
 * Whether the video is the one asked for, in a sentence: from the measured MP4 when it was
 * downloaded; as a tool the node does not download it, so it says what is known and what is not.
 */
function asAskedSentence(json: IDataObject, asked: AskedVideo | undefined): string {
	const differences = Array.isArray(json.differences) ? (json.differences as string[]) : undefined;
	if (json.asAsked === true)
		return `The delivered MP4 was measured and is as asked (${describeAsked(asked ?? {})}).`;
	if (json.asAsked === false && differences)
		return `The delivered MP4 was measured and is NOT as asked: ${differences.join('; ')}.`;
	if (json.measured)
		return 'The delivered MP4 was measured (see measured); nothing was asked to compare it with.';
	const reported = [
		json.seconds !== undefined ? `seconds ${String(json.seconds)}` : '',
		json.size ? `size ${String(json.size)}` : '',
	]
		.filter(Boolean)
		.join(', ');
	return (
		'Not measured: as a tool the node does not download the MP4, so ' +
		`${asked ? `whether it is as asked (${describeAsked(asked)}) is not known. ` : 'its real length and size are not checked. '}` +
		`${reported ? `The host reports ${reported}, which some hosts copy from the request rather than from the video made. ` : ''}` +
		'Download it with the Sora node (Download Video on) to have it measured.'
	);
}

function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin.toLowerCase();
	} catch {
		return undefined;
	}
}

/**
 * How an agent gets the MP4. The API key is named only for a URL on Base URL's own origin: a
 * result file elsewhere (a CDN, a bucket the host names) is fetched without any credential, so
 * that an agent never hands the key to an origin the user did not configure.
 */
export function howToFetch(contentUrl: string, baseUrl: string, videoId: string): string {
	const download = `the Sora node's Download operation with video id ${videoId}`;
	const origin = originOf(contentUrl);
	if (origin && origin === originOf(baseUrl))
		return `GET contentUrl with the API key (Authorization header), or ${download}`;
	return `GET contentUrl without the API key or any other credential: it is a result file outside the host (${origin ?? 'another origin'}), and the key must never be sent there. Or use ${download}`;
}

/**
 * What an agent reads: the video object plus where its MP4 is (a URL on the host, which needs the
 * credential's API key, or a result file elsewhere, which must not get it) or what to do next, and
 * whether the video is as asked (`asAskedNote`). Binary data never reaches an agent.
 */
export function forAgent(json: IDataObject, client: SoraClient, asked?: AskedVideo): IDataObject {
	const id = typeof json.id === 'string' ? json.id : undefined;
	if (!id) return json;
	if (json.status === 'completed') {
		const contentUrl = absoluteUrl(
			client.baseUrl,
			client.host.contentLocation(json as unknown as Video, id, 'video'),
		);
		return {
			...json,
			contentUrl,
			howToFetch: howToFetch(contentUrl, client.baseUrl, id),
			asAskedNote: asAskedSentence(json, asked),
		};
	}
	return {
		...json,
		howToFetch: `Video ${id} is still ${String(json.status)}: get its status again later with the Sora node's Get operation and video id ${id}, then download it`,
	};
}
