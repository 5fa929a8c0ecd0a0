/** A tiny assertion collector: every check is recorded, so the summary lists what passed and what failed. */
export interface CheckResult {
	ok: boolean;
	message: string;
}

export class Checks {
	readonly results: CheckResult[] = [];

	constructor(readonly scope: string) {}

	that(ok: unknown, message: string, detail?: unknown): boolean {
		const suffix = !ok && detail !== undefined ? ` (got ${short(detail)})` : '';
		this.results.push({ ok: Boolean(ok), message: `${message}${suffix}` });
		return Boolean(ok);
	}

	equal(actual: unknown, expected: unknown, message: string): boolean {
		return this.that(actual === expected, `${message} = ${short(expected)}`, actual);
	}

	/** Runs a step; a thrown error becomes a failed check instead of ending the run. */
	async step(message: string, fn: () => Promise<void> | void): Promise<void> {
		try {
			await fn();
		} catch (e) {
			this.that(false, `${message}: ${(e as Error).message}`);
		}
	}

	get failed(): CheckResult[] {
		return this.results.filter((r) => !r.ok);
	}
}

export function short(value: unknown, max = 300): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text === undefined ? 'undefined' : text.length > max ? `${text.slice(0, max)}…` : text;
}

export function printSummary(title: string, checks: Checks[]): boolean {
	const all = checks.flatMap((c) => c.results.map((r) => ({ ...r, scope: c.scope })));
	const failed = all.filter((r) => !r.ok);
	console.log(`\n=== ${title}: ${all.length - failed.length} passed, ${failed.length} failed ===`);
	for (const r of all) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} [${r.scope}] ${r.message}`);
	return failed.length === 0;
}
