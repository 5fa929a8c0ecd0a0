import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { MeasuredVideo } from '../../nodes/Sora/domain/media';

/**
 * ffprobe's reading of an MP4, in MeasuredVideo's terms: the yardstick the node's own measuring
 * (nodes/Sora/domain/mp4Boxes.ts) is compared with. A quarter-turned picture has its sides
 * swapped, as players show it. ffmpeg and ffprobe come from apt-get (scripts/e2e installs them).
 */

export const FFMPEG_MISSING =
	'ffmpeg or ffprobe not found: CI needs ffmpeg (apt-get install ffmpeg)';

export function hasFfmpeg(): boolean {
	try {
		execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
		execFileSync('ffprobe', ['-version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

interface Probe {
	streams: Array<{
		codec_type: string;
		codec_name: string;
		width?: number;
		height?: number;
		avg_frame_rate?: string;
		side_data_list?: Array<{ rotation?: number }>;
	}>;
	format: { duration: string; size: string };
}

/** Whether the moov box comes before the first mdat, from the top-level boxes. */
function moovFirst(bytes: Buffer): boolean {
	for (let at = 0; at + 8 <= bytes.length; ) {
		const type = bytes.toString('latin1', at + 4, at + 8);
		if (type === 'moov') return true;
		if (type === 'mdat') return false;
		const size32 = bytes.readUInt32BE(at);
		const size = size32 === 1 ? Number(bytes.readBigUInt64BE(at + 8)) : size32;
		if (size < 8) return false;
		at += size;
	}
	return false;
}

function fraction(text: string): number {
	const [a, b] = text.split('/').map(Number);
	return b ? a / b : 0;
}

export function ffprobeReading(bytes: Buffer): MeasuredVideo {
	const dir = mkdtempSync(join(tmpdir(), 'sora-ffprobe-'));
	try {
		const file = join(dir, 'probed.mp4');
		writeFileSync(file, bytes);
		const output = execFileSync(
			'ffprobe',
			['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
			{ encoding: 'utf8' },
		);
		const { streams, format } = JSON.parse(output) as Probe;
		const video = streams.find((s) => s.codec_type === 'video')!;
		const audio = streams.find((s) => s.codec_type === 'audio');
		const rotation = Math.abs(
			video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0,
		);
		const turned = rotation === 90 || rotation === 270;
		return {
			width: turned ? video.height! : video.width!,
			height: turned ? video.width! : video.height!,
			durationSeconds: Number(format.duration),
			frameRate: fraction(video.avg_frame_rate ?? '0/1'),
			videoCodec: video.codec_name,
			hasAudio: audio !== undefined,
			...(audio ? { audioCodec: audio.codec_name } : {}),
			bytes: Number(format.size),
			fastStart: moovFirst(bytes),
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The node's reading equals ffprobe's: exactly, but duration and frame rate within 0.05. */
export function expectSameReading(actual: unknown, wanted: MeasuredVideo): void {
	expect(actual).toBeDefined();
	const { durationSeconds, frameRate, ...rest } = actual as MeasuredVideo;
	const { durationSeconds: wantedDuration, frameRate: wantedRate, ...wantedRest } = wanted;
	expect(rest).toEqual(wantedRest);
	expect(Math.abs(durationSeconds - wantedDuration)).toBeLessThan(0.05);
	expect(Math.abs((frameRate ?? 0) - (wantedRate ?? 0))).toBeLessThan(0.05);
}
