/**
 * The Sora Trigger and the examples' webhooks in a running n8n:
 *  - the reference server delivers signed video.completed / video.failed events to the e2e trigger;
 *  - forged, unsigned and stale deliveries are refused (401) and start nothing;
 *  - a redelivery of the same webhook-id is acknowledged and starts nothing, also when copies arrive at once;
 *  - each example's Webhook answers, and each example's Sora Trigger accepts a signed event.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { signWebhook } from '../../test/server/webhooks';
import { looksLikeMp4, readBinary } from './binary';
import type { Checks } from './checks';
import { type Example, onGateway, onOpenRouter } from './examples';
import { askedShape, checkMeasuredAsAsked } from './examples-measure';
import {
	type ExecutionSummary,
	executionData,
	listExecutions,
	waitForExecutions,
} from './executions';
import { CUSTOM_PREFIX, type N8nInstance, type RunItem } from './n8n';
import { servedMp4 } from './media';
import {
	type RunningServer,
	createVideo,
	getVideo,
	latestVideo,
	waitForFinished,
} from './reference-server';
import type { Sink } from './sink';

/** The trigger's webhook path (its description's `webhooks[0].path`). */
const TRIGGER_PATH = 'webhook';

export const newSigningSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export function triggerUrl(baseUrl: string, workflow: { nodes: any[] }): string | undefined {
	const node = workflow.nodes.find((n) => n.type === `${CUSTOM_PREFIX}.soraTrigger`);
	return node ? `${baseUrl}/webhook/${node.webhookId}/${TRIGGER_PATH}` : undefined;
}

export interface Delivery {
	webhookId?: string;
	timestamp?: number;
	/** 'valid' signs with the secret; 'forged' signs with another secret; 'none' sends no signature. */
	signature?: 'valid' | 'forged' | 'none';
}

/** POSTs one event for `videoId` to a trigger URL, signed as asked; answers status and JSON body. */
export async function deliver(
	url: string,
	secret: string,
	videoId: string,
	type: string,
	d: Delivery = {},
) {
	const webhookId = d.webhookId ?? `msg_${randomBytes(8).toString('hex')}`;
	const timestamp = d.timestamp ?? Math.floor(Date.now() / 1000);
	const rawBody = JSON.stringify({
		id: `evt_${randomBytes(8).toString('hex')}`,
		object: 'event',
		created_at: timestamp,
		type,
		data: { id: videoId },
	});
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'webhook-id': webhookId,
		'webhook-timestamp': String(timestamp),
	};
	const signWith = d.signature === 'forged' ? newSigningSecret() : secret;
	if (d.signature !== 'none')
		headers['webhook-signature'] = signWebhook(signWith, webhookId, timestamp, rawBody);
	const res = await request(url, { method: 'POST', headers, body: rawBody });
	const text = await res.body.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: res.statusCode, json, webhookId };
}

/** Waits until n8n has registered the trigger's webhook: an unsigned POST gets 401 instead of 404. */
export async function waitForTrigger(
	url: string,
	secret: string,
	timeoutMs = 60_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last = 0;
	while (Date.now() < deadline) {
		last = (await deliver(url, secret, 'video_probe', 'video.completed', { signature: 'none' }))
			.status;
		if (last === 401) return;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`trigger webhook ${url} not registered (last HTTP ${last})`);
}

export interface TriggerContext {
	inst: N8nInstance;
	server: RunningServer;
	baseUrl: string;
	cookie: string;
	secret: string;
	workflow: { id: string; nodes: any[] };
}

/** The trigger item of each execution: its video id, json and binary. */
async function triggerItems(ctx: TriggerContext, executions: ExecutionSummary[]) {
	return Promise.all(
		executions.map(async (e) => {
			const data = await executionData(ctx.inst.runtime, ctx.baseUrl, ctx.cookie, e.id);
			const item: RunItem | undefined =
				data?.resultData?.runData?.['Sora Trigger']?.[0]?.data?.main?.[0]?.[0];
			return { execution: e, item, videoId: String(item?.json?.videoId ?? '') };
		}),
	);
}

