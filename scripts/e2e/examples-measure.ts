/**
 * The examples that ask a model of today (through the new-api gateway) are checked by what the
 * user gets: the delivered MP4, measured with ffprobe, has the length and shape the example asked for
 * (its Duration, Aspect Ratio and Resolution), within half a second.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Checks } from './checks';
import { probe } from './media';
import { tempDir } from './proc';

export interface AskedShape {
	width: number;
	height: number;
	seconds: number;
}

/** The MP4 that Duration, Aspect Ratio ("16:9") and Resolution ("720p": the short side) describe; undefined for an expression. */
export function askedShape(ask: {
	duration?: unknown;
	aspectRatio?: unknown;
	resolution?: unknown;
}): AskedShape | undefined {
	const ratio = /^(\d+):(\d+)$/.exec(String(ask.aspectRatio ?? ''));
	const lines = /^(\d+)p$/i.exec(String(ask.resolution ?? ''));
	const seconds = Number(ask.duration);
	if (!ratio || !lines || !Number.isFinite(seconds) || seconds <= 0) return undefined;
	const [w, h, short] = [Number(ratio[1]), Number(ratio[2]), Number(lines[1])];
	const long = Math.round((short * Math.max(w, h)) / Math.min(w, h));
	return w >= h ? { width: long, height: short, seconds } : { width: short, height: long, seconds };
}

/** ffprobe of the delivered bytes against what was asked. */
export function checkMeasuredAsAsked(
	checks: Checks,
	bytes: Buffer | undefined,
	asked: AskedShape,
	label: string,
): void {
	if (!checks.that(bytes && bytes.length > 0, `${label}: the delivered MP4 is there`)) return;
	const file = path.join(tempDir('examples-probe'), 'video.mp4');
	writeFileSync(file, bytes!);
	const probed = probe(file);
	checks.equal(
		`${probed.width}x${probed.height}`,
		`${asked.width}x${asked.height}`,
		`${label}: the MP4 measures (ffprobe) the size asked`,
	);
	checks.that(
		Math.abs((probed.duration ?? NaN) - asked.seconds) <= 0.5,
		`${label}: the MP4 lasts ${probed.duration} s, ${asked.seconds} s asked (ffprobe)`,
	);
}
