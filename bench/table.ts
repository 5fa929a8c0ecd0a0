/** Plain-text tables for the console. */
export type Cell = string | number;

export function table(title: string, headers: string[], rows: Cell[][]): string {
	const text = rows.map((row) => row.map(String));
	const widths = headers.map((header, column) =>
		Math.max(header.length, ...text.map((row) => (row[column] ?? '').length)),
	);
	const line = (cells: string[]) =>
		cells.map((cell, column) => cell.padStart(widths[column])).join('  ');
	return [
		title,
		line(headers),
		widths.map((width) => '-'.repeat(width)).join('  '),
		...text.map(line),
	].join('\n');
}

export function seconds(ms: number, digits = 2): string {
	return (ms / 1000).toFixed(digits);
}

export function fixed(value: number, digits = 2): string {
	return value.toFixed(digits);
}

export function verdict(ok: boolean): string {
	return ok ? 'ok' : 'MISS';
}
