/**
 * What one host mode's nodes of the action workflow (hosts-workflows.ts) must show after `n8n execute`, checked
 * against the run JSON n8n printed and the requests the reference server saw.
 */
import type { ReferenceServer } from '../../test/server';
import { looksLikeMp4, readBinary } from './binary';
import type { Checks } from './checks';
import type { HostModeSpec } from './hosts-modes';
import { CUSTOM_HEADER, NODE } from './hosts-workflows';
import { type N8nInstance, type RunItem, nodeItems } from './n8n';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const asRequest = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

function onlyItem(checks: Checks, run: unknown, node: string): RunItem | undefined {
	const items = nodeItems(run, node);
	checks.equal(items.length, 1, `${node}: items`);
	return items[0];
}

export async function checkHostRun(
	checks: Checks,
	spec: HostModeSpec,
	run: unknown,
	server: ReferenceServer,
	inst: N8nInstance,
	apiKey: string,
): Promise<void> {
	let videoId = '';
	const created = onlyItem(checks, run, NODE.create(spec));
	checks.that(!created?.json?.error, `${NODE.create(spec)}: no error`, created?.json?.error);
	checks.equal(created?.json?.status, 'completed', `${NODE.create(spec)}: json.status`);
	videoId = String(created?.json?.id ?? '');
	checks.that(
		spec.idPattern.test(videoId),
		`${NODE.create(spec)}: json.id is a ${spec.label} id (${videoId})`,
		videoId,
	);
	const bin = created?.binary?.data;
	if (
		checks.that(
			bin,
			`${NODE.create(spec)}: binary "data" present`,
			Object.keys(created?.binary ?? {}),
		)
	) {
		checks.equal(bin!.mimeType, 'video/mp4', `${NODE.create(spec)}: binary mimeType`);
		const bytes = readBinary(inst.userFolder, bin!);
		// the host modes serve the MP4 the model family made (test/server/families)
		const served = server.videos.has(videoId) ? await server.servedBytes(videoId) : undefined;
		checks.that(
			bytes && looksLikeMp4(bytes) && served && bytes.equals(served),
			`${NODE.create(spec)}: binary bytes are the MP4 the host served (${bytes?.length ?? '?'} bytes)`,
		);
	}

	const wrong = server.requests.filter(
		(r) =>
			r.headers[CUSTOM_HEADER.toLowerCase()] !== spec.mode ||
			r.headers.authorization !== `Bearer ${apiKey}`,
	);
	checks.that(
		server.requests.length > 0 && wrong.length === 0,
		`every request to the host carried the key and the credential's ${CUSTOM_HEADER} header (${server.requests.length} requests)`,
		wrong.map(asRequest),
	);
	if (spec.resultOnCdn) {
		const cdn = server.cdn.requests.length;
		checks.that(
			cdn > 0 && !server.cdn.sawCredentials,
			`${NODE.create(spec)}: the MP4 came from the result URL on the host's CDN, without the key (${cdn} CDN requests)`,
		);
	}

	const got = onlyItem(checks, run, NODE.get(spec));
	checks.that(!got?.json?.error, `${NODE.get(spec)}: no error`, got?.json?.error);
	checks.equal(got?.json?.id, videoId, `${NODE.get(spec)}: json.id`);
	checks.equal(got?.json?.status, 'completed', `${NODE.get(spec)}: json.status`);

	const failed = String(onlyItem(checks, run, NODE.failing(spec))?.json?.error ?? '');
	const failedId = /\[item 0, video ([\w-]+)\]$/.exec(failed)?.[1] ?? '';
	checks.that(
		/^Video generation failed: .+ \[item 0, video [\w-]+\]$/.test(failed) &&
			!/timed out|without a reason/i.test(failed),
		`${NODE.failing(spec)}: fails with the host's reason (${failed})`,
		failed,
	);
	if (failedId) {
		const polls = server.requests.filter(
			(r) => r.method === 'GET' && r.path === `/videos/${failedId}`,
		).length;
		checks.that(
			polls <= 4,
			`${NODE.failing(spec)}: ended at the host's first failed answer, not at Timeout (${polls} status checks)`,
			polls,
		);
	}

	const unknown = String(onlyItem(checks, run, NODE.unknown(spec))?.json?.error ?? '');
	checks.that(
		spec.unknownMessage.test(unknown),
		`${NODE.unknown(spec)}: the host's message (${unknown})`,
		unknown,
	);

	const sent = server.requests.map(asRequest);
	for (const lacked of spec.lacks) {
		const name = NODE.lacks(spec, lacked.operation);
		const error = String(onlyItem(checks, run, name)?.json?.error ?? '');
		const expected = new RegExp(
			`^${escape(spec.label)} does not offer ${escape(lacked.operation)} \\[item 0(, (video|character) [\\w-]+)?\\]$`,
		);
		checks.that(expected.test(error), `${name}: "${error}"`, error);
		const reached = sent.filter((r) => lacked.request.test(r));
		checks.that(reached.length === 0, `${name}: no request reached the server`, reached);
	}
}