export async function checkTrigger(checks: Checks, ctx: TriggerContext): Promise<void> {
	const url = triggerUrl(ctx.baseUrl, ctx.workflow)!;
	const completed = await createVideo(ctx.server, 'e2e trigger: a kite over the sea');
	const failed = await createVideo(ctx.server, 'e2e trigger: this one fails [fail]');
	checks.equal(
		await waitForFinished(ctx.server, completed),
		'completed',
		`server: ${completed} status`,
	);
	checks.equal(await waitForFinished(ctx.server, failed), 'failed', `server: ${failed} status`);

	// The server's own deliveries: one execution each.
	let executions = await waitForExecutions(
		ctx.baseUrl,
		ctx.cookie,
		ctx.workflow.id,
		(e) => e.length >= 2,
		60_000,
	);
	checks.equal(executions.length, 2, "executions after the server's two deliveries");

	const refused = [
		[
			'unsigned',
			await deliver(url, ctx.secret, completed, 'video.completed', { signature: 'none' }),
		],
		[
			'forged signature',
			await deliver(url, ctx.secret, completed, 'video.completed', { signature: 'forged' }),
		],
		[
			'valid signature, 10 minutes old',
			await deliver(url, ctx.secret, completed, 'video.completed', {
				timestamp: Math.floor(Date.now() / 1000) - 600,
			}),
		],
	] as const;
	for (const [label, answer] of refused)
		checks.equal(answer.status, 401, `delivery ${label}: HTTP status`);

	const own = await deliver(url, ctx.secret, completed, 'video.completed');
	checks.equal(own.status, 200, 'a signed delivery of our own: HTTP status');
	const again = await deliver(url, ctx.secret, completed, 'video.completed', {
		webhookId: own.webhookId,
	});
	checks.equal(again.status, 200, 'its redelivery (same webhook-id): HTTP status');
	checks.that(
		JSON.stringify(again.json).includes('redelivery'),
		'the redelivery is acknowledged as one',
		again.json,
	);

	// n8n loads and saves the static data (the delivery log) per request: copies arriving together
	// must still start one execution, and deliveries of different events must not lose each other's entry.
	const copies = await Promise.all(
		[1, 2, 3, 4].map(() =>
			deliver(url, ctx.secret, completed, 'video.completed', {
				webhookId: `msg_copy_${own.webhookId}`,
			}),
		),
	);
	checks.equal(
		copies.filter((c) => c.status === 200 && !JSON.stringify(c.json).includes('redelivery')).length,
		1,
		'4 concurrent copies of one delivery: accepted once, the rest acknowledged as redeliveries',
	);
	const pair = await Promise.all([
		deliver(url, ctx.secret, completed, 'video.completed'),
		deliver(url, ctx.secret, completed, 'video.completed'),
	]);
	checks.that(
		pair.every((p) => p.status === 200 && !JSON.stringify(p.json).includes('redelivery')),
		'2 concurrent deliveries of different events: both accepted',
		pair,
	);
	await new Promise((r) => setTimeout(r, 1000)); // n8n saves the static data after answering
	for (const [i, p] of pair.entries()) {
		const replay = await deliver(url, ctx.secret, completed, 'video.completed', {
			webhookId: p.webhookId,
		});
		checks.that(
			JSON.stringify(replay.json).includes('redelivery'),
			`a later replay of concurrent delivery ${i + 1}: acknowledged as a redelivery`,
			replay.json,
		);
	}

	const expected = 3 + 1 + 2;
	executions = await waitForExecutions(
		ctx.baseUrl,
		ctx.cookie,
		ctx.workflow.id,
		(e) => e.length >= expected,
		60_000,
	);
	await new Promise((r) => setTimeout(r, 3000)); // time for any execution that should not start
	executions = await listExecutions(ctx.baseUrl, ctx.cookie, ctx.workflow.id);
	checks.equal(
		executions.length,
		expected,
		'executions in all (2 server deliveries + 1 signed + 1 of 4 copies + 2 concurrent; none for refused, redelivered or replayed)',
	);

	const items = await triggerItems(ctx, executions);
	const ofCompleted = items.filter((i) => i.videoId === completed);
	const ofFailed = items.filter((i) => i.videoId === failed);
	checks.equal(ofCompleted.length, expected - 1, `executions for ${completed}`);
	checks.equal(ofFailed.length, 1, `executions for ${failed}`);
	for (const { execution, item } of ofCompleted) {
		checks.equal(
			execution.status,
			'success',
			`execution ${execution.id} (completed video): status`,
		);
		checks.equal(item?.json?.type, 'video.completed', `execution ${execution.id}: json.type`);
		checks.equal(
			item?.json?.video?.status,
			'completed',
			`execution ${execution.id}: json.video.status (Fetch Video)`,
		);
		const bin = item?.binary?.data;
		checks.equal(bin?.mimeType, 'video/mp4', `execution ${execution.id}: binary data mimeType`);
		const bytes = bin && readBinary(ctx.inst.userFolder, bin);
		const served = await servedMp4(item?.json?.video ?? {});
		checks.that(
			bytes && looksLikeMp4(bytes) && bytes.equals(served),
			`execution ${execution.id}: binary bytes equal the served MP4 (${bytes?.length ?? '?'} bytes)`,
		);
	}
	for (const { execution, item } of ofFailed) {
		checks.equal(item?.json?.type, 'video.failed', `execution ${execution.id}: json.type`);
		checks.that(
			String(item?.json?.error ?? '').includes(failed),
			`execution ${execution.id}: json.error names ${failed}`,
			item?.json?.error,
		);
		checks.that(!item?.binary, `execution ${execution.id}: no binary for a failed video`);
	}
}

