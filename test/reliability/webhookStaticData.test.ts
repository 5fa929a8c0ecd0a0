/**
 * The trigger keeps its delivery log (replay / redelivery protection) in the workflow's static
 * data. The harness's front shares one Workflow object between deliveries, but n8n does not:
 * packages/cli LiveWebhooks.executeWebhook loads the workflow (and its staticData) from the
 * database for every request, runs webhook(), answers, and only then saves the static data
 * (WorkflowStaticDataService.saveStaticData, last writer wins). This file replays that
 * lifecycle around the real trigger node to show what happens with concurrent deliveries.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { TriggerHarness, type DeliveryRequest, type WebhookAnswer } from '../harness/runWebhook';
import { newSecret, signedDelivery, videoEvent } from '../trigger/deliveries';

const secret = newSecret();

/** The workflow row in n8n's database: static data as stored JSON. */
let rows = 0;
class WorkflowRow {
	readonly id = `static-data-row-${++rows}`;

	staticData = '{}';
}

/** One production webhook request the way n8n handles it: load → webhook() → answer → save. */
async function deliverLikeN8n(row: WorkflowRow, delivery: DeliveryRequest): Promise<WebhookAnswer> {
	await sleep(1); // the database read
	const harness = new TriggerHarness({
		parameters: { fetchVideo: false },
		credentials: { webhookSecret: secret },
		workflowId: row.id,
	});
	harness.workflow.overrideStaticData(JSON.parse(row.staticData));
	harness.workflow.staticData.__dataChanged = false;
	const answer = await harness.deliver(delivery);
	await sleep(1); // the response is sent, then the static data saved
	if (harness.workflow.staticData.__dataChanged) {
		row.staticData = JSON.stringify(harness.workflow.staticData, (key, value) =>
			key === '__dataChanged' ? undefined : value,
		);
	}
	return answer;
}

describe("the delivery log under n8n's per-request static data", () => {
	test('sequential deliveries: a replay of an event already handled starts nothing (the model is faithful)', async () => {
		const row = new WorkflowRow();
		const delivery = signedDelivery(secret, videoEvent('video.completed', 'video_a'));
		expect(await deliverLikeN8n(row, delivery)).toMatchObject({ status: 200, started: true });
		expect(await deliverLikeN8n(row, delivery)).toMatchObject({
			status: 200,
			started: false,
			body: { ignored: 'redelivery' },
		});
	});

	// Both concurrent copies read the static data before either saves it: the trigger's in-process
	// log is what lets only one start.
	test('two concurrent copies of one delivery (a provider retry after a slow answer, or a replay) start one run', async () => {
		const row = new WorkflowRow();
		const delivery = signedDelivery(secret, videoEvent('video.completed', 'video_a'));
		const answers = await Promise.all([
			deliverLikeN8n(row, delivery),
			deliverLikeN8n(row, delivery),
		]);
		expect(answers.filter((answer) => answer.started)).toHaveLength(1);
	});

	// Concurrent deliveries of different events: the static data saved last must hold both entries.
	test('after two concurrent deliveries of different events, a replay of either starts nothing', async () => {
		const row = new WorkflowRow();
		const first = signedDelivery(secret, videoEvent('video.completed', 'video_a'));
		const second = signedDelivery(secret, videoEvent('video.completed', 'video_b'));
		const answers = await Promise.all([deliverLikeN8n(row, first), deliverLikeN8n(row, second)]);
		expect(answers.every((answer) => answer.started)).toBe(true);
		for (const delivery of [first, second])
			expect(row.staticData).toContain(String(delivery.headers?.['webhook-id']));
		expect(await deliverLikeN8n(row, first)).toMatchObject({ started: false });
		expect(await deliverLikeN8n(row, second)).toMatchObject({ started: false });
	});
});
