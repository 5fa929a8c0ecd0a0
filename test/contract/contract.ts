import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { formToObject } from './form-fields';

export interface RequestParts {
	query?: Record<string, string>;
	json?: unknown;
	form?: Record<string, string>;
	/** Uploaded file fields by name (only the names matter here). */
	files?: Record<string, unknown>;
}

export interface ContractCheckOptions {
	/** 'gateway': skip the size/seconds/status/progress checks for objects whose model is not a sora-2 model. */
	mode?: 'openai' | 'retired' | 'gateway';
}

interface Operation {
	method: string;
	template: string;
	segments: string[];
	query: Record<string, ValidateFunction>;
	hasBody: boolean;
	jsonBody?: ValidateFunction;
	multipartBody?: ValidateFunction;
	jsonResponse?: ValidateFunction;
}

const LENIENT_GATEWAY_FIELDS = new Set(['size', 'seconds', 'status', 'progress']);

const ERROR_BODY_SCHEMA = {
	type: 'object',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['message', 'type', 'param', 'code'],
			properties: {
				message: { type: 'string' },
				type: { type: 'string' },
				param: { type: ['string', 'null'] },
				code: { type: ['string', 'null'] },
			},
		},
	},
};

export function isSoraModel(model: unknown): boolean {
	return typeof model === 'string' && /^sora-2(-|$)/.test(model);
}

