const MASK = '***';

/** Masks every occurrence of the credential's secrets in what a host answered (hosts may echo them). */
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
			Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, redactSecrets(entry, secrets)]),
		) as T;
	}
	return value;
}
