import type { IDataObject } from 'n8n-workflow';

import type { Video } from '../domain/video';
import { isAmbiguousCreate } from '../transport/apiError';
import { scopeSuffix, type ErrorScope } from '../../base/errorScope';
import type { SoraClient, SoraRequest, SoraResponse } from '../transport/client';
import type { Route } from '../transport/routes';
import {
	describeFailure,
	POLICIES,
	type Failure,
	type RetryPolicy,
} from '../transport/retryPolicy';

/** The Date header counts whole seconds; without one, the clocks are trusted to this much. */
const DATE_RESOLUTION_MS = 1_000;
const UNKNOWN_SKEW_MS = 5_000;
/** How long a create (and the id it got) is remembered: longer than any lookup's window. */
const REMEMBER_MS = 10 * 60_000;
/** Video fields compared with what was sent, where the host's video carries them. */
const COMPARED_FIELDS = ['prompt', 'model', 'size', 'seconds'] as const;

interface SentCreate {
	/** Which recovery (one per run of the node) sent it. */
	owner: LostCreateRecovery;
	prompt: string;
	/** Endpoint and every field sent: two creates with the same signature are interchangeable. */
	signature: string;
	state: 'inFlight' | 'lost' | 'settled';
	/** When the request last left (after any hold by the request budget). */
	sentAt?: number;
	/** When its answer was found lost: a job it made was created before this. */
	lostAt?: number;
	startedAt: number;
}

/**
 * What every run of the node in one n8n process sent: the creates (so that a lookup never takes
 * the job of another create that may still own it) and the ids hosts answered. It must be
 * process-wide: one run's lookup must see every other run's creates. Tests clear it between cases.
 */
export class CreateRecord {
	readonly sent = new Set<SentCreate>();

	readonly answered = new Map<string, number>();

	forgetOld(now: number): void {
		for (const create of this.sent)
			if (create.state !== 'inFlight' && now - create.startedAt > REMEMBER_MS)
				this.sent.delete(create);
		for (const [id, at] of this.answered) if (now - at > REMEMBER_MS) this.answered.delete(id);
	}

	/** Forgets everything (tests only: in n8n a create is forgotten REMEMBER_MS after it settled). */
	clear(): void {
		this.sent.clear();
		this.answered.clear();
	}
}

/** The record of this process, shared by every run of the node. */
export const processCreates = new CreateRecord();

interface Fingerprint {
	method: string;
	operation: Route['operation'];
	/** The video a remix is made from. */
	remixOf?: string;
	fields: Record<string, string>;
}

function fingerprintOf(request: SoraRequest): Fingerprint {
	const fields: Record<string, string> = {};
	const entries: Array<[string, unknown]> = request.json
		? Object.entries(request.json as IDataObject)
		: (request.multipart ?? []).map((field) => [
				'value' in field ? field.name : `${field.name}:file`,
				'value' in field ? field.value : field.fileName,
			]);
	for (const [name, value] of entries) {
		if (value !== undefined && value !== null)
			fields[name] = typeof value === 'string' ? value : JSON.stringify(value);
	}
	const { route } = request;
	return {
		method: request.method,
		operation: route.operation,
		remixOf: route.operation === 'Remix' ? route.videoId : undefined,
		fields,
	};
}

/** Whether a listed video can be the job this create started (only what the video shows is compared). */
function matches(video: Video, fingerprint: Fingerprint): boolean {
	const { fields, operation, remixOf } = fingerprint;
	if (fields.prompt === undefined || video.prompt !== fields.prompt) return false;
	const remixedFrom = (video as { remixed_from_video_id?: unknown }).remixed_from_video_id;
	if (remixOf !== undefined) {
		if (typeof remixedFrom === 'string' && remixedFrom !== remixOf) return false;
	} else if (typeof remixedFrom === 'string' && remixedFrom) {
		return false; // a remix is never the job of a create, an edit or an extension
	}
	return COMPARED_FIELDS.every((name) => {
		// An extension's video carries the stitched total length, not the seconds sent.
		if (name === 'seconds' && operation === 'Extend') return true;
		const value = (video as unknown as Record<string, unknown>)[name];
		return (
			fields[name] === undefined ||
			value === undefined ||
			value === null ||
			String(value) === fields[name]
		);
	});
}

