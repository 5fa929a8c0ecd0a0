import type { Clock } from '../../base/clock';

/** Why a request in flight was ended by the node (not by the network). */
export type EndReason = 'idle' | 'deadline' | 'cancelled';

/**
 * The deadline of one request in flight, from its first byte sent to its last byte read: it is
 * ended when no byte has come for `idleMs`, when `endBy` passes (the wait's Timeout), or when the
 * execution is cancelled. Ending aborts the HTTP request and settles `ended`, which every read of
 * its body races, so a host that stalls after its headers cannot hold the node. One timer at a
 * time, never a busy loop.
 */
export class RequestWatch {
	readonly abort = new AbortController();

	/** Settles with the reason's error when the request is ended (never when it finishes). */
	readonly ended: Promise<Error>;

	private resolveEnded: (error: Error) => void = () => undefined;

	endedBy?: EndReason;

	private lastActivity: number;

	private readonly stopped = new AbortController();

	private readonly onCancel = () => this.end('cancelled');

	constructor(
		private readonly clock: Clock,
		private readonly idleMs: number,
		private readonly endBy: number,
		private readonly cancel: AbortSignal | undefined,
	) {
		this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
		this.lastActivity = clock.now();
		if (cancel?.aborted) this.end('cancelled');
		else cancel?.addEventListener('abort', this.onCancel, { once: true });
		void this.watch();
	}

	/** A byte came: the idle time starts again. */
	touch(): void {
		this.lastActivity = this.clock.now();
	}

	/** The request is over (answered and read, or failed): nothing more to watch. */
	finish(): void {
		this.cancel?.removeEventListener('abort', this.onCancel);
		this.stopped.abort();
	}

	private end(reason: EndReason): void {
		if (this.endedBy || this.stopped.signal.aborted) return;
		this.endedBy = reason;
		this.abort.abort();
		const error = new Error(`The request was ended (${reason})`);
		this.resolveEnded(error);
		this.finish();
	}

	private async watch(): Promise<void> {
		while (!this.stopped.signal.aborted) {
			const idleAt = this.lastActivity + this.idleMs;
			const dueAt = Math.min(idleAt, this.endBy);
			const waitMs = dueAt - this.clock.now();
			if (waitMs <= 0) return this.end(idleAt <= this.endBy ? 'idle' : 'deadline');
			try {
				await this.clock.pause(waitMs, this.stopped.signal);
			} catch {
				return;
			}
		}
	}
}
