import { createHash, randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { parsePollAfterMs } from '../domain/schedule';
import { LostCreateRecovery } from '../engine/lostCreateRecovery';
import { isFinalStatus } from '../domain/contract';
import { failedVideoError } from '../engine/waitMessages';
import { waitForVideos, type JobOutcome, type VideoJob } from '../engine/waitForVideos';
import { apiErrorFromFailure } from '../transport/apiError';
import { POLICIES } from '../transport/retryPolicy';
import type { SoraClient, SoraRequest } from '../transport/client';
import { checkFields, checkVideo, differenceError, type VideoCheck } from './asAskedOutput';
import { asNodeError, errorItem, tryEachItem, type NodeError } from '../../shared/itemErrors';
import { optionsParam } from './inputs';
import { checkBudget, refuseUnpriced } from './budgetCap';
import { readWaitOptions } from './waitOptions';
import { checkForPlatform } from './platform';
import { forAgent, toolWaitOptions } from './toolRun';
import type { JobOperation, PreparedJob } from './types';
import { maxDownloadBytesOf } from '../../shared/downloadLimit';

/** How the items leave the node: as an agent's tool (no binary, an answer an agent can act on), routed by status. */
export interface JobOutput {
	asTool: boolean;
	routed: boolean;
}

/** Which run of this node in the execution this is (0, 1, … in a loop); 0 where n8n cannot say. */
function runIndexOf(ctx: IExecuteFunctions): number {
	try {
		const runIndex = ctx.getWorkflowDataProxy(0).$thisRunIndex;
		return typeof runIndex === 'number' && Number.isInteger(runIndex) ? runIndex : 0;
	} catch {
		return 0;
	}
}

/**
 * One key per execution, node, run of the node (each iteration of a loop is a run) and item:
 * the same key only when the same create is sent again (n8n's Retry On Fail re-runs the same run).
 */
export function idempotencyKey(
	ctx: IExecuteFunctions,
	executionId: string,
	itemIndex: number,
): string {
	const node = ctx.getNode();
	const parts = [executionId, node.id ?? node.name, runIndexOf(ctx), itemIndex];
	return createHash('sha256').update(parts.join(':')).digest('hex').slice(0, 40);
}

interface Submission {
	request: SoraRequest;
	itemIndex: number;
	model?: string;
	key: string;
	/** Host Honours Idempotency-Key: an ambiguous create is sent again with the same key. */
	keyHonoured: boolean;
}

function submitter(
	recovery: LostCreateRecovery,
	client: SoraClient,
	{ request, itemIndex, model, key, keyHonoured }: Submission,
) {
	const policy = keyHonoured ? POLICIES.idempotentCreate : POLICIES.write;
	return async (notAfter: number) => {
		const scope = { itemIndex, model };
		const keyed = { ...request, headers: { ...request.headers, 'Idempotency-Key': key }, notAfter };
		const response = await recovery.submit(
			keyed,
			scope,
			async (sending) => await client.call(sending, policy, scope),
		);
		const video = client.host.readVideo(response.body);
		if (!video) {
			throw apiErrorFromFailure(
				client.node,
				scope,
				'The host accepted the request but answered without a video id',
				`${client.describe(request).method} ${client.describe(request).target} answered HTTP ${response.status} without an id, so the job may exist without the node knowing it. Use the List operation to find it before you run this item again.`,
			);
		}
		return { video, pollAfterMs: parsePollAfterMs(response.headers as Record<string, string>) };
	};
}

function outputOf(
	outcome: JobOutcome,
	prepared: PreparedJob,
	check: VideoCheck,
	elapsedMs: number,
	client: SoraClient,
	output: JobOutput,
): INodeExecutionData {
	let json = { ...(outcome.video ?? {}) } as IDataObject;
	if (prepared.estimate !== undefined)
		json.estimatedCost = prepared.estimate as unknown as IDataObject | null;
	if (outcome.timedOut) {
		json.timedOut = true;
		json.elapsedSeconds = Math.round(elapsedMs / 100) / 10;
	}
	Object.assign(json, checkFields(check));
	if (output.asTool) json = forAgent(json, client, prepared.asked);
	const item: INodeExecutionData = { json, pairedItem: { item: outcome.itemIndex } };
	if (outcome.binary) item.binary = { [prepared.binaryPropertyName]: outcome.binary };
	return item;
}

function othersNote(outcomes: JobOutcome[], failed: JobOutcome): string {
	const others = outcomes
		.filter((o) => o !== failed && o.video)
		.map((o) => `item ${o.itemIndex}: ${o.video!.id} (${o.video!.status})`);
	return others.length ? ` Videos of the other items in this run: ${others.join(', ')}.` : '';
}

/** Routed by status, a video the host ended without completing it is an error, never a Still Generating item. */
function failUnfinished(client: SoraClient, outcome: JobOutcome): void {
	const video = outcome.video;
	if (outcome.error || !video || video.status === 'completed' || !isFinalStatus(video.status))
		return;
	outcome.error = failedVideoError(
		client.node,
		{ itemIndex: outcome.itemIndex, videoId: video.id },
		video,
	);
}

type Prepared = Array<PreparedJob | NodeError>;

/**
 * Every item prepared (validated, priced) before anything is paid for, and the batch checked against
 * the cost cap: the prepared jobs, or the error items of a batch refused whole.
 */
async function preflight(
	ctx: IExecuteFunctions,
	client: SoraClient,
	operation: JobOperation,
	items: INodeExecutionData[],
): Promise<{ prepared: Prepared } | { refusedBatch: INodeExecutionData[] }> {
	const prepared = await tryEachItem(
		ctx,
		items,
		async (_item, itemIndex) => await operation.prepare.call(ctx, client, itemIndex),
	);
	const checked = refuseUnpriced(ctx, prepared);
	const unpriced = checked.find((job, itemIndex) => job !== prepared[itemIndex]);
	if (unpriced && !ctx.continueOnFail()) throw unpriced;
	const capError = checkBudget(ctx, checked);
	if (!capError) return { prepared: checked };
	if (!ctx.continueOnFail()) throw capError;
	return { refusedBatch: items.map((_, itemIndex) => errorItem(ctx, capError, itemIndex)) };
}

/** The wait engine's jobs: one per prepared item, a create sent with its item's Idempotency-Key. */
function videoJobsOf(
	ctx: IExecuteFunctions,
	client: SoraClient,
	prepared: Prepared,
	output: JobOutput,
): VideoJob[] {
	const runId = ctx.getExecutionId?.() || randomUUID();
	const recovery = new LostCreateRecovery(client);
	return prepared.flatMap((job, itemIndex): VideoJob[] => {
		if (job instanceof Error) return [];
		const submission = job.request && {
			request: job.request,
			itemIndex,
			model: job.model,
			key: idempotencyKey(ctx, runId, itemIndex),
			keyHonoured: optionsParam(ctx, 'options', itemIndex).hostHonoursIdempotencyKey === true,
		};
		return [
			{
				itemIndex,
				videoId: job.videoId,
				wait: job.wait,
				download: output.asTool ? undefined : job.download,
				maxDownloadBytes: maxDownloadBytesOf(optionsParam(ctx, 'waitOptions', itemIndex)),
				submit: submission ? submitter(recovery, client, submission) : undefined,
			},
		];
	});
}

interface Finished {
	outcomes: JobOutcome[];
	elapsedMs: number;
	client: SoraClient;
	output: JobOutput;
}

/** One item's answer: its video as asked and fit for the platform, or its error (an error item keeps a paid video). */
function itemOf(
	ctx: IExecuteFunctions,
	job: PreparedJob,
	outcome: JobOutcome,
	{ outcomes, elapsedMs, client, output }: Finished,
): INodeExecutionData {
	const { itemIndex } = outcome;
	const check = checkVideo(outcome.measured, job);
	outcome.error ??= differenceError(ctx, itemIndex, outcome.video?.id, check);
	if (!outcome.error) {
		const item = outputOf(outcome, job, check, elapsedMs, client, output);
		const checked = checkForPlatform(ctx, itemIndex, item);
		if (!(checked instanceof Error)) return checked;
		outcome.error = checked;
	}
	const error = asNodeError(ctx, outcome.error, itemIndex);
	if (!ctx.continueOnFail()) {
		error.description = `${error.description ?? ''}${othersNote(outcomes, outcome)}`.trim();
		throw error;
	}
	const video = outcome.video
		? { videoId: outcome.video.id, video: outcome.video as unknown as IDataObject }
		: {};
	const item = errorItem(ctx, error, itemIndex, { ...video, ...checkFields(check) });
	// a video not as asked was still made and paid for: its error item keeps it
	if (outcome.binary) item.binary = { [job.binaryPropertyName]: outcome.binary };
	return item;
}

/**
 * Create-like operations and Get: the preflight, then the wait engine runs all jobs, then each item's
 * answer in input order.
 */
export async function runJobs(
	this: IExecuteFunctions,
	client: SoraClient,
	operation: JobOperation,
	output: JobOutput = { asTool: false, routed: false },
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const checked = await preflight(this, client, operation, items);
	if ('refusedBatch' in checked) return checked.refusedBatch;
	const { prepared } = checked;

	const waitOptions = readWaitOptions(this, items.length);
	const startedAt = client.time.clock.now();
	const outcomes = await waitForVideos(
		client,
		this.helpers,
		this.logger,
		videoJobsOf(this, client, prepared, output),
		output.asTool ? toolWaitOptions(this, waitOptions) : waitOptions,
	).catch((error: unknown) => {
		throw asNodeError(this, error, 0);
	});
	const finished = { outcomes, elapsedMs: client.time.clock.now() - startedAt, client, output };
	if (output.routed) outcomes.forEach((outcome) => failUnfinished(client, outcome));

	const byItem = new Map(outcomes.map((outcome) => [outcome.itemIndex, outcome]));
	return prepared.map((job, itemIndex) =>
		job instanceof Error
			? errorItem(this, job, itemIndex)
			: itemOf(this, job, byItem.get(itemIndex)!, finished),
	);
}