type Verdict = { adopt: Video } | { wait: true } | { notListed: true } | { refuse: string };

/**
 * Lost-create recovery. A create is never sent twice on a guess; when its fate is unknown (5xx,
 * reset, timeout after sending), the job it may have started is looked up with List and adopted
 * only when it is certainly this create's: same endpoint-visible fields, created after the
 * request left, answered to no other create, and the only such job (or one of as many as there
 * are identical lost creates of this run). While another create of the same prompt is in flight
 * anywhere in this process, no decision is taken. Across n8n processes (queue mode workers) only
 * the host can tell creates apart: the Idempotency-Key (Host Honours Idempotency-Key).
 */
export class LostCreateRecovery {
	constructor(
		private readonly client: SoraClient,
		private readonly policy: RetryPolicy = POLICIES.lookup,
		private readonly record: CreateRecord = processCreates,
	) {}

	async submit(
		request: SoraRequest,
		scope: ErrorScope,
		send: (request: SoraRequest) => Promise<SoraResponse>,
	): Promise<SoraResponse> {
		this.record.forgetOld(this.client.time.clock.now());
		const fingerprint = fingerprintOf(request);
		const create: SentCreate = {
			owner: this,
			prompt: fingerprint.fields.prompt ?? '',
			signature: JSON.stringify(fingerprint),
			state: 'inFlight',
			startedAt: this.client.time.clock.now(),
		};
		this.record.sent.add(create);
		const outcome = await send({
			...request,
			onSend: () => {
				create.sentAt = this.client.time.clock.now();
				request.onSend?.();
			},
		}).then(
			(response) => ({ response }),
			(error: unknown) => ({ error }),
		);
		if ('response' in outcome) {
			create.state = 'settled';
			const video = this.client.host.readVideo(outcome.response.body);
			if (video) this.record.answered.set(video.id, this.client.time.clock.now());
			return outcome.response;
		}
		if (!isAmbiguousCreate(outcome.error) || create.sentAt === undefined) {
			create.state = 'settled';
			throw outcome.error;
		}
		create.state = 'lost';
		create.lostAt = this.client.time.clock.now();
		// A host without List (its error then says to look in the host's dashboard) cannot be searched.
		const { found, notes } = this.client.offers('List')
			? await this.lookUp(create, fingerprint, scope)
			: { found: undefined, notes: '' };
		if (!found) {
			outcome.error.description = `${outcome.error.description ?? ''} ${notes}`.trim();
			throw outcome.error;
		}
		create.state = 'settled';
		this.client.logger.warn(
			`Sora: the answer to a create was lost; List found its job ${found.id}${scopeSuffix(scope)}`,
		);
		return { status: 200, headers: {}, body: found };
	}

	private async lookUp(
		create: SentCreate,
		fingerprint: Fingerprint,
		scope: ErrorScope,
	): Promise<{ found?: Video; notes: string }> {
		const problems: string[] = [];
		let lists = 0;
		const request: SoraRequest = {
			method: 'GET',
			route: { operation: 'List' },
			qs: { order: 'desc', limit: 100 },
			onSend: () => lists++,
		};
		await this.settleInFlight(create);
		const sent = await this.client.send<{ found?: Video; notes: string }>(
			request,
			this.policy,
			scope,
			{
				use: async (response) => {
					const listed = this.readList(response, create.sentAt!);
					if ('failure' in listed) {
						problems.push(`List failed: ${describeFailure(listed.failure)}`);
						return listed;
					}
					const verdict = this.decide(create, fingerprint, listed);
					if ('adopt' in verdict) return { kept: { found: verdict.adopt, notes: '' } };
					if ('refuse' in verdict)
						return { kept: { notes: `The node looked for the job with List: ${verdict.refuse}.` } };
					if ('wait' in verdict) {
						// Another create of the same prompt is still in flight: decide once it is answered.
						await this.settleInFlight(create);
						return { again: true };
					}
					problems.push('no matching job in List');
					return { failure: { kind: 'notListed' } };
				},
				onFailure: (failure) => {
					if (failure.kind === 'notListed') return;
					if (failure.kind !== 'malformed')
						problems.push(`List failed: ${describeFailure(failure)}`);
					this.client.logger.debug(
						`Sora: looking up a lost create with List failed: ${describeFailure(failure)}${scopeSuffix(scope)}`,
					);
				},
			},
		);
		if ('kept' in sent) return sent.kept;
		this.client.logger.debug(
			`Sora: looking up a lost create with List found nothing: ${problems.join('; ')}${scopeSuffix(scope)}`,
		);
		return {
			notes: `The node looked for the job with List ${lists} times: ${problems.join('; ')}.`,
		};
	}

