import { useReferenceServer } from './setup';

/**
 * Host Type Auto with a Base URL of no known family (a new-api reseller's own domain): before the
 * first create of a family whose keys differ per host, the free model list says it is new-api, so a
 * Kling 10-second portrait is spelled for new-api's Kling channel (`duration`) and measures as asked.
 */

describe('Host Type Auto at a new-api gateway', () => {
	const api = useReferenceServer({ mode: 'newapi', generationMs: 300, refreshMs: 0 });

	test('a Kling create is spelled for new-api after one free GET /models, and the MP4 is 10 s portrait', async () => {
		const { items, error } = await api.run(
			{
				resource: 'video',
				operation: 'create',
				prompt: 'A paper boat',
				model: { __rl: true, mode: 'id', value: 'kling-v2-1' },
				duration: 10,
				aspectRatio: '9:16',
				waitForCompletion: true,
				downloadVideo: true,
				waitOptions: { pollIntervalSeconds: 1 },
			},
			{ credentials: { ...api.credentials, hostType: 'auto' } },
		);
		expect(error).toBeUndefined();
		expect(
			api
				.requests()
				.map((r) => `${r.method} ${r.path}`)
				.slice(0, 2),
		).toEqual(['GET /models', 'POST /videos']);
		expect(api.requests({ method: 'POST' })[0].json).toMatchObject({
			duration: 10,
			metadata: { aspect_ratio: '9:16' },
		});
		expect(items[0].json).toMatchObject({
			asAsked: true,
			measured: { width: 720, height: 1280, durationSeconds: expect.closeTo(10, 0) },
		});
	});
});
