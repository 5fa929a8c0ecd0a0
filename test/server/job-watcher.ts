import type { StoredVideo } from './video';

/** How to announce that a job ended, or undefined when nobody is to be told. */
export type DeliveryPlan = (video: StoredVideo) => (() => Promise<void>) | undefined;

/**
 * Fires the webhook when a job ends. Jobs need no timer to progress; this one exists only
 * because a webhook must be sent at the moment a job finishes.
 */
export class JobWatcher {
	private readonly timers = new Map<string, NodeJS.Timeout>();
	private readonly notified = new Set<string>();
	private readonly deliveries = new Set<Promise<void>>();

	constructor(private readonly plan: DeliveryPlan) {}

	watch(video: StoredVideo): void {
		if (!this.plan(video)) return;
		// A timer may fire a millisecond before Date.now() reaches finishMs (the clocks differ): the
		// delivery must announce the job's end, never its last running status, so it waits for it.
		const timer = setTimeout(
			() => (video.isFinished() ? this.finished(video) : this.watch(video)),
			Math.max(0, video.finishMs - Date.now()),
		);
		timer.unref();
		this.timers.set(video.id, timer);
	}

	/** Called when a job ends early (completeNow). */
	finished(video: StoredVideo): void {
		clearTimeout(this.timers.get(video.id));
		this.timers.delete(video.id);
		const deliver = this.plan(video);
		if (!deliver || this.notified.has(video.id)) return;
		this.notified.add(video.id);
		const delivery = deliver().finally(() => this.deliveries.delete(delivery));
		this.deliveries.add(delivery);
	}

	clear(): void {
		for (const timer of this.timers.values()) clearTimeout(timer);
		this.timers.clear();
		this.notified.clear();
	}

	async settle(): Promise<void> {
		await Promise.all([...this.deliveries]);
	}
}
