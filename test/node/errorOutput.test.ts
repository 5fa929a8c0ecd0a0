import { createParams, useReferenceServer } from './setup';

/**
 * Settings → On Error in n8n's real engine: "Continue (using error output)" sends a failed item to
 * the error output (the last output) with its video id; "Continue (using regular output)" keeps it
 * a flat error item on the main output.
 */
describe('On Error', () => {
	const api = useReferenceServer();
	const items = [
		{ json: { prompt: 'good one' } },
		{ json: { prompt: '  ' } },
		{ json: { prompt: 'blocked [fail]' } },
	];

	test('Continue (using error output): failed items reach the error output with the video id, good ones the main output', async () => {
		const { outputs, error } = await api.run(createParams({ prompt: '={{ $json.prompt }}' }), {
			onError: 'continueErrorOutput',
			items,
		});
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(2);
		const [success, failed] = outputs;
		expect(success).toHaveLength(1);
		expect(success[0].json.status).toBe('completed');
		expect(success[0].pairedItem).toEqual({ item: 0 });
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		// n8n merges the input item's json under the error item's
		expect(failed[0].json).toEqual({
			prompt: '  ',
			message: 'Prompt is empty: enter a text that describes the video [item 1]',
			error: {
				message: 'Prompt is empty: enter a text that describes the video [item 1]',
				description: expect.any(String),
			},
		});
		const paid = failed[1].json as {
			message: string;
			error: { message: string; videoId: string; video: { id: string; status: string } };
		};
		expect(paid.error.videoId).toMatch(/^video_/);
		expect(paid.error.video).toMatchObject({ id: paid.error.videoId, status: 'failed' });
		expect(paid.message).toBe(
			`Video generation failed: Your request was blocked by our moderation system. [item 2, video ${paid.error.videoId}]`,
		);
		expect(paid.error.message).toBe(paid.message);
		expect(api.server.createCount).toBe(2);
	});

	test('Continue (using error output): a 404 of Get keeps the HTTP code and the asked video id', async () => {
		const { outputs } = await api.run(
			{
				resource: 'video',
				operation: 'get',
				videoId: '={{ $json.videoId }}',
				waitForCompletion: false,
			},
			{ onError: 'continueErrorOutput', items: [{ json: { videoId: 'video_nope' } }] },
		);
		expect(outputs[0]).toEqual([]);
		expect(outputs[1]).toHaveLength(1);
		const json = outputs[1][0].json as {
			videoId: string;
			message: string;
			error: { httpCode: string; description: string };
		};
		expect(json.videoId).toBe('video_nope');
		expect(json.message).toMatch(/\[item 0, video video_nope\]$/);
		expect(json.error.httpCode).toBe('404');
		expect(json.error.description).toContain('HTTP 404 from GET /videos/video_nope');
	});

	test('Route by Status: a failed video goes to the third output (the error output), never Completed or Still Generating', async () => {
		const failed = await api.run(
			createParams({ prompt: 'bad [fail]', waitOptions: { pollIntervalSeconds: 1 } }),
			{ continueOnFail: true },
		);
		const videoId = String(failed.items[0].json.videoId);
		const { outputs } = await api.run(
			{ resource: 'video', operation: 'get', videoId, routeByStatus: true },
			{ onError: 'continueErrorOutput' },
		);
		expect(outputs).toHaveLength(3);
		expect(outputs[0]).toEqual([]);
		expect(outputs[1]).toEqual([]);
		expect(
			outputs[2].map((item) => [
				(item.json.error as { videoId: string }).videoId,
				item.json.message,
			]),
		).toEqual([
			[
				videoId,
				expect.stringMatching(new RegExp(`^Video generation failed: .*video ${videoId}\\]$`)),
			],
		]);
	});

	test('Continue (using regular output): failed items stay flat error items on the main output', async () => {
		const { outputs, error } = await api.run(createParams({ prompt: '={{ $json.prompt }}' }), {
			onError: 'continueRegularOutput',
			items,
		});
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(1);
		const [main] = outputs;
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(main[0].json.status).toBe('completed');
		expect(main[1].json.error).toBe(
			'Prompt is empty: enter a text that describes the video [item 1]',
		);
		const videoId = String(main[2].json.videoId);
		expect(videoId).toMatch(/^video_/);
		expect(main[2].json.error).toBe(
			`Video generation failed: Your request was blocked by our moderation system. [item 2, video ${videoId}]`,
		);
		expect(main[2].json.video).toMatchObject({ id: videoId, status: 'failed' });
	});
});