	/** Waits while any other create of the same prompt (any run, this process) awaits its answer. */
	private async settleInFlight(create: SentCreate): Promise<void> {
		const busy = () =>
			[...this.record.sent].some(
				(other) => other !== create && other.state === 'inFlight' && other.prompt === create.prompt,
			);
		while (busy())
			await this.client.time.clock.pause(
				this.client.time.timing.inFlightCheckMs,
				this.client.signal,
			);
	}

	private readList(
		response: SoraResponse,
		sentAt: number,
	): { videos: Video[]; createdSinceS: number; offsetMs: number } | { failure: Failure } {
		const { body, headers } = response;
		const data = (body as { data?: unknown[] } | undefined)?.data;
		if (!Array.isArray(data)) return { failure: { kind: 'malformed' } };
		const date = headers.date;
		const hostNow = typeof date === 'string' ? Date.parse(date) : NaN;
		const offsetMs = Number.isNaN(hostNow) ? 0 : hostNow - this.client.time.clock.now();
		const toleranceMs = Number.isNaN(hostNow) ? UNKNOWN_SKEW_MS : DATE_RESOLUTION_MS;
		return {
			videos: data
				.map((entry) => this.client.host.readVideo(entry))
				.filter((video): video is Video => video !== undefined),
			createdSinceS: Math.floor((sentAt + offsetMs - toleranceMs) / 1000),
			offsetMs,
		};
	}

	/** Synchronous, so that no other lookup can adopt a job between this check and the adoption. */
	private decide(
		create: SentCreate,
		fingerprint: Fingerprint,
		listed: { videos: Video[]; createdSinceS: number; offsetMs: number },
	): Verdict {
		const { videos, createdSinceS, offsetMs } = listed;
		// Unsettled creates of the same prompt whose job, if any, can have been made since this one
		// left (a job is made before its create's answer is found lost).
		const rivals = [...this.record.sent].filter(
			(other) =>
				other !== create &&
				other.prompt === create.prompt &&
				other.state !== 'settled' &&
				Math.floor(((other.lostAt ?? Infinity) + offsetMs) / 1000) >= createdSinceS,
		);
		if (rivals.some((other) => other.state === 'inFlight')) return { wait: true };
		const candidates = videos
			.filter((video) => !this.record.answered.has(video.id) && matches(video, fingerprint))
			.filter((video) => typeof video.created_at !== 'number' || video.created_at >= createdSinceS)
			.sort((a, b) => Number(a.created_at ?? 0) - Number(b.created_at ?? 0));
		if (!candidates.length) return { notListed: true };
		const twins = rivals.filter(
			(other) => other.owner === this && other.signature === create.signature,
		);
		if (rivals.length > twins.length) {
			return {
				refuse: `${candidates.length} job(s) match, but another create of the same prompt whose answer was also lost (another operation, other fields or another execution) may own them (${candidates.map((v) => v.id).join(', ')})`,
			};
		}
		if (candidates.length > twins.length + 1) {
			return {
				refuse: `${candidates.length} jobs created since the request left match it (${candidates.map((v) => v.id).join(', ')}), so the node cannot tell which one is this item's`,
			};
		}
		this.record.answered.set(candidates[0].id, this.client.time.clock.now());
		return { adopt: candidates[0] };
	}
}
