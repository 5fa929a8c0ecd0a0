import { request, FormData } from 'undici';
import { readFixture } from './fixtures';
import type { ReferenceServer } from './reference-server';

/** A small undici client for the reference server's own tests. */
export interface Answer {
	status: number;
	headers: Record<string, string>;
	bytes: Buffer;
	json: any;
}

export interface CallOptions {
	json?: unknown;
	form?: FormData;
	/** Sent as it is (with the content-type from `headers`). */
	raw?: string;
	query?: Record<string, string | number>;
	headers?: Record<string, string>;
	/** Default 'sk-test' as a Bearer token; null sends no key. */
	apiKey?: string | null;
}

export async function call(
	server: ReferenceServer,
	method: string,
	path: string,
	options: CallOptions = {},
): Promise<Answer> {
	const url = new URL(server.url + path);
	for (const [name, value] of Object.entries(options.query ?? {}))
		url.searchParams.set(name, String(value));
	const headers: Record<string, string> = { ...options.headers };
	const apiKey = options.apiKey === undefined ? 'sk-test' : options.apiKey;
	if (apiKey !== null) headers.authorization = `Bearer ${apiKey}`;
	let body: string | FormData | undefined;
	if (options.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(options.json);
	} else if (options.form) {
		body = options.form;
	} else if (options.raw !== undefined) {
		body = options.raw;
	}
	const answer = await request(url, { method: method as 'GET', headers, body });
	const bytes = Buffer.from(await answer.body.arrayBuffer());
	const flatHeaders = Object.fromEntries(
		Object.entries(answer.headers).map(([name, value]) => [
			name,
			Array.isArray(value) ? value.join(', ') : String(value),
		]),
	);
	const isJson = /application\/json/.test(flatHeaders['content-type'] ?? '');
	let json: unknown;
	if (isJson) {
		try {
			json = JSON.parse(bytes.toString('utf8'));
		} catch {
			json = undefined;
		}
	}
	return { status: answer.statusCode, headers: flatHeaders, bytes, json };
}

/** A multipart body with text fields and fixture files ({field: 'input-720x1280.png'}). */
export function formWith(
	fields: Record<string, string>,
	fixtureFiles: Record<string, string> = {},
): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	for (const [name, file] of Object.entries(fixtureFiles)) {
		form.append(name, new Blob([readFixture(file)], { type: mimeTypeOf(file) }), file);
	}
	return form;
}

function mimeTypeOf(file: string): string {
	const extension = file.split('.').pop() ?? '';
	return (
		{ png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', mp4: 'video/mp4' }[
			extension
		] ?? 'application/octet-stream'
	);
}

/** Creates a video and finishes it at once. */
export async function completedVideo(
	server: ReferenceServer,
	json: Record<string, unknown> = {},
): Promise<any> {
	const created = await call(server, 'POST', '/videos', {
		json: { prompt: 'A calico cat playing a piano', ...json },
	});
	if (created.status !== 200) throw new Error(`create failed: ${JSON.stringify(created.json)}`);
	server.completeNow(created.json.id);
	return (await call(server, 'GET', `/videos/${created.json.id}`)).json;
}

/** Asserts the status and the contract's error shape; returns the `error` object. */
export function expectApiError(
	answer: Answer,
	status: number,
	code?: string | null,
): { message: string; type: string; param: string | null; code: string | null } {
	expect(answer.status).toBe(status);
	expect(answer.headers['x-request-id']).toMatch(/^req_/);
	const error = answer.json?.error;
	expect(Object.keys(error ?? {}).sort()).toEqual(['code', 'message', 'param', 'type']);
	expect(typeof error.message).toBe('string');
	if (code !== undefined) expect(error.code).toBe(code);
	return error;
}
