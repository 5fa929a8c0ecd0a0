import type { IExecuteFunctions } from 'n8n-workflow';

type StreamBody = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];
/** A Node.js Readable, as n8n's helpers take and give it. */
export type NodeReadable = Exclude<StreamBody, Buffer>;

interface ReadableClass {
	from(source: AsyncIterable<Buffer>, options?: { objectMode?: boolean }): NodeReadable;
}

/**
 * Node's Readable class, taken from a stream n8n handed over: code under nodes/ imports nothing
 * but n8n-workflow, yet a body n8n stores or sends must be a real Readable (not an iterable).
 */
export function readableClassOf(stream: object): ReadableClass {
	for (let proto = Object.getPrototypeOf(stream); proto; proto = Object.getPrototypeOf(proto)) {
		const ctor = (proto as { constructor?: { name?: string; from?: unknown } }).constructor;
		if (ctor?.name === 'Readable' && typeof ctor.from === 'function')
			return ctor as unknown as ReadableClass;
	}
	throw new Error('The body is not a Node.js readable stream');
}

/**
 * A Readable that passes `source` through chunk by chunk (with backpressure), showing each chunk
 * to `inspect` first; `inspect` may throw to stop the stream. A failure of the source itself (the
 * network) is recorded in `state.sourceFailed`, so that it is told apart from one of the consumer.
 */
export function inspectedStream(
	source: NodeReadable,
	inspect: (chunk: Buffer) => void,
	state: { sourceFailed?: unknown },
): NodeReadable {
	async function* pass(): AsyncGenerator<Buffer> {
		const iterator = (source as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
		try {
			for (;;) {
				const next = await iterator.next().catch((error: unknown) => {
					state.sourceFailed = error ?? 'the stream failed';
					return undefined;
				});
				if (!next) {
					readable.destroy(state.sourceFailed instanceof Error ? state.sourceFailed : undefined);
					return;
				}
				if (next.done) return;
				const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
				inspect(chunk);
				yield chunk;
			}
		} finally {
			// Stopped early (the consumer failed, or inspect refused): release the source too.
			await iterator.return?.().catch(() => undefined);
		}
	}
	const readable = readableClassOf(source).from(pass(), { objectMode: false });
	return readable;
}
