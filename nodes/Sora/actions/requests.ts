import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { SoraRequest } from '../transport/client';
import type { Route } from '../transport/routes';
import type { BufferedFile, MultipartField, StreamedFile } from '../transport/multipart';
import { inputError } from '../runner/inputs';

/** An uploaded file: in memory (small images), or streamed from n8n's binary store (videos). */
export type UploadFile = BufferedFile | StreamedFile;

/** A POST with a JSON body, or a multipart body when files are uploaded (nested values JSON-encoded). */
export function postRequest(
	route: Route,
	fields: IDataObject,
	files: UploadFile[] = [],
): SoraRequest {
	const present = Object.entries(fields).filter(([, value]) => value !== undefined && value !== '');
	if (!files.length) return { method: 'POST', route, json: Object.fromEntries(present) };
	const multipart: MultipartField[] = present.map(([name, value]) => ({
		name,
		value: typeof value === 'string' ? value : JSON.stringify(value),
	}));
	for (const file of files) multipart.push(file);
	return { method: 'POST', route, multipart };
}

function inputBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	field: string,
) {
	const item = ctx.getInputData()[itemIndex];
	const binaries = item?.binary ?? {};
	const binary = Object.prototype.hasOwnProperty.call(binaries, propertyName)
		? binaries[propertyName]
		: undefined;
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
	return binary;
}

/** Reads a (small) file from an input item's binary property into memory, or fails naming the item and the field. */
export async function readInputFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	field: string,
): Promise<BufferedFile & { bytes: Buffer }> {
	const binary = inputBinary(ctx, itemIndex, propertyName, field);
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	return {
		name: '',
		data,
		bytes: data,
		fileName: binary.fileName ?? propertyName,
		mimeType: binary.mimeType || 'application/octet-stream',
	};
}

/**
 * A file to upload as it is (a source video): when n8n keeps it in its binary store, it is not
 * read now but streamed from the store while its request is sent (getBinaryStream), so that N
 * items' videos never sit in memory at once. Binary data held in the item itself is used as is.
 */
export async function uploadInputFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	field: string,
	name: string,
): Promise<UploadFile> {
	const binary = inputBinary(ctx, itemIndex, propertyName, field);
	const fileName = binary.fileName ?? propertyName;
	const mimeType = binary.mimeType || 'application/octet-stream';
	const id = binary.id;
	if (!id)
		return {
			name,
			fileName,
			mimeType,
			data: await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName),
		};
	const size =
		typeof binary.bytes === 'number'
			? binary.bytes
			: (await ctx.helpers.getBinaryMetadata(id)).fileSize;
	return {
		name,
		fileName,
		mimeType,
		size,
		open: async () => await ctx.helpers.getBinaryStream(id),
	};
}
