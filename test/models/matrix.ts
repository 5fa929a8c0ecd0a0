import { readBinary } from '../harness/runNode';
import { useReferenceServer } from '../node/setup';
import { PORTRAIT_PNG } from '../server/family-jobs';
import { greyThumbnail, probeMp4, thumbnailDistance } from '../server/probe-mp4';
import type { ServerMode } from '../server/types';
import { createParameters, type Pair } from './pairs';

/**
 * The matrix in n8n's engine, for the pairs of one host mode (issue 19, "Done when"):
 * 1. the duration, aspect ratio (or resolution) and first frame the pair takes give an MP4 that measures as
 *    asked (ffprobe of the downloaded binary, the node's own `measured`/`asAsked`, and the first frame's picture);
 * 2. a field the pair cannot take is refused with no POST at all;
 * 3. a failing job ends with the host's reason within two status checks.
 */
export function describeMatrix(mode: ServerMode, pairs: Pair[]): void {
	const api = useReferenceServer({ mode, generationMs: 100, refreshMs: 0 });
	const frameItem = () => [
		{
			json: {},
			binary: { frame: { data: PORTRAIT_PNG, fileName: 'first.png', mimeType: 'image/png' } },
		},
	];
	const run = (pair: Pair, parameters: Record<string, unknown>) =>
		api.run(parameters as never, {
			credentials: { ...api.credentials, hostType: pair.hostType },
			items: frameItem(),
			continueOnFail: true,
		});
	const posts = () => api.requests({ method: 'POST' });

	describe.each(pairs.map((pair) => [`${pair.model} (${pair.family})`, pair] as const))(
		'%s',
		(_name, pair) => {
			test(`${pair.ask.duration} s${pair.ask.aspectRatio ? `, ${pair.ask.aspectRatio}` : ''}${pair.ask.resolution ? `, ${pair.ask.resolution}` : ''}${pair.ask.firstFrame ? ', from a first frame' : ''}: the MP4 measures as asked`, async () => {
				const { items, error } = await run(pair, createParameters(pair));
				expect(error).toBeUndefined();
				expect(items[0].json.error ?? null).toBeNull(); // the host's video object may carry error: null
				const binary = items[0].binary?.data;
				expect(binary).toBeDefined();
				const bytes = await readBinary(binary!);
				const probed = probeMp4(bytes);
				expect([probed.width, probed.height, Math.round(probed.durationSeconds)]).toEqual([
					pair.expected.width,
					pair.expected.height,
					pair.expected.seconds,
				]);
				expect(items[0].json).toMatchObject({
					asAsked: true,
					differences: [],
					modelFamily: pair.family,
				});
				expect(items[0].json.measured).toMatchObject({
					width: pair.expected.width,
					height: pair.expected.height,
				});
				if (pair.ask.firstFrame) {
					const video = [...api.server.videos.values()][0];
					expect(video.rendered?.firstFrameReached).toBe(true);
					expect(
						thumbnailDistance(
							greyThumbnail(bytes, 'video.mp4'),
							greyThumbnail(PORTRAIT_PNG, 'image.png'),
						),
					).toBeLessThan(12);
				}
				expect(posts()).toHaveLength(1);
			});

			test(`refuses what it cannot take (${Object.keys(pair.refused.parameters).join(', ')}) before paying`, async () => {
				const { items } = await run(pair, {
					...createParameters(pair),
					...pair.refused.parameters,
				});
				expect(String(items[0].json.error)).toMatch(pair.refused.names);
				expect(posts()).toHaveLength(0);
			});

			test(
				pair.failure
					? "a failing job ends with the host's reason within two status checks"
					: 'a failing job the host never calls failed ends with what the node knows',
				async () => {
					const { items } = await run(pair, createParameters(pair, 'A paper boat [fail]'));
					const message = String(items[0].json.error);
					if (pair.failure) expect(message).toMatch(pair.failure);
					else expect(message).toMatch(/never reports a failed job/);
					const video = [...api.server.videos.values()][0];
					// status checks once the job had failed (the node's first look at the failure, and at most one more)
					const statusChecks = api
						.requests({ method: 'GET' })
						.filter(
							(request) =>
								request.path === `/videos/${video.id}` &&
								(request.receivedAtMs ?? 0) >= video.finishMs,
						);
					if (pair.failure) expect(statusChecks.length).toBeLessThanOrEqual(2);
					expect(posts()).toHaveLength(1);
				},
			);
		},
	);
}
