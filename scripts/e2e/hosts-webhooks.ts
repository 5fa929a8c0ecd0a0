/**
 * The Sora Trigger in a running n8n with an OpenRouter credential: the reference server's own
 * X-OpenRouter-Signature deliveries (`video.generation.completed` / `.failed`) start one run each;
 * a forged, a stale and a repeated delivery (same idempotency key) start nothing.
 * new-api and LaoZhang send no webhooks (hosts.md), so their modes have no trigger test.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { type ReferenceServer, openRouterDelivery, type OpenRouterEvent } from '../../test/server';
import { looksLikeMp4, readBinary } from './binary';
import type { Checks } from './checks';
import { executionData, listExecutions, waitForExecutions } from './executions';
import type { HostModeSpec } from './hosts-modes';
import type { N8nInstance, RunItem } from './n8n';

export interface HostTriggerContext {
	inst: N8nInstance;
	server: ReferenceServer;
	apiKey: string;
	n8nUrl: string;
	cookie: string;
	secret: string;
	workflowId: string;
	url: string;
}

async function post(url: string, delivery: { rawBody: string; headers: Record<string, string> }) {
	const res = await request(url, {
		method: 'POST',
		headers: delivery.headers,
		body: delivery.rawBody,
	});
	return { status: res.statusCode, text: await res.body.text() };
}

/** A job created straight on the server (not through n8n); the server delivers its end to the trigger. */
async function createJob(
	ctx: HostTriggerContext,
	spec: HostModeSpec,
	prompt: string,
): Promise<string> {
	const res = await fetch(`${ctx.server.url}/videos`, {
		method: 'POST',
		headers: { authorization: `Bearer ${ctx.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({
			model: spec.model,
			prompt,
			duration: Number(spec.seconds),
			resolution: '720p',
			aspect_ratio: '16:9',
		}),
	});
	const body = (await res.json()) as { id?: string };
	if (!body.id) throw new Error(`POST /videos: HTTP ${res.status} ${JSON.stringify(body)}`);
	return body.id;
}

/** Until the trigger's webhook is registered: a delivery without a valid signature gets 401, not 404. */
async function waitForRegistered(url: string, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last = 0;
	while (Date.now() < deadline) {
		last = (await post(url, { rawBody: '{}', headers: { 'content-type': 'application/json' } }))
			.status;
		if (last === 401) return;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`trigger webhook ${url} not registered (last HTTP ${last})`);
}

export async function checkOpenRouterTrigger(
	checks: Checks,
	spec: HostModeSpec,
	ctx: HostTriggerContext,
): Promise<void> {
	await waitForRegistered(ctx.url);
	const completed = await createJob(ctx, spec, 'e2e trigger: a kite over the sea');
	const failed = await createJob(ctx, spec, 'e2e trigger: this one is blocked [fail]');
	let executions = await waitForExecutions(
		ctx.n8nUrl,
		ctx.cookie,
		ctx.workflowId,
		(e) => e.length >= 2,
		60_000,
	);
	checks.equal(executions.length, 2, "executions after the server's two signed deliveries");

	const event = (status: string, id = completed): OpenRouterEvent => ({
		type: `video.generation.${status}`,
		created_at: new Date().toISOString(),
		data: { id, status },
	});
	const forged = await post(
		ctx.url,
		openRouterDelivery(ctx.secret, event('completed'), {
			signWith: `or-forged-${randomBytes(6).toString('hex')}`,
		}),
	);
	checks.equal(forged.status, 401, 'a forged delivery (signed with another secret): HTTP status');
	const stale = await post(
		ctx.url,
		openRouterDelivery(ctx.secret, event('completed'), {
			timestampSeconds: Math.floor(Date.now() / 1000) - 600,
		}),
	);
	checks.equal(stale.status, 401, 'a validly signed delivery 10 minutes old: HTTP status');
	const repeated = await post(ctx.url, openRouterDelivery(ctx.secret, event('completed')));
	checks.that(
		repeated.status === 200 && repeated.text.includes('redelivery'),
		`a repeat of the server's delivery (same idempotency key): acknowledged as a redelivery (${repeated.status} ${repeated.text.slice(0, 120)})`,
	);

	await new Promise((r) => setTimeout(r, 2000)); // time for any execution that should not start
	executions = await listExecutions(ctx.n8nUrl, ctx.cookie, ctx.workflowId);
	checks.equal(
		executions.length,
		2,
		'executions in all (none for the forged, stale or repeated delivery)',
	);
	for (const execution of executions) {
		const data = await executionData(ctx.inst.runtime, ctx.n8nUrl, ctx.cookie, execution.id);
		const item: RunItem | undefined =
			data?.resultData?.runData?.['Sora Trigger']?.[0]?.data?.main?.[0]?.[0];
		const videoId = item?.json?.videoId;
		if (videoId === completed) {
			checks.equal(
				item?.json?.type,
				'video.completed',
				`execution ${execution.id} (${completed}): json.type`,
			);
			checks.equal(
				item?.json?.video?.status,
				'completed',
				`execution ${execution.id}: json.video.status (Fetch Video)`,
			);
			const bin = item?.binary?.data;
			const bytes = bin && readBinary(ctx.inst.userFolder, bin);
			// the job serves the MP4 its model family made (test/server/families)
			const served = await ctx.server.servedBytes(completed);
			checks.that(
				bytes && looksLikeMp4(bytes) && bytes.equals(served),
				`execution ${execution.id}: binary is the served MP4 (${bytes?.length ?? '?'} bytes)`,
			);
		} else {
			checks.equal(videoId, failed, `execution ${execution.id}: json.videoId is the failed job`);
			checks.equal(
				item?.json?.type,
				'video.failed',
				`execution ${execution.id} (${failed}): json.type`,
			);
			checks.that(!item?.binary, `execution ${execution.id}: no binary for a failed job`);
		}
	}
}
