import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import type { ContentVariant } from '../domain/contract';
import type { Problem } from '../domain/validation';
import { scopeSuffix } from '../../base/errorScope';

export function inputError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	problem: Problem,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${problem.message}${scopeSuffix({ itemIndex })}`, {
		itemIndex,
		description: problem.description,
	});
}

export function throwIfProblem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	problem: Problem | undefined,
): void {
	if (problem) throw inputError(ctx, itemIndex, problem);
}

export function stringParam(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback = '',
): string {
	const value = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

export function requiredString(
	ctx: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
): string {
	const value = stringParam(ctx, name, itemIndex);
	throwIfProblem(
		ctx,
		itemIndex,
		value ? undefined : { field, message: `${field} is empty: enter a value` },
	);
	return value;
}

export function modelParam(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = ctx.getNodeParameter('model', itemIndex, '') as
		| INodeParameterResourceLocator
		| string;
	const value = typeof raw === 'object' && raw !== null ? raw.value : raw;
	return value === undefined || value === null ? '' : String(value).trim();
}

export function optionsParam(ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	return (ctx.getNodeParameter(name, itemIndex, {}) as IDataObject) ?? {};
}

export interface WaitChoice {
	wait: boolean;
	download?: ContentVariant;
	binaryPropertyName: string;
}

export function waitChoice(ctx: IExecuteFunctions, itemIndex: number): WaitChoice {
	const wait = ctx.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;
	const download = wait && (ctx.getNodeParameter('downloadVideo', itemIndex, true) as boolean);
	const binaryPropertyName = download
		? stringParam(ctx, 'binaryPropertyName', itemIndex, 'data') || 'data'
		: 'data';
	return { wait, download: download ? 'video' : undefined, binaryPropertyName };
}

const isObject = (value: unknown): value is IDataObject =>
	!!value && typeof value === 'object' && !Array.isArray(value);

/** Keys both set, object values (a host's `metadata`) compared key by key: "size", "metadata.duration". */
function collidingKeys(extra: IDataObject, documented: IDataObject, prefix = ''): string[] {
	return Object.keys(extra).flatMap((key) => {
		const [theirs, ours] = [extra[key], documented[key]];
		if (ours === undefined) return [];
		if (isObject(theirs) && isObject(ours) && Object.keys(ours).length)
			return collidingKeys(theirs, ours, `${prefix}${key}.`);
		return [`${prefix}${key}`];
	});
}

/** Additional Body Fields: a JSON object, refused before any request when invalid or colliding. */
export function additionalBodyFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documented: IDataObject,
): IDataObject {
	const raw = optionsParam(ctx, 'options', itemIndex).additionalBodyFields;
	if (raw === undefined || raw === '' || raw === null) return {};
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			throw inputError(ctx, itemIndex, {
				field: 'Additional Body Fields',
				message: `Additional Body Fields is not valid JSON: ${(error as Error).message}`,
				description: 'Enter a JSON object, for example {"aspect_ratio": "16:9", "seed": 7}.',
			});
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw inputError(ctx, itemIndex, {
			field: 'Additional Body Fields',
			message: 'Additional Body Fields must be a JSON object such as {"seed": 7}',
		});
	}
	const extra = parsed as IDataObject;
	const collisions = collidingKeys(extra, documented);
	if (collisions.length) {
		throw inputError(ctx, itemIndex, {
			field: 'Additional Body Fields',
			message: `Additional Body Fields sets ${collisions.map((k) => `"${k}"`).join(', ')}, which the node already sends from its own fields`,
			description:
				'Set the matching field to "Model\'s Default (Not Sent)" (or remove the key) to send your own value.',
		});
	}
	return extra;
}
