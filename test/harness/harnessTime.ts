/**
 * The timing of the node instances the harness runs (the demo and the bench: n8n's defaults; jest:
 * the fast one, test/harness/fastTiming.ts). Each timing gets its own instances of the node types,
 * made with it: the node itself reads no global.
 */
import { systemClock } from '../../nodes/base/clock';
import { DEFAULT_TIMING, type TimeSource, type Timing } from '../../nodes/base/timing';

let current: Readonly<Timing> = DEFAULT_TIMING;

export function harnessTiming(): Readonly<Timing> {
	return current;
}

export function setHarnessTiming(timing: Readonly<Timing>): void {
	current = timing;
}

export function harnessTime(): TimeSource {
	return { clock: systemClock, timing: current };
}

/** One instance per timing of a node type made with a time source. */
export function perTiming<T>(make: (time: TimeSource) => T): () => T {
	const made = new Map<Readonly<Timing>, T>();
	return () => {
		let instance = made.get(current);
		if (!instance) {
			instance = make(harnessTime());
			made.set(current, instance);
		}
		return instance;
	};
}
