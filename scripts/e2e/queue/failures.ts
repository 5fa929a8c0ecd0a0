/**
 * Queue-mode cases where something goes wrong:
 *  - a video above N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: a clear error, one download;
 *  - a worker stopped (SIGTERM) while the node waits for a video: what n8n does with the execution
 *    and what the node loses (it must never send the create again).
 */
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import type { Checks } from '../checks';
import { executionData, listExecutions } from '../executions';
import { type QueueContext, startedExecutions, workerLogMarks } from './context';

const MIB = 1024 * 1024;
const WATCH_MS = 20_000;

export async function checkVideoAboveStoreLimit(
	checks: Checks,
	ctx: QueueContext,
	workflow: { id: string; nodes: any[] },
	limitMiB: number,
): Promise<void> {
	const node = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	const bytes = (limitMiB + 4) * MIB;
	ctx.server.setOptions({ largeVideoBytes: bytes });
	try {
		const before = new Set(ctx.server.videos.keys());
		const t = Date.now();
		const res = await request(`${ctx.cluster.webhooks[0].url}/webhook/${node.parameters.path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ prompt: 'queue e2e: a video above the store limit' }),
			headersTimeout: 300_000,
			bodyTimeout: 300_000,
		});
		const body = (await res.body.text()).slice(0, 500);
		const seconds = (Date.now() - t) / 1000;
		const videoId = [...ctx.server.videos.keys()].find((id) => !before.has(id));
		checks.that(videoId, 'the video above the limit was created once');
		checks.that(
			res.statusCode >= 400,
			`a ${bytes / MIB} MiB video, limit ${limitMiB} MiB: the webhook answers an error (HTTP ${res.statusCode}, ${seconds.toFixed(1)} s)`,
			body,
		);
		const downloads = ctx.server.requests.filter(
			(r) => r.method === 'GET' && r.path === `/videos/${videoId}/content`,
		).length;
		const executions = await listExecutions(ctx.cluster.main.url, ctx.cookie, workflow.id);
		const data =
			executions[0] &&
			(await executionData(ctx.runtime, ctx.cluster.main.url, ctx.cookie, executions[0].id));
		const error =
			data?.resultData?.error ?? data?.resultData?.runData?.['Generate Video']?.[0]?.error;
		const message = `${error?.message ?? ''} ${error?.description ?? ''}`;
		ctx.figures.aboveLimit = {
			videoMiB: bytes / MIB,
			limitMiB,
			seconds,
			downloads,
			httpStatus: res.statusCode,
			message: message.trim(),
		};
		checks.equal(downloads, 1, `downloads of ${videoId}`);
		checks.that(
			/exceeds the max size limit/i.test(message) &&
				message.includes('N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE'),
			"the execution's error carries n8n's own size-limit message",
			message.slice(0, 300),
		);
		checks.that(
			Boolean(videoId && message.includes(videoId)),
			`the error names ${videoId}`,
			message.slice(0, 300),
		);
	} finally {
		ctx.server.setOptions({ largeVideoBytes: undefined });
	}
}

async function until<T>(
	fn: () => T | undefined | Promise<T | undefined>,
	timeoutMs: number,
): Promise<T | undefined> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const v = await fn();
		if (v !== undefined) return v;
		await new Promise((r) => setTimeout(r, 250));
	}
	return undefined;
}

/**
 * A worker stopped mid-wait. n8n (workers get N8N_GRACEFUL_SHUTDOWN_TIMEOUT seconds to finish)
 * decides the execution's fate; the checks record it, and that the create is never sent again.
 */
export async function checkWorkerStoppedMidWait(
	checks: Checks,
	ctx: QueueContext,
	workflow: { id: string; nodes: any[] },
	graceSeconds: number,
): Promise<void> {
	const node = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	const marks = workerLogMarks(ctx.cluster);
	const createsBefore = ctx.server.createCount;
	const before = new Set(ctx.server.videos.keys());
	const res = await request(`${ctx.cluster.webhooks[1].url}/webhook/${node.parameters.path}`, {
		method: 'POST',
		body: '{}',
		headers: { 'content-type': 'application/json' },
	});
	await res.body.text();
	checks.equal(res.statusCode, 200, 'the slow workflow was accepted (answers on receipt)');
	const started = await until(() => {
		const found = startedExecutions(ctx.cluster, marks).findIndex((ids) => ids.length > 0);
		return found >= 0
			? {
					worker: ctx.cluster.workers[found],
					executionId: startedExecutions(ctx.cluster, marks)[found][0],
				}
			: undefined;
	}, 60_000);
	if (!checks.that(started, 'a worker started the slow execution')) return;
	const videoId = await until(
		() => [...ctx.server.videos.keys()].find((id) => !before.has(id)),
		30_000,
	);
	checks.that(videoId, 'the video was created');
	await new Promise((r) => setTimeout(r, 1500)); // the node is now waiting
	const t = Date.now();
	await ctx.cluster.stopProcess(started!.worker, (graceSeconds + 30) * 1000);
	const exitSeconds = (Date.now() - t) / 1000;
	const { executionId } = started!;
	const others = ctx.cluster.workers.filter((w) => w !== started!.worker);
	// n8n runs queue jobs with Bull's maxStalledCount 0: a job whose worker died is failed, never rerun;
	// the execution stays "running" until main's queue recovery marks it crashed (every
	// N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL minutes, default 180). Watch that nothing reruns it.
	await new Promise((r) => setTimeout(r, WATCH_MS));
	const summary = (await listExecutions(ctx.cluster.main.url, ctx.cookie, workflow.id)).find(
		(e) => e.id === executionId,
	);
	const rerunBy = startedExecutions(ctx.cluster, marks).filter(
		(ids, i) => others.includes(ctx.cluster.workers[i]) && ids.includes(executionId),
	);
	const data = await executionData(
		ctx.runtime,
		ctx.cluster.main.url,
		ctx.cookie,
		executionId,
	).catch(() => undefined);
	const text = JSON.stringify(data ?? {});
	const finding = {
		graceSeconds,
		workerExitSeconds: exitSeconds,
		status: summary?.status,
		rerunOnOtherWorker: rerunBy.length > 0,
		creates: ctx.server.createCount - createsBefore,
		videoIdInExecution: Boolean(videoId && text.includes(videoId)),
		videoIdInWorkerLog: Boolean(videoId && logHas(started!.worker.inst.logFile, videoId)),
	};
	ctx.figures.workerStopped = finding;
	checks.that(
		true,
		`finding: SIGTERM mid-wait, N8N_GRACEFUL_SHUTDOWN_TIMEOUT=${graceSeconds}: the worker exited after ${exitSeconds.toFixed(1)} s; ` +
			`${WATCH_MS / 1000} s later execution ${executionId} is "${finding.status}"; video id in the execution data: ${finding.videoIdInExecution}`,
	);
	checks.that(!finding.rerunOnOtherWorker, 'the other worker did not rerun the execution');
	checks.that(
		finding.videoIdInWorkerLog,
		`the stopped worker's log names the video (${videoId}): it can be resumed with Get`,
	);
	checks.equal(
		finding.creates,
		1,
		'creates for the stopped execution (a create is never sent twice)',
	);
}

function logHas(file: string, needle: string): boolean {
	try {
		return readFileSync(file, 'utf8').includes(needle);
	} catch {
		return false;
	}
}
