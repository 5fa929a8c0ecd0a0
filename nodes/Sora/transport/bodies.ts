import { nextChunk, type NodeReadable } from '../../base/streams';

const KIB = 1024;
const MIB = 1024 * KIB;

/** How much of an answer the node reads into memory (downloads stream, bounded by Max Download Size). */
export interface BodyLimits {
	/** An error answer: its start is enough to say what went wrong; the rest is never read. */
	errorBytes: number;
	/** A JSON answer: past this it is refused, not read. */
	answerBytes: number;
}

/**
 * Far above any real answer: a list of 100 videos is ~100 KiB. A status answer may carry the
 * video itself as a data: URL (new-api's Vertex channel), so it gets room for a long 4K video.
 */
export const BODY_LIMITS = {
	answer: { errorBytes: 32 * KIB, answerBytes: 16 * MIB },
	status: { errorBytes: 32 * KIB, answerBytes: 128 * MIB },
} as const satisfies Record<string, BodyLimits>;

export function formatBytes(bytes: number): string {
	if (bytes >= MIB) return `${Math.round((bytes / MIB) * 10) / 10} MiB`;
	return `${Math.round(bytes / KIB)} KiB`;
}

type Read = { text: string; tooLarge: boolean } | { failed: true };

/**
 * Reads a body up to `capBytes`, then stops and releases the stream: a host answering 300 MB of
 * padding costs `capBytes` of memory, not 300 MB. `watch.touch` is told of every chunk.
 */
export async function readCapped(
	source: NodeReadable | undefined,
	capBytes: number,
	watch: {
		touch(): void;
		ended: Promise<Error>;
	},
	keepStart: boolean,
): Promise<Read> {
	if (!source) return { text: '', tooLarge: false };
	if (typeof (source as unknown) === 'string') {
		const text = source as unknown as string;
		return { text: text.slice(0, capBytes), tooLarge: text.length > capBytes };
	}
	const chunks: Buffer[] = [];
	let length = 0;
	const iterator = (source as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
	try {
		for (;;) {
			const next = await nextChunk(source, iterator, watch.ended);
			if (next.done) break;
			const chunk = next.value;
			watch.touch();
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			if (length + buffer.length > capBytes) {
				source.destroy();
				// The start of an error says what went wrong; an answer past its bound is refused unread.
				if (!keepStart) return { text: '', tooLarge: true };
				chunks.push(buffer.subarray(0, capBytes - length));
				return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: true };
			}
			chunks.push(buffer);
			length += buffer.length;
		}
	} catch {
		return { failed: true };
	}
	return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: false };
}
