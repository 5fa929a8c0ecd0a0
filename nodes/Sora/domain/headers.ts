export type Headers = Record<string, string | string[] | undefined>;

/** The first non-empty value of a header, whatever the case of its name. */
export function firstHeader(headers: Headers, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const value = headers[key];
		const first = Array.isArray(value) ? value[0] : value;
		if (typeof first === 'string' && first.trim() !== '') return first.trim();
	}
	return undefined;
}
