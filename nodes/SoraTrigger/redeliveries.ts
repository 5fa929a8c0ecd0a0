/**
 * The webhook ids already handled, so that a redelivery (the provider retries for up to 72 h,
 * and a captured request can be replayed within the 5-minute timestamp tolerance) starts
 * nothing new. Kept in the workflow's static data: a plain object of id → seconds received,
 * bounded in age and in size.
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
