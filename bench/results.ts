import { writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';

/** Rounds every number to 3 decimals and sorts keys, so results.json diffs stay small and stable. */
function normalize(value: unknown): unknown {
	if (typeof value === 'number')
		return Number.isInteger(value) ? value : Math.round(value * 1000) / 1000;
	if (Array.isArray(value)) return value.map(normalize);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
				.map((key) => [key, normalize((value as Record<string, unknown>)[key])]),
		);
	}
	return value;
}

export function machine() {
	return {
		cpuModel: cpus()[0]?.model ?? 'unknown',
		cpus: cpus().length,
		node: process.version,
		os: `${platform()} ${release()}`,
		totalMemoryGiB: Math.round(totalmem() / 1024 ** 3),
	};
}

export function writeResults(file: string, results: Record<string, unknown>): void {
	writeFileSync(file, `${JSON.stringify(normalize(results), null, 2)}\n`);
}
