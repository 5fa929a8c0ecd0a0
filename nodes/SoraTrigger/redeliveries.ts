/**
 * The webhook ids already handled, so that a redelivery (the provider retries for up to 72 h,
 * and a captured request can be replayed within the 5-minute timestamp tolerance) starts
 * nothing new. Kept in the workflow's static data: a plain object of id → seconds received,
 * bounded in age and in size.
 *
 * n8n loads the static data for every webhook request and saves it after answering, last writer
 * wins: two deliveries handled at the same moment would each miss the other's entry. So the log
 * is also kept in this process, per trigger, and checked and updated without a pause in between:
 * concurrent copies of one delivery start one run, and the log saved last holds both entries.
 */
export type DeliveryLog = Record<string, number>;

export const REDELIVERY_WINDOW_SECONDS = 24 * 60 * 60;
export const MAX_REMEMBERED_DELIVERIES = 1000;

/** Reads the log from static data, tolerating anything that is not a log. */
export function readDeliveryLog(stored: unknown): DeliveryLog {
	const log: DeliveryLog = {};
	if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return log;
	for (const [id, seconds] of Object.entries(stored as Record<string, unknown>)) {
		if (typeof seconds === 'number' && Number.isFinite(seconds)) log[id] = seconds;
	}
	return log;
}

export function wasDelivered(log: DeliveryLog, webhookId: string, nowSeconds: number): boolean {
	const seenAt = log[webhookId];
	return seenAt !== undefined && nowSeconds - seenAt < REDELIVERY_WINDOW_SECONDS;
}

/** A new log with this delivery, without entries older than 24 h, at most the newest 1,000. */
export function withDelivery(log: DeliveryLog, webhookId: string, nowSeconds: number): DeliveryLog {
	const others = Object.entries(log)
		.filter(([id, seenAt]) => id !== webhookId && nowSeconds - seenAt < REDELIVERY_WINDOW_SECONDS)
		.sort((a, b) => b[1] - a[1])
		.slice(0, MAX_REMEMBERED_DELIVERIES - 1);
	return { ...Object.fromEntries(others), [webhookId]: nowSeconds };
}

const MAX_TRIGGERS_IN_MEMORY = 200;
const recentByTrigger = new Map<string, DeliveryLog>();

/** The delivery log of one trigger: its static data merged with what this process saw lately. */
export function currentDeliveryLog(triggerKey: string, stored: unknown): DeliveryLog {
	return { ...readDeliveryLog(stored), ...recentByTrigger.get(triggerKey) };
}

/** Remembers the updated log in this process (the caller also puts it in static data). */
export function rememberDeliveryLog(triggerKey: string, log: DeliveryLog): void {
	recentByTrigger.delete(triggerKey);
	recentByTrigger.set(triggerKey, log);
	if (recentByTrigger.size > MAX_TRIGGERS_IN_MEMORY)
		recentByTrigger.delete(recentByTrigger.keys().next().value!);
}
