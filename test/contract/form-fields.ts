/** Fields whose multipart text value may carry a JSON object or array (e.g. `video={"id":"video_1"}`). */
const JSON_VALUED_FIELDS = new Set(['input_reference', 'video', 'characters']);

/**
 * Turns multipart text fields into the object the JSON schemas describe: bracket keys nest
 * (`video[id]`, `characters[0][id]`), JSON text in object-valued fields is parsed, and each
 * uploaded file becomes the placeholder string '(binary)'.
 */
export function formToObject(
	form: Record<string, string> = {},
	fileNames: Iterable<string> = [],
): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(form)) {
		setPath(result, splitKey(key), parseJsonValued(key, value));
	}
	for (const name of fileNames) setPath(result, splitKey(name), '(binary)');
	return result;
}

function splitKey(key: string): string[] {
	const [head, ...rest] = key.split('[');
	return [head, ...rest.map((segment) => segment.replace(/]$/, ''))];
}

function parseJsonValued(key: string, value: string): unknown {
	if (!JSON_VALUED_FIELDS.has(key) || !/^\s*[[{]/.test(value)) return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

function setPath(target: Record<string, unknown>, segments: string[], value: unknown): void {
	let node: Record<string, unknown> | unknown[] = target;
	segments.forEach((segment, index) => {
		const last = index === segments.length - 1;
		const key = segment === '' && Array.isArray(node) ? String(node.length) : segment;
		if (last) {
			(node as Record<string, unknown>)[key] = value;
			return;
		}
		const container = (node as Record<string, unknown>)[key];
		if (typeof container !== 'object' || container === null) {
			const fresh = /^\d*$/.test(segments[index + 1]) ? [] : {};
			(node as Record<string, unknown>)[key] = fresh;
			node = fresh;
		} else {
			node = container as Record<string, unknown>;
		}
	});
}
