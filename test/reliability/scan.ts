/**
 * Walks whatever n8n would keep of a run (items, errors, run data, log lines) and collects every
 * string in it, including the non-enumerable ones of Error objects (message, stack, cause), so
 * that a test can prove a secret occurs nowhere.
 */
export interface Found {
	path: string;
	text: string;
}

const MAX_DEPTH = 40;

function ownKeys(value: object): string[] {
	const keys = new Set<string>(Object.keys(value));
	if (value instanceof Error) for (const key of Object.getOwnPropertyNames(value)) keys.add(key);
	return [...keys];
}

/** Every string (and every property name) reachable from `root`, with its path. */
export function collectStrings(root: unknown, rootPath = '$'): Found[] {
	const found: Found[] = [];
	const seen = new WeakSet<object>();
	const visit = (value: unknown, path: string, depth: number) => {
		if (depth > MAX_DEPTH || value === null || value === undefined) return;
		if (typeof value === 'string') return void found.push({ path, text: value });
		if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
			return;
		if (typeof value === 'function' || typeof value === 'symbol') return;
		if (Buffer.isBuffer(value)) {
			found.push(
				{ path, text: value.toString('utf8') },
				{ path: `${path}<base64>`, text: value.toString('base64') },
			);
			return;
		}
		if (typeof value !== 'object') return;
		if (seen.has(value)) return;
		seen.add(value);
		if (value instanceof Map) {
			for (const [key, entry] of value) {
				visit(key, `${path}<key>`, depth + 1);
				visit(entry, `${path}[${String(key)}]`, depth + 1);
			}
			return;
		}
		if (value instanceof Set) {
			let index = 0;
			for (const entry of value) visit(entry, `${path}{${index++}}`, depth + 1);
			return;
		}
		for (const key of ownKeys(value)) {
			found.push({ path: `${path}<key>`, text: key });
			let child: unknown;
			try {
				child = (value as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			visit(child, `${path}.${key}`, depth + 1);
		}
	};
	visit(root, rootPath, 0);
	return found;
}

/** Where any of `secrets` occurs in `root` (as a substring of any string or key). */
export function occurrences(root: unknown, secrets: string[], rootPath = '$'): Found[] {
	return collectStrings(root, rootPath).filter(({ text }) =>
		secrets.some((secret) => text.includes(secret)),
	);
}

/** Paths of objects inside errors (anything with a stack) that carry request headers or request options. */
export function headersInErrors(root: unknown, headerNames: RegExp): string[] {
	const problems: string[] = [];
	const seen = new WeakSet<object>();
	const visit = (value: unknown, path: string, inError: boolean, depth: number) => {
		if (depth > MAX_DEPTH || !value || typeof value !== 'object' || seen.has(value)) return;
		seen.add(value);
		const isError = value instanceof Error || ('stack' in value && 'message' in value);
		const within = inError || isError;
		for (const key of ownKeys(value)) {
			if (headerNames.test(key)) problems.push(`${path}.${key}: a credential header`);
			if (within && /^(headers|config|request|requestOptions|options)$/i.test(key)) {
				const child = (value as Record<string, unknown>)[key];
				if (
					child &&
					typeof child === 'object' &&
					(key.toLowerCase() === 'headers' || 'headers' in child)
				) {
					problems.push(`${path}.${key}: request headers kept on an error`);
				}
			}
			let child: unknown;
			try {
				child = (value as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			visit(child, `${path}.${key}`, within, depth + 1);
		}
	};
	visit(root, '$', false, 0);
	return problems;
}
