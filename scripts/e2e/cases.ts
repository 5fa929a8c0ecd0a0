/**
 * The e2e workflows (test/e2e/workflows/*.json) and what their runs must show.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { looksLikeMp4, readBinary } from './binary';
import { probe, servedMp4 } from './media';
import type { Checks } from './checks';
import { type CredentialToImport, type N8nInstance, type RunItem, nodeItems } from './n8n';
import { REPO_ROOT } from './pack';
import { type RunningServer, videoStatus } from './reference-server';

export const WORKFLOWS_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'workflows');
export const CREDENTIAL = { id: 'soraE2eCredential1', name: 'Sora account', type: 'soraApi' };

/** The credential as `n8n import:credentials` takes it, pointing at the reference server. */
export function credentialFor(server: RunningServer, webhookSecret?: string): CredentialToImport {
	return {
		...CREDENTIAL,
		data: {
			apiKey: server.apiKey,
			baseUrl: server.baseUrl,
			authHeader: 'bearer',
			...(webhookSecret ? { webhookSecret } : {}),
		},
	};
}

export interface CaseContext {
	inst: N8nInstance;
	server: RunningServer;
}

export interface E2eCase {
	file: string;
	check(run: any, checks: Checks, ctx: CaseContext): Promise<void>;
}

export function loadWorkflow(file: string): { id: string; name: string } & Record<string, unknown> {
	return JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8'));
}

const VIDEO_ID = /video_[A-Za-z0-9_-]+/;

/** A completed video item with its MP4 in binary property `property`. */
async function checkDownloadedVideo(
	checks: Checks,
	ctx: CaseContext,
	item: RunItem | undefined,
	property: string,
	label: string,
) {
	checks.equal(item?.json?.status, 'completed', `${label}: json.status`);
	checks.that(
		VIDEO_ID.test(String(item?.json?.id)),
		`${label}: json.id is a video id`,
		item?.json?.id,
	);
	const bin = item?.binary?.[property];
	if (!checks.that(bin, `${label}: binary "${property}" present`, Object.keys(item?.binary ?? {})))
		return;
	checks.equal(bin!.mimeType, 'video/mp4', `${label}: binary mimeType`);
	checks.equal(bin!.fileName, `${item!.json.id}.mp4`, `${label}: binary fileName`);
	const bytes = readBinary(ctx.inst.userFolder, bin!);
	checks.that(
		bytes && bytes.length > 0,
		`${label}: binary size > 0 (${bytes?.length ?? '?'} bytes)`,
		bin,
	);
	if (bytes) {
		checks.that(looksLikeMp4(bytes), `${label}: binary bytes are an MP4 (ftyp box)`);
		const served = await servedMp4(item!.json);
		checks.that(
			bytes.equals(served),
			`${label}: binary bytes equal the MP4 the server served for ${item!.json.size}, ${item!.json.seconds} s (${served.length} bytes)`,
		);
		checkMeasured(checks, item!.json.measured, served, label);
	}
}

/** The node's `measured` (read from the MP4's boxes as n8n stored it) against ffprobe's reading of the served bytes. */
function checkMeasured(checks: Checks, measured: any, served: Buffer, label: string) {
	const dir = mkdtempSync(path.join(tmpdir(), 'sora-e2e-probe-'));
	try {
		const file = path.join(dir, 'served.mp4');
		writeFileSync(file, served);
		const probed = probe(file);
		const same =
			measured?.width === probed.width &&
			measured?.height === probed.height &&
			Math.abs(Number(measured?.durationSeconds) - Number(probed.duration)) < 0.05 &&
			measured?.videoCodec === probed.codec &&
			measured?.bytes === served.length;
		checks.that(
			same,
			`${label}: json.measured is ffprobe's reading of the served MP4 (${probed.width}x${probed.height}, ${probed.duration} s, ${probed.codec})`,
			measured,
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export const CASES: E2eCase[] = [
	{
		file: 'video-flow.json',
		async check(run, checks, ctx) {
			let videoId = '';
			await checks.step('Create', async () => {
				const items = nodeItems(run, 'Create');
				checks.equal(items.length, 1, 'Create: items');
				await checkDownloadedVideo(checks, ctx, items[0], 'data', 'Create');
				videoId = String(items[0]?.json?.id ?? '');
			});
			await checks.step('Get', () => {
				const [item] = nodeItems(run, 'Get');
				checks.equal(item?.json?.id, videoId, 'Get: json.id');
				checks.equal(item?.json?.status, 'completed', 'Get: json.status');
			});
			await checks.step('List', () => {
				const items = nodeItems(run, 'List');
				const ids = items.map((i) => i.json.id);
				checks.that(
					ids.includes(videoId),
					`List: contains ${videoId} (${items.length} items)`,
					ids,
				);
			});
			await checks.step('Delete', async () => {
				const [item] = nodeItems(run, 'Delete');
				checks.equal(item?.json?.id, videoId, 'Delete: json.id');
				checks.equal(item?.json?.deleted, true, 'Delete: json.deleted');
				checks.equal(
					await videoStatus(ctx.server, videoId),
					404,
					`server: GET /videos/${videoId} after Delete`,
				);
			});
		},
	},
	{
		file: 'fail-item.json',
		async check(run, checks, ctx) {
			await checks.step('Create', async () => {
				const items = nodeItems(run, 'Create');
				checks.equal(items.length, 2, 'Create: items (one per input, in input order)');
				await checkDownloadedVideo(checks, ctx, items[0], 'video', 'Create item 0');
				const errorItem = items[1];
				const text = JSON.stringify(errorItem?.json ?? {});
				checks.that(
					errorItem?.json?.error,
					'Create item 1: an error item (json.error)',
					errorItem?.json,
				);
				const failedId = VIDEO_ID.exec(text)?.[0];
				checks.that(failedId, 'Create item 1: the error names the video id', text);
				if (failedId) {
					checks.that(
						failedId !== items[0]?.json?.id,
						"Create item 1: names its own video, not item 0's",
					);
					checks.equal(
						await videoStatus(ctx.server, failedId),
						200,
						`server: the failed video ${failedId} exists`,
					);
				}
				checks.that(!errorItem?.binary, 'Create item 1: no binary');
			});
		},
	},
];