/** The contract document with what its README documents beyond the published schema. */
export function loadWidenedContract(): any {
	const document = JSON.parse(readFileSync(join(__dirname, 'openai-videos-openapi.json'), 'utf8'));
	const schemas = document.components.schemas;
	schemas.VideoSeconds.enum.push('16', '20');
	schemas.VideoSize.enum.push('1080x1920', '1920x1080');
	return document;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('binary', true);
ajv.addFormat('unixtime', true);
const contract = loadWidenedContract();
ajv.addSchema(contract, 'contract');
const validateErrorBody = ajv.compile(ERROR_BODY_SCHEMA);
const operations = buildOperations();

function compilePointer(...segments: string[]): ValidateFunction {
	const escaped = segments.map((s) =>
		encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1')),
	);
	return ajv.compile({ $ref: `contract#/${escaped.join('/')}` });
}

function buildOperations(): Operation[] {
	const result: Operation[] = [];
	for (const [template, pathItem] of Object.entries<any>(contract.paths)) {
		for (const [method, operation] of Object.entries<any>(pathItem)) {
			const at = ['paths', template, method];
			const query: Record<string, ValidateFunction> = {};
			(operation.parameters ?? []).forEach((parameter: any, index: number) => {
				if (parameter.in === 'query')
					query[parameter.name] = compilePointer(...at, 'parameters', String(index), 'schema');
			});
			const body = operation.requestBody?.content ?? {};
			const jsonResponse = operation.responses?.['200']?.content?.['application/json'];
			result.push({
				method: method.toUpperCase(),
				template,
				segments: template.split('/').filter(Boolean),
				query,
				hasBody: operation.requestBody !== undefined,
				jsonBody:
					body['application/json'] &&
					compilePointer(...at, 'requestBody', 'content', 'application/json', 'schema'),
				multipartBody:
					body['multipart/form-data'] &&
					compilePointer(...at, 'requestBody', 'content', 'multipart/form-data', 'schema'),
				jsonResponse:
					jsonResponse && !template.endsWith('/content')
						? compilePointer(...at, 'responses', '200', 'content', 'application/json', 'schema')
						: undefined,
			});
		}
	}
	return result;
}

/** The contract operation for a concrete path or a template; literal segments win over `{params}`. */
export function findOperation(method: string, path: string): Operation | undefined {
	const segments = path
		.replace(/^\/v1(?=\/)/, '')
		.split('?')[0]
		.split('/')
		.filter(Boolean);
	const candidates = operations.filter(
		(operation) =>
			operation.method === method.toUpperCase() &&
			operation.segments.length === segments.length &&
			operation.segments.every((part, i) => part === segments[i] || /^\{.+\}$/.test(part)),
	);
	const literalCount = (operation: Operation) =>
		operation.segments.filter((part) => !part.startsWith('{')).length;
	return candidates.sort((a, b) => literalCount(b) - literalCount(a))[0];
}

export function validateRequest(
	method: string,
	pathTemplateOrPath: string,
	parts: RequestParts = {},
	options: ContractCheckOptions = {},
): string[] {
	const where = `${method.toUpperCase()} ${pathTemplateOrPath} request`;
	const operation = findOperation(method, pathTemplateOrPath);
	if (!operation) return [`${where}: not an operation of the contract`];
	const messages: string[] = [];
	for (const [name, value] of Object.entries(parts.query ?? {})) {
		const validate = operation.query[name];
		if (!validate) messages.push(`${where}: unexpected query parameter '${name}'`);
		else if (!validate(/^-?\d+$/.test(value) ? Number(value) : value)) {
			messages.push(...describe(where, validate.errors, value, options, `query '${name}'`));
		}
	}
	const hasMultipart = parts.form !== undefined || parts.files !== undefined;
	if (!operation.hasBody) {
		if (parts.json !== undefined || hasMultipart)
			messages.push(`${where}: this operation takes no request body`);
	} else if (parts.json !== undefined) {
		if (!operation.jsonBody)
			messages.push(`${where}: a JSON body is not accepted (multipart/form-data only)`);
		else if (!operation.jsonBody(parts.json))
			messages.push(...describe(where, operation.jsonBody.errors, parts.json, options));
	} else if (hasMultipart) {
		const body = formToObject(parts.form, Object.keys(parts.files ?? {}));
		if (!operation.multipartBody)
			messages.push(`${where}: a multipart body is not accepted (JSON only)`);
		else if (!operation.multipartBody(body))
			messages.push(...describe(where, operation.multipartBody.errors, body, options));
	} else {
		messages.push(`${where}: the request body is missing`);
	}
	return messages;
}

export function validateResponse(
	method: string,
	path: string,
	status: number,
	contentType: string | undefined,
	json: unknown,
	options: ContractCheckOptions = {},
): string[] {
	const where = `${method.toUpperCase()} ${path} response ${status}`;
	const operation = findOperation(method, path);
	const isJson = /^application\/json\b/i.test(contentType ?? '');
	if (status >= 400) {
		const messages = isJson
			? []
			: [`${where}: error content-type is '${contentType}', expected application/json`];
		if (!validateErrorBody(json))
			messages.push(...describe(`${where} error body`, validateErrorBody.errors, json, {}));
		return messages;
	}
	if (!operation?.jsonResponse || status < 200 || status >= 300) return [];
	const messages = isJson
		? []
		: [`${where}: content-type is '${contentType}', expected application/json`];
	if (!operation.jsonResponse(json))
		messages.push(...describe(where, operation.jsonResponse.errors, json, options));
	return messages;
}

function describe(
	where: string,
	errors: ErrorObject[] | null | undefined,
	data: unknown,
	options: ContractCheckOptions,
	rootLabel = '(root)',
): string[] {
	const kept = (errors ?? []).filter(
		(error) => !(options.mode === 'gateway' && isLenientGatewayError(error, data)),
	);
	const messages = kept.map((error) => {
		const allowed =
			error.keyword === 'enum' ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : '';
		return `${where}: ${error.instancePath || rootLabel} ${error.message}${allowed}`;
	});
	return [...new Set(messages)];
}

function isLenientGatewayError(error: ErrorObject, data: unknown): boolean {
	const pointer = error.instancePath.split('/').slice(1);
	const field =
		error.keyword === 'required'
			? (error.params.missingProperty as string)
			: pointer[pointer.length - 1];
	const ownerPointer = error.keyword === 'required' ? pointer : pointer.slice(0, -1);
	if (!LENIENT_GATEWAY_FIELDS.has(field)) return false;
	const owner = ownerPointer.reduce<any>((node, key) => (node == null ? node : node[key]), data);
	return !isSoraModel(owner?.model);
}
