/**
 * The soak run: N Create-with-wait items in n8n-core's WorkflowExecute against the reference
 * server with seeded faults of every kind, then the figures that say whether a paid video was
 * lost, paid twice or handed on broken. Used by `npm run soak` (bench/soak.ts) and, smaller, by
 * test/reliability/soak.test.ts.
 */
import { performance } from 'node:perf_hooks';

import type { INodeExecutionData } from 'n8n-workflow';

import { readBinary, runNode, startNode, type RunResult } from '../../test/harness/runNode';
import {
	ALL_FAULT_KINDS,
	startReferenceServer,
	type FaultKind,
	type RecordedRequest,
	type ReferenceServer,
} from '../../test/server';
import { mulberry32 } from '../../test/server/faults';

export interface SoakOptions {
	items: number;
	/** Seed of the server's fault PRNG and of the generation times. */
	seed: number;
	/** Probability of each fault kind, applied where the kind makes sense. */
	rate: number;
	kinds: readonly FaultKind[];
	maxConcurrentJobs: number;
	pollIntervalSeconds: number;
	timeoutMinutes: number;
	generationMs: [min: number, max: number];
	/** The `slow` fault's delay. */
	slowMs: number;
	/** Wall-clock limit of the whole run: past it the execution is cancelled and reported as not finished. */
	hardLimitMinutes: number;
	apiKey: string;
	/** The host honours Idempotency-Key, and the node's Host Honours Idempotency-Key option is on. */
	idempotent?: boolean;
}

export const DEFAULT_SOAK: SoakOptions = {
	items: 200,
	seed: 20260924,
	rate: 0.1,
	kinds: ALL_FAULT_KINDS,
	maxConcurrentJobs: 32,
	pollIntervalSeconds: 2,
	timeoutMinutes: 10,
	generationMs: [1000, 2000],
	slowMs: 1500,
	hardLimitMinutes: 20,
	apiKey: 'sk-soak',
};

/** Create faults after which the node cannot know whether the host started the job. */
export const AMBIGUOUS_CREATE_FAULTS: readonly FaultKind[] = [
	'server-error-500',
	'server-error-502',
	'server-error-503',
	'server-error-after-processing',
	'reset-before-response',
	'reset-after-processing',
	'malformed-json',
];

export type FailureCause = 'job-fails' | 'expired' | 'refused-ambiguous-create' | 'unexpected';

export interface ItemRecord {
	item: number;
	prompt: string;
	/** Create POSTs the server received for this item, with the fault each got. */
	createPosts: Array<{ status: number; fault?: FaultKind }>;
	/** Jobs the server holds for this item (more than one is a duplicate). */
	serverVideoIds: string[];
	/** The id the node's output names (success item or error item). */
	reportedVideoId?: string;
	downloaded: boolean;
	byteIdentical?: boolean;
	error?: string;
	errorDescription?: string;
	cause?: FailureCause;
}

export interface SoakReport {
	/** False when the execution was still running at the hard limit (and was cancelled). */
	finished: boolean;
	options: Omit<SoakOptions, 'apiKey' | 'kinds'> & { kinds: string[] };
	node: string;
	wallSeconds: number;
	items: number;
	videosDownloaded: number;
	downloadedByteIdentical: number;
	/** 200 minus the items the server failed on purpose (job-fails, expired) minus refused ambiguous creates. */
	downloadTarget: number;
	createPosts: number;
	createPostsByFault: Record<string, number>;
	jobsCreated: number;
	distinctVideosReported: number;
	jobsUnknownToNode: number;
	jobsUnknownToNodeFoundByList: number;
	duplicateJobs: number;
	createsResentAfterAmbiguousFailure: number;
	/** Items whose create got an ambiguous answer and whose job the node then found with List. */
	ambiguousCreatesRecovered: number;
	/** Items that output (or name in their error) a video the server made for another item. */
	videosOfAnotherItem: Array<{ item: number; videoId: string; owner: number }>;
	idsLost: number;
	idsLostDetail: Array<{ item: number; videoId: string; output: string }>;
	itemsFailed: number;
	failuresByCause: Record<FailureCause, number>;
	failuresByMessage: Array<{ count: number; cause: FailureCause; message: string }>;
	refusedSayJobMayExist: number;
	requests: number;
	requestsPerVideo: number;
	requestsPerItem: number;
	requestsByKind: Record<string, number>;
	faultsInjected: Record<string, number>;
	contractViolations: number;
	runError?: string;
	checks: Record<string, boolean>;
	itemsDetail?: ItemRecord[];
}

const ITEM_TAG = /soak item (\d+)\b/;

function promptFor(item: number, random: () => number, [min, max]: [number, number]): string {
	const generation = Math.round(min + random() * (max - min));
	return `soak item ${item}: a paper boat on a rainy street [gen=${generation}]`;
}

