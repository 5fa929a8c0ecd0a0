/** A preflight finding: `field` is the parameter's display name, `message` says what is wrong and how to fix it. */
export interface Problem {
	field: string;
	message: string;
	description?: string;
}

export const SIZE_PATTERN = /^\d+x\d+$/;

/** 'a', 'a or b', 'a, b or c' */
export function listOf(values: readonly string[]): string {
	if (values.length <= 1) return values.join('');
	return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
