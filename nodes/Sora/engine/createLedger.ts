import type { IDataObject } from 'n8n-workflow';

import type { Video } from '../domain/video';
import { pause } from '../helpers/sleep';
import { isAmbiguousCreate, scopeSuffix, type ErrorScope } from '../transport/apiError';
import type { SoraClient, SoraRequest, SoraResponse } from '../transport/client';

const FINGERPRINT_FIELDS = ['prompt', 'model', 'size', 'seconds'] as const;
const LIST_DELAYS_MS = [0, 2000];
/** The Date header counts whole seconds; without one, the clocks are trusted to this much. */
const DATE_RESOLUTION_MS = 1_000;
const UNKNOWN_SKEW_MS = 5_000;
const SETTLE_POLL_MS = 200;

type Fingerprint = Partial<Record<(typeof FINGERPRINT_FIELDS)[number], string>>;

function fingerprintOf(request: SoraRequest): Fingerprint {
	const fields: IDataObject = request.json ?? Object.fromEntries((request.multipart ?? []).filter((f) => 'value' in f).map((f) => [f.name, (f as { value: string }).value]));
	const fingerprint: Fingerprint = {};
	for (const name of FINGERPRINT_FIELDS) if (typeof fields[name] === 'string') fingerprint[name] = fields[name] as string;
	return fingerprint;
}

function matches(video: Video, fingerprint: Fingerprint): boolean {
	if (fingerprint.prompt === undefined || video.prompt !== fingerprint.prompt) return false;
	return FINGERPRINT_FIELDS.every((name) => fingerprint[name] === undefined || video[name] === undefined || String(video[name]) === fingerprint[name]);
}

/**
 * Every create of an execution goes through here. A create is never sent twice; when its fate is
 * unknown (5xx, reset, timeout after sending), the job it may have started is looked up with
 * List — same prompt and settings, created since it was sent, not known to any other item —
 * so that a paid video is not lost. Lookups wait until no other create with the same
 * fingerprint is in flight, so that they never take a video another item is about to receive.
 */
export class CreateLedger {
	private readonly known = new Set<string>();

	private readonly inFlight = new Map<string, number>();

	constructor(private readonly client: SoraClient) {}

	async submit(request: SoraRequest, scope: ErrorScope, send: () => Promise<SoraResponse>): Promise<SoraResponse> {
		const fingerprint = fingerprintOf(request);
		const key = JSON.stringify(fingerprint);
		const sentAt = Date.now();
		this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
		const outcome = await send().then(
			(response) => ({ response }),
			(error: unknown) => ({ error }),
		);
		this.inFlight.set(key, this.inFlight.get(key)! - 1);
		if ('response' in outcome) {
			const video = this.client.host.readVideo(outcome.response.body);
			if (video) this.known.add(video.id);
			return outcome.response;
		}
		const ambiguous = isAmbiguousCreate(outcome.error) ? outcome.error : undefined;
		const found = ambiguous && this.client.offers('List') ? await this.lookUp(fingerprint, key, sentAt, scope) : undefined;
		if (!found) throw ambiguous ?? outcome.error;
		this.client.logger.warn(`Sora: the answer to a create was lost; List found its job ${found.id}${scopeSuffix(scope)}`);
		return { status: 200, headers: {}, body: found };
	}

	/** How far the host's clock is ahead of ours, from its Date header (0 without one). */
	private hostClockOffsetMs(date: unknown): number {
		const hostNow = typeof date === 'string' ? Date.parse(date) : NaN;
		return Number.isNaN(hostNow) ? 0 : hostNow - Date.now();
	}

	private toleranceMs(date: unknown): number {
		return typeof date === 'string' && !Number.isNaN(Date.parse(date)) ? DATE_RESOLUTION_MS : UNKNOWN_SKEW_MS;
	}

	private async lookUp(fingerprint: Fingerprint, key: string, sentAt: number, scope: ErrorScope): Promise<Video | undefined> {
		while ((this.inFlight.get(key) ?? 0) > 0) await pause(SETTLE_POLL_MS, this.client.signal);
		for (const delay of LIST_DELAYS_MS) {
			await pause(delay, this.client.signal);
			let videos: Video[];
			let createdSinceS: number;
			try {
				const { body, headers } = await this.client.call<{ data?: unknown[] }>({ method: 'GET', path: '/videos', qs: { order: 'desc', limit: 100 } }, 'safe', scope);
				videos = (Array.isArray(body?.data) ? body.data : []).map((entry) => this.client.host.readVideo(entry)).filter((v): v is Video => v !== undefined);
				createdSinceS = (sentAt + this.hostClockOffsetMs(headers.date) - this.toleranceMs(headers.date)) / 1000;
			} catch {
				continue;
			}
			const candidates = videos.filter(
				(video) => !this.known.has(video.id) && matches(video, fingerprint) && (typeof video.created_at !== 'number' || video.created_at >= Math.floor(createdSinceS)),
			);
			const oldest = candidates[candidates.length - 1];
			if (oldest) {
				this.known.add(oldest.id);
				return oldest;
			}
		}
		return undefined;
	}
}