function itemOfPrompt(prompt: unknown): number | undefined {
	const match = typeof prompt === 'string' ? ITEM_TAG.exec(prompt) : null;
	return match ? Number(match[1]) : undefined;
}

function isCreatePost(request: RecordedRequest): boolean {
	return request.method === 'POST' && request.path === '/videos';
}

function isAmbiguous(post: { status: number; fault?: FaultKind }): boolean {
	if (post.fault && AMBIGUOUS_CREATE_FAULTS.includes(post.fault)) return true;
	return post.status === 0 || post.status >= 500;
}

/** Message without item numbers and ids, so that failures of one kind group together. */
export function normaliseMessage(message: string): string {
	return message
		.replace(/\[item \d+(, video [\w-]+)?\]/g, '[item N$1]')
		.replace(/video_[A-Za-z0-9]+/g, 'video_…')
		.replace(/request id req_[A-Za-z0-9]+/g, 'request id req_…');
}

function requestKind(request: RecordedRequest): string {
	if (isCreatePost(request)) return 'create';
	if (request.method === 'GET' && /^\/videos\/[^/]+\/content$/.test(request.path))
		return 'download';
	if (request.method === 'GET' && /^\/videos\/[^/]+$/.test(request.path)) return 'poll';
	if (request.method === 'GET' && request.path === '/videos') return 'list';
	return `${request.method} ${request.path}`;
}

