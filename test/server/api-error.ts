/** An answer in the contract's error shape: {"error":{"message","type","param","code"}}. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly param: string | null = null,
		readonly code: string | null = null,
		readonly type = 'invalid_request_error',
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}

	toBody() {
		return {
			error: { message: this.message, type: this.type, param: this.param, code: this.code },
		};
	}
}

export function invalidUrl(method: string, fullPath: string): ApiError {
	return new ApiError(404, `Invalid URL (${method} ${fullPath})`);
}

export function missingParameter(param: string): ApiError {
	return new ApiError(
		400,
		`Missing required parameter: '${param}'.`,
		param,
		'missing_required_parameter',
	);
}

export function invalidValue(param: string, message: string): ApiError {
	return new ApiError(400, message, param, 'invalid_value');
}

export function videoNotFound(id: string): ApiError {
	return new ApiError(404, `Video with id '${id}' not found.`, null, 'video_not_found');
}

export function modelNotFound(model: string): ApiError {
	return new ApiError(
		404,
		`The model \`${model}\` does not exist or you do not have access to it.`,
		null,
		'model_not_found',
	);
}

export function invalidApiKey(provided: string | undefined): ApiError {
	const message =
		provided === undefined
			? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the api-key header."
			: `Incorrect API key provided: ${maskKey(provided)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
	return new ApiError(401, message, null, 'invalid_api_key');
}

function maskKey(key: string): string {
	return key.length <= 8
		? '*'.repeat(key.length)
		: `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

/** A 429; with retry headers, `retry-after` in whole seconds (at least 1) and `retry-after-ms` exact. */
export function rateLimited(withRetryHeaders: boolean, retryAfterMs = 1000): ApiError {
	const headers = {
		'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
		'retry-after-ms': String(retryAfterMs),
	};
	return new ApiError(
		429,
		'Rate limit reached for requests per minute. Please try again later.',
		null,
		'rate_limit_exceeded',
		'requests',
		withRetryHeaders ? headers : {},
	);
}

export function serverError(status: 500 | 502 | 503): ApiError {
	const messages = {
		500: 'The server had an error while processing your request. Sorry about that!',
		502: 'Bad gateway.',
		503: 'The engine is currently overloaded, please try again later.',
	};
	return new ApiError(status, messages[status], null, null, 'server_error');
}

export function contentExpired(id: string): ApiError {
	return new ApiError(
		404,
		`The content of video '${id}' has expired and is no longer available.`,
		null,
		'video_expired',
	);
}
