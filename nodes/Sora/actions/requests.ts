import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Video } from '../domain/video';
import { apiErrorFromFailure, type ErrorScope } from '../transport/apiError';
import type { SoraClient, SoraRequest } from '../transport/client';
import type { MultipartField } from '../transport/multipart';
import { inputError } from './inputs';

export interface UploadFile {
	name: string;
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** A POST with a JSON body, or a multipart body when files are uploaded (nested values JSON-encoded). */
export function postRequest(path: string, fields: IDataObject, files: UploadFile[] = []): SoraRequest {
	const present = Object.entries(fields).filter(([, value]) => value !== undefined && value !== '');
	if (!files.length) return { method: 'POST', path, json: Object.fromEntries(present) };
	const multipart: MultipartField[] = present.map(([name, value]) => ({
		name,
		value: typeof value === 'string' ? value : JSON.stringify(value),
	}));
	for (const file of files) multipart.push(file);
	return { method: 'POST', path, multipart };
}

/** Reads a file from an input item's binary property, or fails naming the item and the field. */
export async function readInputFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	field: string,
): Promise<UploadFile & { bytes: Buffer }> {
	const item = ctx.getInputData()[itemIndex];
	const binaries = item?.binary ?? {};
	const binary = Object.prototype.hasOwnProperty.call(binaries, propertyName) ? binaries[propertyName] : undefined;
	if (!binary) {
		const present = Object.keys(item?.binary ?? {});
		throw inputError(ctx, itemIndex, {
			field,
			message: `${field}: the input item has no binary property "${propertyName}"`,
			description: present.length
				? `The item's binary properties are ${present.map((p) => `"${p}"`).join(', ')}. Set ${field} to one of them.`
				: 'The item carries no binary data at all. Add a node before this one that outputs the file (e.g. HTTP Request or Read/Write Files).',
		});
	}
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	return {
		name: '',
		data,
		bytes: data,
		fileName: binary.fileName ?? propertyName,
		mimeType: binary.mimeType || 'application/octet-stream',
	};
}

/** GET a video (free): used to check a source video and estimate a job's cost before paying. */
export async function fetchVideo(client: SoraClient, videoId: string, scope: ErrorScope): Promise<Video> {
	const response = await client.call(
		{ method: 'GET', path: `/videos/${encodeURIComponent(videoId)}` },
		'safe',
		{ ...scope, videoId },
	);
	const video = client.host.readVideo(response.body);
	if (!video) {
		throw apiErrorFromFailure(client.node, { ...scope, videoId }, 'The host answered without a video object', `GET /videos/${videoId} at ${client.baseUrl} did not answer a video with an id.`);
	}
	return video;
}
