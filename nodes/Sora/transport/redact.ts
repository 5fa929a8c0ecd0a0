const MASK = '***';

/**
 * The shortest value masked, by what the user told us about it. The API key, the webhook secret,
 * a Base URL's user info and a custom header whose name says it carries a credential are secrets
 * whatever they look like: masked from 4 characters. Every other custom header value is masked
 * too (a gateway's tenant or billing header is often a key under another name), from 8
 * characters: shorter ones are routing words (`eu-1`, `prod`, `v2`, `default`) that occur in
 * ordinary messages, and masking them would wreck the text while hiding nothing worth a secret.
 */
const MIN_SECRET_LENGTH = 4;
const MIN_HEADER_VALUE_LENGTH = 8;

const SECRET_HEADER_NAME =
	/auth|key|token|secret|passw|signature|cookie|session|credential|bearer/i;

interface CredentialSecrets {
	apiKey?: unknown;
	baseUrl?: unknown;
	webhookSecret?: unknown;
	customHeaders?: unknown;
}

/** The user name and password of a Base URL written `https://user:password@host/…`, as written and decoded. */
export function userInfoOf(baseUrl: unknown): string[] {
	const match = /^\s*[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(String(baseUrl ?? ''));
	if (!match) return [];
	const parts = match[1].split(':');
	const values = [match[1], ...parts];
	for (const part of parts) {
		try {
			values.push(decodeURIComponent(part));
		} catch {
			// A malformed escape stays as written; that form is already in the list.
		}
	}
	return values;
}

function customHeaderSecrets(customHeaders: unknown): string[] {
	const headers =
		(customHeaders as { header?: Array<{ name?: string; value?: string }> } | undefined)?.header ??
		[];
	return headers
		.map((header) => ({ name: String(header.name ?? ''), value: String(header.value ?? '') }))
		.filter(
			({ name, value }) =>
				value.length >=
				(SECRET_HEADER_NAME.test(name) ? MIN_SECRET_LENGTH : MIN_HEADER_VALUE_LENGTH),
		)
		.map(({ value }) => value);
}

/**
 * The credential's secret values: the API key, the webhook secret (and its key), the user info of
 * Base URL, every custom header value (see the floors above).
 */
export function secretsOf(credentials: CredentialSecrets): string[] {
	const webhookSecret = String(credentials.webhookSecret ?? '');
	const values = [
		String(credentials.apiKey ?? ''),
		webhookSecret,
		webhookSecret.startsWith('whsec_') ? webhookSecret.slice('whsec_'.length) : '',
		...userInfoOf(credentials.baseUrl),
	].filter((value) => value.length >= MIN_SECRET_LENGTH);
	values.push(...customHeaderSecrets(credentials.customHeaders));
	// Longest first, so that a secret containing another is masked whole.
	return [...new Set(values)].sort((a, b) => b.length - a.length);
}

/**
 * Masks every occurrence of the credential's secrets. Used only on what becomes error text or a
 * log line (hosts may echo the key in an error answer); never on answers that are output data.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
	if (!secrets.length) return value;
	if (typeof value === 'string') {
		let text: string = value;
		for (const secret of secrets) text = text.split(secret).join(MASK);
		return text as T;
	}
	if (Array.isArray(value)) return value.map((entry) => redactSecrets(entry, secrets)) as T;
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>).map(([key, entry]) => [
				key,
				redactSecrets(entry, secrets),
			]),
		) as T;
	}
	return value;
}
