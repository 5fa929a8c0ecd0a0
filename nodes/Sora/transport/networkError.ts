import type { Failure } from './retryPolicy';

/** Raised before a single byte of the request could reach the server, worth another try. */
const NOT_SENT_TRANSIENT = [
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EAI_NONAME',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EADDRNOTAVAIL',
];

/**
 * Raised before the request was written, and repeating it cannot help: an invalid URL or header
 * (refused while the request is built), a certificate or TLS refusal (the handshake comes before
 * any HTTP byte). Axios's ERR_BAD_REQUEST is thrown only before sending here, since HTTP
 * statuses are never turned into errors (ignoreHttpStatusErrors).
 */
const NOT_SENT_PERMANENT =
	/^(ERR_INVALID_URL|ERR_BAD_REQUEST|ERR_BAD_OPTION(_VALUE)?|ERR_INVALID_ARG_\w+|ERR_INVALID_CHAR|ERR_INVALID_HTTP_TOKEN|ERR_INVALID_PROTOCOL|ERR_HTTP_INVALID_HEADER_VALUE|ERR_TLS_\w+|ERR_SSL_\w+|EPROTO|\w*CERT\w*|UNABLE_TO_\w+|HOSTNAME_MISMATCH)$/;

const INVALID_URL_MESSAGE = /invalid url|unsupported protocol/i;
const CERTIFICATE_MESSAGE = /self[- ]signed certificate|certificate has expired|unable to verify/i;

interface ErrorLike {
	code?: unknown;
	message?: unknown;
	cause?: unknown;
}

function chainOf(error: unknown): ErrorLike[] {
	const chain: ErrorLike[] = [];
	let current = error as ErrorLike | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
		chain.push(current);
		current = current.cause as ErrorLike | undefined;
	}
	return chain;
}

/** The innermost message: the one that says what actually happened (n8n's wrappers are generic). */
function causeOf(chain: ErrorLike[]): string | undefined {
	for (const link of [...chain].reverse()) {
		if (typeof link.message === 'string' && link.message.trim())
			return link.message.trim().slice(0, 300);
	}
	return undefined;
}

/**
 * What an exception from the HTTP helper means: whether the request may have reached the server
 * (only then is a create's fate unknown) and whether trying again can help. An error without a
 * known code counts as possibly sent, so that a create is never repeated on a guess.
 */
export function networkFailure(error: unknown): Extract<Failure, { kind: 'network' }> {
	const chain = chainOf(error);
	const codes = chain
		.map((link) => link.code)
		.filter((code): code is string => typeof code === 'string' && code !== '');
	const cause = causeOf(chain);
	const permanent = codes.find((code) => NOT_SENT_PERMANENT.test(code));
	if (permanent) return { kind: 'network', code: permanent, sent: false, permanent: true, cause };
	const refused = codes.find((code) => NOT_SENT_TRANSIENT.includes(code));
	if (refused) return { kind: 'network', code: refused, sent: false, cause };
	const code = codes.find((c) => /^E[A-Z]+$/.test(c)) ?? codes[0] ?? 'UNKNOWN';
	if (code === 'UNKNOWN' && cause && INVALID_URL_MESSAGE.test(cause)) {
		return { kind: 'network', code: 'ERR_INVALID_URL', sent: false, permanent: true, cause };
	}
	if (code === 'UNKNOWN' && cause && CERTIFICATE_MESSAGE.test(cause)) {
		return { kind: 'network', code: 'CERT_REFUSED', sent: false, permanent: true, cause };
	}
	return { kind: 'network', code, sent: true, cause };
}
