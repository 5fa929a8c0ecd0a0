import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { WaitOptions } from '../engine/waitForVideos';
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

/**
 * What an agent reads: the video object plus where its MP4 is (the host's content URL, which
 * needs the credential's API key) or what to do next. Binary data never reaches an agent.
 */
export function forAgent(json: IDataObject, baseUrl: string): IDataObject {
	const id = typeof json.id === 'string' ? json.id : undefined;
	if (!id) return json;
	if (json.status === 'completed') {
		return {
			...json,
			contentUrl: `${baseUrl}/videos/${encodeURIComponent(id)}/content`,
			howToFetch: `GET contentUrl with the API key (Authorization header), or the Sora node's Download operation with video id ${id}`,
		};
	}
	return {
		...json,
		howToFetch: `Video ${id} is still ${json.status}: get its status again later with the Sora node's Get operation and video id ${id}, then download it`,
	};
}