function count<T extends string>(values: T[]): Record<T, number> {
	const counts = {} as Record<T, number>;
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

/** Every video id the node's List operation returns (Return All), faults off. */
async function listedIds(
	server: ReferenceServer,
	credentials: { apiKey: string; baseUrl: string },
): Promise<Set<string>> {
	const { items, error } = await runNode({
		parameters: { resource: 'video', operation: 'list', returnAll: true, order: 'desc' },
		credentials,
	});
	if (error) throw new Error(`List failed: ${error.message}`);
	return new Set(items.map((item) => String(item.json.id)));
}

export interface SoakRun {
	report: SoakReport;
	result: RunResult;
	server: ReferenceServer;
}

/** Runs the soak; the caller closes `server`. */
export async function runSoak(
	partial: Partial<SoakOptions> = {},
	log: (line: string) => void = () => {},
): Promise<SoakRun> {
	const options: SoakOptions = { ...DEFAULT_SOAK, ...partial };
	const faultRates = Object.fromEntries(options.kinds.map((kind) => [kind, options.rate]));
	const server = await startReferenceServer({
		apiKey: options.apiKey,
		seed: options.seed,
		faultRates,
		slowMs: options.slowMs,
		generationMs: options.generationMs[1],
		honoursIdempotencyKey: options.idempotent === true,
	});
	const credentials = { apiKey: options.apiKey, baseUrl: server.url };
	const random = mulberry32(options.seed ^ 0x5eed);
	const prompts = Array.from({ length: options.items }, (_, item) =>
		promptFor(item, random, options.generationMs),
	);

	log(
		`soak${options.idempotent ? ' (host honours Idempotency-Key)' : ''}: ${options.items} items, faults ${options.kinds.length} kinds at ${options.rate * 100}% each (seed ${options.seed}), Max Concurrent Jobs ${options.maxConcurrentJobs}, poll ≤ ${options.pollIntervalSeconds} s`,
	);
	const started = performance.now();
	const running = startNode({
		parameters: {
			resource: 'video',
			operation: 'create',
			prompt: '={{ $json.prompt }}',
			model: { __rl: true, mode: 'id', value: 'sora-2' },
			duration: 4,
			size: '720x1280',
			waitForCompletion: true,
			downloadVideo: true,
			options: { hostHonoursIdempotencyKey: options.idempotent === true },
			waitOptions: {
				maxConcurrentJobs: options.maxConcurrentJobs,
				pollIntervalSeconds: options.pollIntervalSeconds,
				timeoutMinutes: options.timeoutMinutes,
			},
		},
		items: prompts.map((prompt) => ({ json: { prompt } })),
		credentials,
		continueOnFail: true,
		executionId: `soak-${options.seed}`,
	});
	let hardLimit: NodeJS.Timeout | undefined;
	const progress = setInterval(
		() =>
			log(
				`soak: ${Math.round((performance.now() - started) / 1000)} s, ${server.requests.length} requests, ${server.createCount} jobs`,
			),
		60_000,
	);
	const outcome = await Promise.race([
		running.result,
		new Promise<null>(
			(resolve) => (hardLimit = setTimeout(() => resolve(null), options.hardLimitMinutes * 60_000)),
		),
	]);
	clearTimeout(hardLimit);
	clearInterval(progress);
	const finished = outcome !== null;
	if (!finished) {
		log(`soak: still running after ${options.hardLimitMinutes} min: cancelling the execution`);
		running.cancel();
	}
	const result: RunResult =
		outcome ??
		(await running.result.catch(
			() => ({ items: [], run: { data: { resultData: { runData: {} } } } }) as unknown as RunResult,
		));
	const wallMs = performance.now() - started;
	log(
		`soak: node finished in ${(wallMs / 1000).toFixed(1)} s${result.error ? ` with a run error: ${result.error.message}` : ''}`,
	);

	const nodeRequests = [...server.requests];
	const createCount = server.createCount;
	const contractViolations = server.contractViolations.length;
	// The check of "findable with List" runs without faults: it asks what the host holds, not whether List survives faults.
	server.setOptions({ faultRates: {} });
	const listed = await listedIds(server, credentials);

	const report = await analyse(
		options,
		server,
		result,
		nodeRequests,
		createCount,
		contractViolations,
		listed,
		wallMs,
		prompts,
	);
	report.finished = finished;
	if (!finished) report.checks['finished within the hard limit'] = false;
	return { report, result, server };
}

async function analyse(
	options: SoakOptions,
	server: ReferenceServer,
	result: RunResult,
	requests: RecordedRequest[],
	createCount: number,
	contractViolations: number,
	listed: Set<string>,
	wallMs: number,
	prompts: string[],
): Promise<SoakReport> {
	const fixture = server.fixture('video');
	const records: ItemRecord[] = prompts.map((prompt, item) => ({
		item,
		prompt,
		createPosts: [],
		serverVideoIds: [],
		downloaded: false,
	}));

	for (const request of requests) {
		if (!isCreatePost(request)) continue;
		const item = itemOfPrompt((request.json as { prompt?: unknown } | undefined)?.prompt);
		if (item !== undefined)
			records[item]?.createPosts.push({ status: request.status, fault: request.fault });
	}
	const videoOwner = new Map<string, number>();
	for (const video of server.videos.values()) {
		const item = itemOfPrompt(video.prompt);
		if (item === undefined || !records[item]) continue;
		records[item].serverVideoIds.push(video.id);
		videoOwner.set(video.id, item);
	}
	const expiredVideos = new Set(
		requests.filter((r) => r.fault === 'expired').map((r) => r.path.split('/')[2]),
	);

	const outputs = new Map<number, INodeExecutionData>();
	for (const output of result.items) {
		const paired = output.pairedItem;
		const item =
			typeof paired === 'object' && paired !== null && !Array.isArray(paired)
				? paired.item
				: undefined;
		if (typeof item === 'number') outputs.set(item, output);
	}

	for (const record of records) {
		const output = outputs.get(record.item);
		if (!output) continue;
		const json = output.json as Record<string, unknown>;
		if (typeof json.error === 'string') {
			record.error = json.error;
			record.errorDescription =
				typeof json.errorDescription === 'string' ? json.errorDescription : undefined;
			record.reportedVideoId = typeof json.videoId === 'string' ? json.videoId : undefined;
		} else if (typeof json.id === 'string') {
			record.reportedVideoId = json.id;
		}
		const binary = output.binary?.data;
		if (binary) {
			record.downloaded = true;
			record.byteIdentical = (await readBinary(binary)).equals(fixture);
		}
		if (record.error) {
			const lastPost = record.createPosts.at(-1);
			const videoId = record.serverVideoIds[0];
			const video = videoId ? server.videos.get(videoId) : undefined;
			if (video?.outcome === 'failed' && lastPost?.fault === 'job-fails')
				record.cause = 'job-fails';
			else if (videoId && expiredVideos.has(videoId) && /expired/i.test(record.error))
				record.cause = 'expired';
			else if (lastPost && isAmbiguous(lastPost) && /may have created a video/.test(record.error))
				record.cause = 'refused-ambiguous-create';
			else record.cause = 'unexpected';
		}
	}

	const createPosts = requests.filter(isCreatePost);
	const reported = new Set(
		records.map((r) => r.reportedVideoId).filter((id): id is string => Boolean(id)),
	);
	const unknownToNode = records.flatMap((r) =>
		r.serverVideoIds.filter((id) => r.reportedVideoId !== id),
	);
	const idsLostDetail: SoakReport['idsLostDetail'] = [];
	for (const record of records) {
		for (const videoId of record.serverVideoIds) {
			if (record.reportedVideoId === videoId) continue;
			// A job the node could not know of (the create's answer was lost) must be failed as "may exist".
			if (record.cause === 'refused-ambiguous-create' && listed.has(videoId)) continue;
			const output = outputs.get(record.item);
			idsLostDetail.push({
				item: record.item,
				videoId,
				output: JSON.stringify(output?.json ?? null).slice(0, 300),
			});
		}
	}
	const resent = records.filter((record) =>
		record.createPosts.some(
			(post, index) =>
				index < record.createPosts.length - 1 &&
				(isAmbiguous(post) || (post.status >= 200 && post.status < 300)),
		),
	).length;
	const failed = records.filter((r) => r.error);
	const byMessage = new Map<string, { count: number; cause: FailureCause; message: string }>();
	for (const record of failed) {
		const message = normaliseMessage(record.error!);
		const key = `${record.cause}|${message}`;
		const entry = byMessage.get(key) ?? { count: 0, cause: record.cause!, message };
		entry.count++;
		byMessage.set(key, entry);
	}
	const recovered = records.filter((r) => {
		const last = r.createPosts.at(-1);
		return (
			last &&
			isAmbiguous(last) &&
			!r.error &&
			r.reportedVideoId &&
			r.serverVideoIds.includes(r.reportedVideoId)
		);
	}).length;
	const videosOfAnotherItem = records.flatMap((r) => {
		const owner = r.reportedVideoId ? videoOwner.get(r.reportedVideoId) : undefined;
		return owner !== undefined && owner !== r.item
			? [{ item: r.item, videoId: r.reportedVideoId!, owner }]
			: [];
	});
	const failuresByCause: Record<FailureCause, number> = {
		'job-fails': 0,
		expired: 0,
		'refused-ambiguous-create': 0,
		unexpected: 0,
	};
	for (const record of failed) failuresByCause[record.cause!]++;
	const downloaded = records.filter((r) => r.downloaded);
	const identical = downloaded.filter((r) => r.byteIdentical);
	const downloadTarget =
		records.length -
		failuresByCause['job-fails'] -
		failuresByCause.expired -
		failuresByCause['refused-ambiguous-create'];
	const duplicateJobs = records.reduce(
		(sum, r) => sum + Math.max(0, r.serverVideoIds.length - 1),
		0,
	);
	const refused = failed.filter((r) => r.cause === 'refused-ambiguous-create');
	const unknownFound = unknownToNode.filter((id) => listed.has(id)).length;

	const report: SoakReport = {
		finished: true,
		options: {
			...options,
			kinds: [...options.kinds],
			apiKey: undefined,
		} as unknown as SoakReport['options'],
		node: process.version,
		wallSeconds: Math.round(wallMs / 100) / 10,
		items: records.length,
		videosDownloaded: downloaded.length,
		downloadedByteIdentical: identical.length,
		downloadTarget,
		createPosts: createPosts.length,
		createPostsByFault: count(createPosts.map((r) => r.fault ?? 'none')),
		jobsCreated: createCount,
		distinctVideosReported: reported.size,
		jobsUnknownToNode: unknownToNode.length,
		jobsUnknownToNodeFoundByList: unknownFound,
		duplicateJobs,
		createsResentAfterAmbiguousFailure: resent,
		ambiguousCreatesRecovered: recovered,
		videosOfAnotherItem,
		idsLost: idsLostDetail.length,
		idsLostDetail,
		itemsFailed: failed.length,
		failuresByCause,
		failuresByMessage: [...byMessage.values()].sort((a, b) => b.count - a.count),
		refusedSayJobMayExist: refused.filter(
			(r) => /may have created a video/.test(r.error!) && /List/.test(r.errorDescription ?? ''),
		).length,
		requests: requests.length,
		requestsPerVideo: Math.round((requests.length / Math.max(1, identical.length)) * 10) / 10,
		requestsPerItem: Math.round((requests.length / Math.max(1, records.length)) * 10) / 10,
		requestsByKind: count(requests.map(requestKind)),
		faultsInjected: count(requests.filter((r) => r.fault).map((r) => r.fault!)),
		contractViolations,
		...(result.error ? { runError: result.error.message } : {}),
		checks: {},
		itemsDetail: records,
	};
	report.checks = {
		'every item reported (output or error item)': outputs.size === records.length,
		'downloaded = target': downloaded.length === downloadTarget,
		'every download byte-identical': identical.length === downloaded.length,
		'no duplicate jobs': duplicateJobs === 0,
		'jobs created = distinct videos reported + jobs unknown to the node':
			createCount === reported.size + unknownToNode.length,
		// With a host that honours the key, an ambiguous create is re-sent on purpose (same key, same job).
		'no create re-sent after an ambiguous failure': options.idempotent === true || resent === 0,
		"every item names its own job, never another item's": videosOfAnotherItem.length === 0,
		'ids lost = 0': idsLostDetail.length === 0,
		'jobs of refused creates findable with List': unknownFound === unknownToNode.length,
		'refused items say the job may exist and how to find it':
			refused.length === report.refusedSayJobMayExist,
		'no unexpected failures': failuresByCause.unexpected === 0,
		'no contract violations': contractViolations === 0,
		'no run error': !result.error,
	};
	return report;
}
