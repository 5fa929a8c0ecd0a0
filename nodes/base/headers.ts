export type Headers = Record<string, string | string[] | undefined>;

/** Every non-empty value of a header, trimmed, whatever the case of its name. */
export function headerValues(headers: Headers, name: string): string[] {
	const wanted = name.toLowerCase();
	const values: string[] = [];
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const value = headers[key];
		for (const item of Array.isArray(value) ? value : [value]) {
			if (typeof item === 'string' && item.trim() !== '') values.push(item.trim());
		}
	}
	return values;
}

/** The first non-empty value of a header, whatever the case of its name. */
export function firstHeader(headers: Headers, name: string): string | undefined {
	return headerValues(headers, name)[0];
}
