const MASK = '***';
/** Shorter values are not masked: they would wreck every message they happen to occur in. */
const MIN_SECRET_LENGTH = 4;

/**
 * Custom headers whose name says they carry a credential. Only their values are secrets: a
 * routing or billing header (X-Route: eu-1) is not, and masking it would rewrite messages that
 * merely contain the same word.
 */
const SECRET_HEADER_NAME =
	/auth|key|token|secret|passw|signature|cookie|session|credential|bearer/i;

export function isSecretHeaderName(name: string): boolean {
	return SECRET_HEADER_NAME.test(name);
}

interface CredentialSecrets {
	apiKey?: unknown;
	webhookSecret?: unknown;
	customHeaders?: unknown;
}

/** The credential's secret values: the API key, the webhook secret (and its key), secret header values. */
export function secretsOf(credentials: CredentialSecrets): string[] {
	const custom =
		(credentials.customHeaders as { header?: Array<{ name?: string; value?: string }> } | undefined)
			?.header ?? [];
	const webhookSecret = String(credentials.webhookSecret ?? '');
	const values = [
		String(credentials.apiKey ?? ''),
		webhookSecret,
		webhookSecret.startsWith('whsec_') ? webhookSecret.slice('whsec_'.length) : '',
		...custom
			.filter((header) => isSecretHeaderName(header.name ?? ''))
			.map((header) => String(header.value ?? '')),
	];
	// Longest first, so that a secret containing another is masked whole.
	return [...new Set(values.filter((value) => value.length >= MIN_SECRET_LENGTH))].sort(
		(a, b) => b.length - a.length,
	);
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
