import { invalidUrl, modelNotFound, type ApiError } from './api-error';
import type { RequestBody } from './body-fields';
import type { RouteAnswer } from './handler-context';

/** A few models the switched-off host still lists; none of them makes videos. */
const REMAINING_MODELS = ['gpt-5', 'gpt-image-1', 'whisper-1'].map((id) => ({
	id,
	object: 'model',
	owned_by: 'system',
	created: 1735689600,
}));

/**
 * How OpenAI's host answers after the Videos API was switched off: every /v1/videos* path is
 * an unknown URL, except that a create naming a sora-2 model reports the model as gone.
 */
export function retiredAnswer(
	method: string,
	path: string,
	body: RequestBody,
): ApiError | RouteAnswer {
	if (method === 'GET' && path === '/models') {
		return { kind: 'json', status: 200, body: { object: 'list', data: REMAINING_MODELS } };
	}
	if (method === 'POST' && path === '/videos') {
		const model = typeof body.fields.model === 'string' ? body.fields.model : 'sora-2';
		if (/^sora-2(-|$)/.test(model)) return modelNotFound(model);
	}
	return invalidUrl(method, `/v1${path}`);
}
