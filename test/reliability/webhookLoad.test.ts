/**
 * 200 deliveries to the Sora Trigger through the loopback HTTP front (undici, concurrency 16),
 * 10% forged / tampered / unsigned / expired / replayed: exactly the valid events start a
 * workflow, each once; no crash; heap steady. The 1,000-delivery version is bench/webhook-load.ts.
 */
import { runWebhookLoad, type LoadReport } from './webhookLoad';

let report: LoadReport;

beforeAll(async () => {
	report = await runWebhookLoad({ deliveries: 200, concurrency: 16, seed: 99 });
}, 60_000);

describe('webhooks under load: 200 deliveries, 10% forged/expired/replayed', () => {
	test('exactly the valid events start a workflow, each once, and every run completes', () => {
		expect(report.byKind.valid).toBeGreaterThan(150);
		expect(report.workflowsStarted).toBe(report.uniqueValidEvents);
		expect(report.eventsStartedTwice).toBe(0);
		expect(report.invalidThatStarted).toBe(0);
		expect(report.validNeverStarted).toBe(0);
		expect(report.runsCompleted).toBe(report.uniqueValidEvents);
		expect(report.runErrors).toEqual([]);
	});

	test('forged, tampered, unsigned and expired deliveries get 401; replays 200 without a second start', () => {
		for (const kind of ['forged-signature', 'tampered-body', 'unsigned', 'expired']) {
			expect({ kind, statuses: report.statusesByKind[kind] }).toEqual({
				kind,
				statuses: { '401': report.byKind[kind] },
			});
		}
		expect(report.checks['each replay pair: one start, one 200 redelivery']).toBe(true);
	});

	test('no crash: no connection error, no 5xx, no unhandled rejection or exception', () => {
		expect(report.clientErrors).toBe(0);
		expect(report.processErrors).toEqual([]);
		expect(report.checks['no connection error, no 5xx']).toBe(true);
	});
});