/** Points an example's upload URL (a stand-in for a social network) at the local sink. */
export function withSink(workflow: Example['workflow'], sinkUrl: string): Example['workflow'] {
	const nodes = workflow.nodes.map((n) =>
		n.type === 'n8n-nodes-base.httpRequest' &&
		typeof n.parameters?.url === 'string' &&
		/^https?:\/\/upload\./.test(n.parameters.url)
			? {
					...n,
					parameters: {
						...n.parameters,
						url: n.parameters.url.replace(/^https?:\/\/[^/]+/, sinkUrl),
					},
				}
			: n,
	);
	return { ...workflow, nodes };
}

export const startsOnWebhook = (e: Example) =>
	e.workflow.nodes.some(
		(n) => n.type === 'n8n-nodes-base.webhook' || n.type === `${CUSTOM_PREFIX}.soraTrigger`,
	);

/** What a caller asks an example on the new-api gateway for (its Resolution is the example's 720p): 6 s of 16:9. */
const CALLER_ASKS = { duration: 6, aspectRatio: '16:9' };

/** Each Webhook node of an activated example answers a request; each Sora Trigger accepts a signed event. */
export async function checkExampleWebhooks(
	checks: Checks,
	ctx: Omit<TriggerContext, 'workflow'> & { sink: Sink; openRouter: RunningServer },
	example: Example,
): Promise<void> {
	if (onOpenRouter(example.workflow)) return checkOpenRouterExample(checks, ctx, example);
	const gateway = onGateway(example.workflow);
	for (const node of example.workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook')) {
		const url = `${ctx.baseUrl}/webhook/${node.parameters.path}`;
		const res = await request(url, {
			method: node.parameters.httpMethod ?? 'GET',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				prompt: `e2e ${example.file}: a paper boat on a pond`,
				...(gateway ? CALLER_ASKS : {}),
			}),
		});
		const body = Buffer.from(await res.body.arrayBuffer());
		const type = String(res.headers['content-type'] ?? '');
		checks.that(
			res.statusCode < 300,
			`POST /webhook/${node.parameters.path}: HTTP ${res.statusCode}`,
			body.toString('utf8').slice(0, 500),
		);
		if (type.startsWith('video/mp4') && gateway) {
			checkMeasuredAsAsked(
				checks,
				body,
				askedShape({ ...CALLER_ASKS, resolution: '720p' })!,
				`POST /webhook/${node.parameters.path} ${JSON.stringify(CALLER_ASKS)}`,
			);
		} else if (type.startsWith('video/mp4')) {
			const newest = await latestVideo(ctx.server);
			const served = await servedMp4(newest ?? {});
			checks.that(
				body.equals(served),
				`POST /webhook/${node.parameters.path}: answers the MP4 served for ${newest?.id} (${newest?.size}, ${newest?.seconds} s, ${body.length} bytes)`,
			);
		} else if (type.includes('json')) {
			const videoId = JSON.parse(body.toString('utf8'))?.videoId;
			if (videoId)
				checks.equal(
					await waitForFinished(ctx.server, videoId),
					'completed',
					`POST /webhook/${node.parameters.path}: its video ${videoId} is generated`,
				);
		}
	}
	const url = triggerUrl(ctx.baseUrl, example.workflow);
	if (!url) return;
	const videoId = await createVideo(ctx.server, `e2e ${example.file}: trigger`);
	const served = await servedMp4((await getVideo(ctx.server, videoId)).video ?? {});
	await waitForFinished(ctx.server, videoId);
	const before = ctx.sink.requests.length;
	const ran = (await listExecutions(ctx.baseUrl, ctx.cookie, example.workflow.id)).length;
	const answer = await deliver(url, ctx.secret, videoId, 'video.completed');
	checks.equal(answer.status, 200, `signed delivery to the example's Sora Trigger: HTTP status`);
	const executions = await waitForExecutions(
		ctx.baseUrl,
		ctx.cookie,
		example.workflow.id,
		(e) => e.length > ran,
		60_000,
	);
	checks.that(
		executions.length > ran,
		`the delivery started an execution (${executions[0]?.status ?? 'none'})`,
	);
	if (example.workflow.nodes.some((n) => n.type === 'n8n-nodes-base.httpRequest')) {
		const upload = ctx.sink.requests
			.slice(before)
			.find((r) => r.url.searchParams.get('source_id') === videoId || r.body.equals(served));
		checks.that(
			upload && upload.body.equals(served),
			`the example uploaded the MP4 of ${videoId} (to the local stand-in)`,
			ctx.sink.requests.length,
		);
	}
}

