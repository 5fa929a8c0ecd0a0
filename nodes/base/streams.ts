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
	stop?: Promise<Error>,
): NodeReadable {
	async function* pass(): AsyncGenerator<Buffer> {
		const iterator = (source as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
		try {
			for (;;) {
				const next = await nextChunk(source, iterator, stop).catch((error: unknown) => {
					state.sourceFailed = error ?? 'the stream failed';
					return undefined;
				});
				if (!next) {
					throw state.sourceFailed instanceof Error
						? state.sourceFailed
						: new Error('The stream failed');
				}
				if (next.done) return;
				const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
				inspect(chunk);
				yield chunk;
			}
		} finally {
			// Stopped early (the consumer failed, or inspect refused): release the source too. A
			// source that failed may never answer its pending read: its release is not waited for.
			const released = iterator.return?.().catch(() => undefined);
			if (state.sourceFailed === undefined) await released;
		}
	}
	const readable = readableClassOf(source).from(pass(), { objectMode: false });
	return readable;
}

/**
 * The next chunk of a stream, or `stop`'s error as soon as it settles: a stream stalled inside
 * the network never answers `next()`, and destroying it from outside does not end a pending read
 * of every kind of stream n8n hands over, so the read is raced and the source destroyed.
 */
export async function nextChunk<T>(
	source: { destroy(error?: Error): void },
	iterator: AsyncIterator<T>,
	stop?: Promise<Error>,
): Promise<IteratorResult<T>> {
	if (!stop) return await iterator.next();
	const pending = iterator.next();
	const stopped = stop.then((error) => {
		source.destroy(error);
		pending.catch(() => undefined);
		throw error;
	});
	return await Promise.race([pending, stopped]);
}
