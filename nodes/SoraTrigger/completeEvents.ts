import type { TimeSource } from '../base/timing';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { maxDownloadBytesOf } from '../shared/downloadLimit';
import { failureMessageOf, type Video } from '../Sora/domain/video';
import { downloadContent } from '../Sora/engine/downloadContent';
import { fetchVideo } from '../Sora/engine/fetchVideo';
import { scopeSuffix } from '../base/errorScope';
import { SoraClient } from '../Sora/transport/client';
import { forEachItem } from '../shared/itemErrors';
import { isVideoFailedEvent } from './videoEvent';

export interface EventOutputOptions {
	fetchVideo: boolean;
	downloadVideo: boolean;
	binaryPropertyName: string;
	maxDownloadBytes: number;
}

export function readEventOutputOptions(ctx: IExecuteFunctions): EventOutputOptions {
	const binaryPropertyName = String(
		ctx.getNodeParameter('binaryPropertyName', 0, 'data') ?? '',
	).trim();
	return {
		fetchVideo: ctx.getNodeParameter('fetchVideo', 0, true) as boolean,
		downloadVideo: ctx.getNodeParameter('downloadVideo', 0, false) as boolean,
		binaryPropertyName: binaryPropertyName || 'data',
		maxDownloadBytes: maxDownloadBytesOf(
			(ctx.getNodeParameter('options', 0, {}) ?? {}) as { maxDownloadMib?: unknown },
		),
	};
}

/**
 * One webhook item made whole: the video object (always for video.failed, so that the item
 * carries its error), and for video.completed the MP4 as binary data, through the node's
 * one transport and one download path.
 */
async function completeEvent(
	ctx: IExecuteFunctions,
	client: SoraClient,
	item: INodeExecutionData,
	itemIndex: number,
	options: EventOutputOptions,
): Promise<INodeExecutionData> {
	const json: IDataObject = { ...item.json };
	const videoId = String(json.videoId ?? '');
	if (!videoId) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The trigger item has no videoId${scopeSuffix({ itemIndex })}`,
			{ itemIndex },
		);
	}
	const failed = isVideoFailedEvent(json.type);
	if (options.fetchVideo || failed) {
		const video = await fetchVideo(client, videoId, { itemIndex });
		json.video = video as IDataObject;
		if (failed) json.error = `Video ${videoId} failed: ${failureMessageOf(video)}`;
	}
	const output: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	if (options.downloadVideo && !failed) {
		const { binary, measured } = await downloadContent(
			client,
			ctx.helpers,
			videoId,
			'video',
			{ itemIndex, videoId },
			json.video as Video | undefined,
			{ maxBytes: options.maxDownloadBytes },
		);
		if (measured) json.measured = { ...measured };
		output.binary = { ...(item.binary ?? {}), [options.binaryPropertyName]: binary };
	}
	return output;
}

/** Runs over the webhook's items in the engine; a failing item never stops the others under Continue On Fail. */
export async function completeEvents(
	this: IExecuteFunctions,
	time: TimeSource,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const options = readEventOutputOptions(this);
	const needsHost =
		options.fetchVideo ||
		options.downloadVideo ||
		items.some((item) => isVideoFailedEvent(item.json.type));
	if (!needsHost)
		return items.map((item, itemIndex) => ({ ...item, pairedItem: { item: itemIndex } }));

	const client = await SoraClient.connect(this, { time });
	return await forEachItem(
		this,
		items,
		async (item, itemIndex) => await completeEvent(this, client, item, itemIndex, options),
		(item) => ({ ...item.json }),
	);
}