/**
 * Example 2 on OpenRouter: its Webhook answers the job id at once; when the job ends, the reference
 * server calls the Create's Callback URL (the example's Sora Trigger, OpenRouter's signature), and the
 * execution it starts uploads the MP4 (to the local stand-in), measured as Veo 3.1 makes it.
 */
async function checkOpenRouterExample(
	checks: Checks,
	ctx: Omit<TriggerContext, 'workflow'> & { sink: Sink; openRouter: RunningServer },
	example: Example,
): Promise<void> {
	const node = example.workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	if (!node) return;
	const before = ctx.sink.requests.length;
	const ran = (await listExecutions(ctx.baseUrl, ctx.cookie, example.workflow.id)).length;
	const res = await request(`${ctx.baseUrl}/webhook/${node.parameters.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ prompt: `e2e ${example.file}: a paper boat on a pond` }),
	});
	const text = await res.body.text();
	checks.that(
		res.statusCode === 202,
		`POST /webhook/${node.parameters.path}: HTTP ${res.statusCode} (202)`,
		text.slice(0, 500),
	);
	const videoId = (() => {
		try {
			return (JSON.parse(text) as { videoId?: string }).videoId;
		} catch {
			return undefined;
		}
	})();
	checks.that(!!videoId, 'it answers the OpenRouter job id', text);
	if (!videoId) return;
	checks.equal(
		await waitForFinished(ctx.openRouter, videoId),
		'completed',
		`OpenRouter job ${videoId} is generated`,
	);
	const executions = await waitForExecutions(
		ctx.baseUrl,
		ctx.cookie,
		example.workflow.id,
		(e) => e.length > ran + 1,
		60_000,
	);
	checks.that(
		executions.length > ran + 1,
		`OpenRouter's call to the Callback URL started the Sora Trigger's execution (${executions[0]?.status ?? 'none'})`,
	);
	const upload = ctx.sink.requests
		.slice(before)
		.find((r) => r.url.searchParams.get('source_id') === videoId);
	checks.that(
		!!upload && looksLikeMp4(upload.body),
		`the example uploaded the MP4 of ${videoId} (to the local stand-in)`,
		ctx.sink.requests.length,
	);
	if (upload)
		checkMeasuredAsAsked(
			checks,
			upload.body,
			askedShape({ duration: 8, aspectRatio: '9:16', resolution: '720p' })!,
			`the uploaded MP4 of ${videoId}`,
		);
}
