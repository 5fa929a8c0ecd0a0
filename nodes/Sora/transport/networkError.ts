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
	name?: unknown;
	message?: unknown;
	cause?: unknown;
	extra?: unknown;
	ip?: unknown;
	hostname?: unknown;
}

/**
 * n8n's own SSRF guard (N8N_SSRF_PROTECTION_ENABLED, n8n 2.x's @n8n/backend-network): before
 * connecting, at DNS lookup and on each redirect hop, a destination in N8N_SSRF_BLOCKED_IP_RANGES
 * (or N8N_SSRF_BLOCKED_HOSTNAMES) and not allowed is refused with an `SsrfBlockedIpError` or
 * `SsrfBlockedHostnameError` (n8n-workflow UserErrors, marked non-retryable), thrown as is by
 * httpRequest, wrapped in a NodeApiError (its cause) by httpRequestWithAuthentication, and
 * wrapped by follow-redirects and axios (code ERR_FR_REDIRECTION_FAILURE, message "Redirected
 * request failed: …") when a redirect hop is refused. Names and messages both identify it, so a
 * copy of the class from another package version still does.
 */
export const N8N_SSRF_BLOCKED = 'N8N_SSRF_BLOCKED';
const SSRF_ERROR_NAME = /^Ssrf(BlockedIp|BlockedHostname)Error$/;
const SSRF_MESSAGE =
	/The request was blocked because (it resolves to a restricted IP address|the destination hostname is restricted)/;
const REDIRECT_FAILED = 'ERR_FR_REDIRECTION_FAILURE';

function stringField(record: unknown, name: string): string | undefined {
	const value = (record as Record<string, unknown> | undefined)?.[name];
	return typeof value === 'string' && value ? value : undefined;
}

/** The address or name n8n's guard refused, as its error names it: `'host' (ip)`, an ip, or a name. */
function ssrfTarget(link: ErrorLike): string | undefined {
	const ip = stringField(link, 'ip') ?? stringField(link.extra, 'ip');
	const hostname = stringField(link, 'hostname') ?? stringField(link.extra, 'hostname');
	if (ip && hostname) return `${hostname} (${ip})`;
	return ip ?? hostname;
}

/**
 * When n8n's SSRF protection refused the request: a permanent failure (the same address is refused
 * again), not sent to the refused address; `sent` only when it was a redirect hop, since the
 * request before it did reach its host.
 */
function ssrfBlock(chain: ErrorLike[]): Extract<Failure, { kind: 'network' }> | undefined {
	const link = chain.find(
		(entry) =>
			(typeof entry.name === 'string' && SSRF_ERROR_NAME.test(entry.name)) ||
			(typeof entry.message === 'string' && SSRF_MESSAGE.test(entry.message)),
	);
	if (!link) return undefined;
	const target = chain.map(ssrfTarget).find(Boolean);
	const redirected = chain.some((entry) => entry.code === REDIRECT_FAILED);
	return {
		kind: 'network',
		code: N8N_SSRF_BLOCKED,
		sent: redirected,
		permanent: true,
		cause: `n8n's SSRF protection blocked ${target ?? 'the address'}${redirected ? ' (a redirect hop)' : ''}`,
	};
}

/**
 * The words for a failure that networkFailure recognised beyond a plain code, for describeFailure
 * (retryPolicy.ts) to use before its own; undefined for every other failure.
 */
export function describeNetworkBlock(failure: Failure): string | undefined {
	if (failure.kind !== 'network' || failure.code !== N8N_SSRF_BLOCKED) return undefined;
	return `${failure.cause ?? "n8n's SSRF protection blocked the address"}; an n8n administrator can allow it with N8N_SSRF_ALLOWED_IP_RANGES or N8N_SSRF_ALLOWED_HOSTNAMES`;
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
	const blocked = ssrfBlock(chain);
	if (blocked) return blocked;
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
