import type { INodeProperties } from 'n8n-workflow';

/** Max Download Size's default: far above any model's output (a 20 s 1080p video is ~100 MiB), far below a disk. */
export const DEFAULT_MAX_DOWNLOAD_MIB = 2048;

/**
 * Max Download Size, the one option of both nodes (the Sora node's Wait Options and Download
 * Options, the trigger's Options): a file above it is refused before any byte is stored
 * (Content-Length), or when the stream gets there.
 */
export const maxDownloadSizeField: INodeProperties = {
	displayName: 'Max Download Size (MiB)',
	name: 'maxDownloadMib',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_DOWNLOAD_MIB,
	description:
		"Refuse a video file larger than this (default 2048 MiB = 2 GiB; every download has a limit); the error names the video and its URL. n8n's binary data mode 'database' cannot keep files above 512 MiB (N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE).",
};

/**
 * Max Download Size in bytes, as the download path takes it: the option when it is a positive
 * number of MiB, else the default (a node saved before the option existed, 0, empty): never unbounded.
 */
export function maxDownloadBytesOf(options: { maxDownloadMib?: unknown }): number {
	const mib = Number(options.maxDownloadMib);
	return Math.floor(
		(Number.isFinite(mib) && mib > 0 ? mib : DEFAULT_MAX_DOWNLOAD_MIB) * 1024 * 1024,
	);
}
