import { ApiError } from '../api-error';

/**
 * An answer in a host's own error shape (new-api's `{"code","message","data"}`, OpenRouter's integer
 * codes...). `violation`: the request broke the host's dialect (recorded in `contractViolations`).
 */
export class HostError extends ApiError {
	constructor(
		status: number,
		readonly body: unknown,
		readonly violation = false,
		headers: Record<string, string> = {},
	) {
		super(status, messageOf(body), null, null, 'host_error', headers);
	}

	override toBody(): any {
		return this.body;
	}
}

function messageOf(body: unknown): string {
	const record = (body ?? {}) as { message?: unknown; error?: unknown };
	if (typeof record.message === 'string') return record.message;
	const error = record.error as { message?: unknown } | string | undefined;
	if (typeof error === 'string') return error;
	return typeof error?.message === 'string' ? error.message : 'error';
}
