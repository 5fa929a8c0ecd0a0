/**
 * Queue-mode cases that must simply work:
 *  - 24 webhook requests at once, half to each webhook processor, each generating a video and
 *    answering with the MP4: 24 MP4s, 24 creates, executions run by both workers;
 *  - the Sora Trigger behind both webhook processors: valid deliveries start one run each, a
 *    redelivery sent to the other processor after the first was answered starts nothing, forged 401.
 */
import { request } from 'undici';
import { looksLikeMp4 } from '../binary';
import type { Checks } from '../checks';
import { executionData, listExecutions, waitForExecutions } from '../executions';
import { deliver, triggerUrl, waitForTrigger } from '../webhooks';
import { type QueueContext, startedExecutions, workerLogMarks } from './context';

export const BURST = 24;

export async function checkWebhookBurst(
	checks: Checks,
	ctx: QueueContext,
	workflow: { id: string; nodes: any[] },
): Promise<void> {
	const node = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	const served = ctx.server.fixture('video');
	const createsBefore = ctx.server.createCount;
	const marks = workerLogMarks(ctx.cluster);
	const t = Date.now();
	const answers = await Promise.all(
		Array.from({ length: BURST }, async (_, i) => {
			const processor = ctx.cluster.webhooks[i % ctx.cluster.webhooks.length];
			const res = await request(`${processor.url}/webhook/${node.parameters.path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ prompt: `queue e2e burst ${i}: a lighthouse at dusk` }),
				headersTimeout: 180_000,
				bodyTimeout: 180_000,
			});
			return {
				status: res.statusCode,
				type: String(res.headers['content-type'] ?? ''),
				body: Buffer.from(await res.body.arrayBuffer()),
			};
		}),
	);
	const wallS = (Date.now() - t) / 1000;
	const mp4s = answers.filter(
		(a) =>
			a.status === 200 &&
			a.type.startsWith('video/mp4') &&
			looksLikeMp4(a.body) &&
			a.body.equals(served),
	);
	checks.equal(
		mp4s.length,
		BURST,
		`${BURST} requests at once (half to each webhook processor): answers that are the served MP4 (${wallS.toFixed(1)} s)`,
	);
	if (mp4s.length !== BURST) {
		const bad = answers.find((a) => !mp4s.includes(a));
		checks.that(false, 'first answer that is not the MP4', {
			status: bad?.status,
			type: bad?.type,
			body: bad?.body.toString('utf8').slice(0, 300),
		});
	}
	checks.equal(
		ctx.server.createCount - createsBefore,
		BURST,
		'creates the reference server received',
	);
	const perWorker = startedExecutions(ctx.cluster, marks);
	const counts = perWorker.map((ids) => ids.length);
	checks.equal(
		counts.reduce((a, b) => a + b, 0),
		BURST,
		`executions started by the workers (per worker: ${counts.join(' + ')}, from their logs)`,
	);
	checks.that(
		counts.every((c) => c > 0),
		`every worker ran some of them (${counts.join(' + ')})`,
		counts,
	);
	ctx.figures.burst = { requests: BURST, wallSeconds: wallS, perWorker: counts };
}

/** Polls main's REST API until the workflow's static data (saved by a webhook processor) names the delivery. */
async function waitForSavedDelivery(
	ctx: QueueContext,
	workflowId: string,
	webhookId: string,
	timeoutMs = 15_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const res = await fetch(`${ctx.cluster.main.url}/rest/workflows/${workflowId}`, {
			headers: { cookie: ctx.cookie },
		});
		if (
			res.ok &&
			JSON.stringify(((await res.json()) as any)?.data?.staticData ?? {}).includes(webhookId)
		)
			return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`delivery ${webhookId} not in the workflow's static data after ${timeoutMs} ms`);
}

export async function checkTriggerBehindProcessors(
	checks: Checks,
	ctx: QueueContext,
	workflow: { id: string; nodes: any[] },
): Promise<void> {
	const [wh1, wh2] = ctx.cluster.webhooks;
	const url1 = triggerUrl(wh1.url, workflow)!;
	const url2 = triggerUrl(wh2.url, workflow)!;
	await Promise.all([waitForTrigger(url1, ctx.secret), waitForTrigger(url2, ctx.secret)]);
	const video = await ctx.createVideo('queue e2e trigger: a kite over the sea');
	const executionsBefore = (await listExecutions(ctx.cluster.main.url, ctx.cookie, workflow.id))
		.length;

	// A webhook processor loads the workflow's static data (the delivery log) for each request and saves
	// it whole after answering, last writer wins: a delivery is sent once the one before it is saved.
	const first = await deliver(url1, ctx.secret, video, 'video.completed');
	await waitForSavedDelivery(ctx, workflow.id, first.webhookId);
	const second = await deliver(url2, ctx.secret, video, 'video.completed');
	await waitForSavedDelivery(ctx, workflow.id, second.webhookId);
	checks.that(
		first.status === 200 && !JSON.stringify(first.json).includes('redelivery'),
		'a signed delivery to webhook processor 1: accepted',
		first,
	);
	checks.that(
		second.status === 200 && !JSON.stringify(second.json).includes('redelivery'),
		'another signed delivery to webhook processor 2: accepted',
		second,
	);
	const replays = [
		[
			'the first, redelivered to processor 2',
			await deliver(url2, ctx.secret, video, 'video.completed', { webhookId: first.webhookId }),
		],
		[
			'the second, redelivered to processor 1',
			await deliver(url1, ctx.secret, video, 'video.completed', { webhookId: second.webhookId }),
		],
		[
			'the first, redelivered to processor 1 again',
			await deliver(url1, ctx.secret, video, 'video.completed', { webhookId: first.webhookId }),
		],
	] as const;
	for (const [label, answer] of replays) {
		checks.that(
			answer.status === 200 && JSON.stringify(answer.json).includes('redelivery'),
			`${label}: acknowledged as a redelivery`,
			answer,
		);
	}
	for (const [i, url] of [url1, url2].entries()) {
		const forged = await deliver(url, ctx.secret, video, 'video.completed', {
			signature: 'forged',
		});
		checks.equal(
			forged.status,
			401,
			`a forged delivery to webhook processor ${i + 1}: HTTP status`,
		);
	}
	const expected = executionsBefore + 2;
	let executions = await waitForExecutions(
		ctx.cluster.main.url,
		ctx.cookie,
		workflow.id,
		(e) => e.length >= expected,
		90_000,
	);
	await new Promise((r) => setTimeout(r, 3000)); // time for any execution that should not start
	executions = await listExecutions(ctx.cluster.main.url, ctx.cookie, workflow.id);
	checks.equal(
		executions.length,
		expected,
		'trigger executions (2 accepted deliveries; none for the 3 redeliveries or the 2 forged)',
	);
	for (const e of executions.slice(0, 2)) {
		const data = await executionData(ctx.runtime, ctx.cluster.main.url, ctx.cookie, e.id);
		const item = data?.resultData?.runData?.['Sora Trigger']?.[0]?.data?.main?.[0]?.[0];
		checks.equal(e.status, 'success', `trigger execution ${e.id}: status`);
		checks.equal(
			item?.json?.video?.status,
			'completed',
			`trigger execution ${e.id}: json.video.status`,
		);
		checks.equal(
			item?.binary?.data?.mimeType,
			'video/mp4',
			`trigger execution ${e.id}: the MP4 on binary "data" (database store)`,
		);
	}
}
