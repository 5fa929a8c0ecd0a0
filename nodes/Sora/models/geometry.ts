/** Aspect ratios and resolutions in the user's words ("16:9", "720p") and the pixel sizes they stand for. */

const KNOWN_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9', '9:21'];

function ratioValue(ratio: string): number {
	const [w, h] = ratio.split(':').map(Number);
	return w / h;
}

/** Whether a pixel size has an aspect ratio ("9:16"), within 3 % (768x1366 is 9:16). */
export function ratioMatches(width: number, height: number, aspectRatio: string): boolean {
	const value = width / height;
	const asked = ratioValue(aspectRatio);
	return Number.isFinite(asked) && asked > 0 && Math.abs(asked - value) / value < 0.03;
}

/** "720p" → 720; undefined when it is not a number of lines. */
export function linesOf(resolution: string): number | undefined {
	const match = /^(\d+)p$/i.exec(resolution.trim());
	return match ? Number(match[1]) : undefined;
}

/** "1280x720" → [1280, 720]. */
export function dimensionsOf(size: string): [number, number] | undefined {
	const match = /^(\d+)\s*[x*×]\s*(\d+)$/i.exec(size.trim());
	return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** The usual aspect ratio nearest a pixel size (within 3 %: 1920x1088 is 16:9), else its reduced form. */
export function aspectRatioOf(width: number, height: number): string {
	const value = width / height;
	const near = KNOWN_RATIOS.find((ratio) => Math.abs(ratioValue(ratio) - value) / value < 0.03);
	if (near) return near;
	const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
	const d = gcd(width, height);
	return `${width / d}:${height / d}`;
}

/** The resolution of a pixel size: its short side ("720p"). */
export function resolutionOf(width: number, height: number): string {
	return `${Math.min(width, height)}p`;
}

/**
 * The pixel size a model makes for an aspect ratio and a resolution: the model's own table when it
 * has one, else the short side is the resolution (9:16 720p → 720x1280), the long side even.
 */
export function pixelSizeFor(
	aspectRatio: string,
	resolution: string,
	table: Readonly<Record<string, string>> = {},
): string | undefined {
	const listed = table[`${aspectRatio} ${resolution}`];
	if (listed) return listed;
	const lines = linesOf(resolution);
	const [w, h] = aspectRatio.split(':').map(Number);
	if (!lines || !w || !h) return undefined;
	const long = Math.round((lines * Math.max(w, h)) / Math.min(w, h) / 2) * 2;
	return w >= h ? `${long}x${lines}` : `${lines}x${long}`;
}
