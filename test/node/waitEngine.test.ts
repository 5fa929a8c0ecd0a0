import { readBinary } from '../harness/runNode';
import { createParams, useReferenceServer } from './setup';

const api = useReferenceServer();

const statusPolls = () => api.requests({ method: 'GET', path: /^\/videos\/video_[^/]+$/ });

describe('the wait engine', () => {
	test('submits every item first, then answers in input order with correct pairing whatever the completion order', async () => {
		const prompts = [
			'slowest [gen=1500]',
			'fastest [gen=200]',
			'middle [gen=800]',
			'fast [gen=300]',
		];
		const { items, error } = await api.run(createParams({ prompt: '={{ $json.prompt }}' }), {
			items: prompts.map((prompt) => ({ json: { prompt } })),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.prompt)).toEqual(prompts);
		expect(items.map((item) => item.pairedItem)).toEqual(prompts.map((_, item) => ({ item })));
		for (const item of items)
			expect((await readBinary(item.binary!.data)).equals(api.server.fixture('video'))).toBe(true);
		const firstPoll = api.server.requests.findIndex((r) => r.method === 'GET');
		const lastCreate = api.server.requests.map((r) => r.method).lastIndexOf('POST');
		expect(lastCreate).toBeLessThan(firstPoll);
	});

	test('keeps at most Max Concurrent Jobs generating and starts the next as soon as one ends', async () => {
		const { items } = await api.run(
			createParams({
				prompt: '={{ $json.prompt }}',
				waitOptions: { pollIntervalSeconds: 1, maxConcurrentJobs: 2 },
			}),
			{
				items: ['a [gen=200]', 'b [gen=200]', 'c [gen=200]', 'd [gen=200]', 'e [gen=200]'].map(
					(prompt) => ({ json: { prompt } }),
				),
			},
		);
		expect(items.every((item) => item.json.status === 'completed')).toBe(true);
		let generating = 0;
		let peak = 0;
		const done = new Set<string>();
		for (const request of api.server.requests) {
			if (request.method === 'POST') peak = Math.max(peak, ++generating);
			if (request.path.endsWith('/content')) {
				const id = request.path.split('/')[2];
				if (!done.has(id)) (generating--, done.add(id));
			}
		}
		expect(peak).toBe(2);
	});

	test('a failed video among completed ones fails only its own item', async () => {
		const { items } = await api.run(createParams({ prompt: '={{ $json.prompt }}' }), {
			continueOnFail: true,
			items: [
				{ json: { prompt: 'ok' } },
				{ json: { prompt: 'no [fail]' } },
				{ json: { prompt: 'ok too' } },
			],
		});
		expect(items.map((item) => item.json.status ?? 'error')).toEqual([
			'completed',
			'error',
			'completed',
		]);
		expect(items[1].json.error).toContain(String(items[1].json.videoId));
	});

	test('without Continue On Fail the error still names the videos the other items made', async () => {
		const { error } = await api.run(createParams({ prompt: '={{ $json.prompt }}' }), {
			items: [{ json: { prompt: 'ok' } }, { json: { prompt: 'no [fail]' } }],
		});
		const ok = [...api.server.videos.values()].find((v) => v.prompt === 'ok')!;
		expect(error?.message).toMatch(/^Video generation failed: .* \[item 1, video video_\w+\]$/);
		expect(error?.description).toContain(`item 0: ${ok.id} (completed)`);
	});

	test('cancelling the execution ends the wait and sends nothing more', async () => {
		const running = api.start(
			createParams({ prompt: 'long [gen=60000]', waitOptions: { pollIntervalSeconds: 1 } }),
		);
		while (statusPolls().length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
		running.cancel();
		const outcome = await running.result.then(
			(result) => result,
			(error: Error) => ({ error }),
		);
		const sentAtCancel = api.server.requests.length;
		// longer than the Poll Interval (1 s): a status check still scheduled would have gone out
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(api.server.requests.length).toBe(sentAtCancel);
		expect(outcome).toBeDefined();
	});

	test('on timeout, "Error" names the video and how to resume it', async () => {
		const { error } = await api.run(
			createParams({
				prompt: 'long [gen=60000]',
				waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 0.02 },
			}),
		);
		const [video] = [...api.server.videos.values()];
		expect(error?.message).toMatch(
			new RegExp(
				`^Timed out after 1\\.2 s waiting for video ${video.id} \\(status (queued|in_progress), \\d+%\\) \\[item 0, video ${video.id}\\]$`,
			),
		);
		expect(error?.description).toContain(
			`Resume with the Get operation (Wait for Completion on) for ${video.id}`,
		);
	});

	test('on timeout, "Output Current State" outputs the video so that Get with wait can resume it', async () => {
		const { items, error } = await api.run(
			createParams({
				prompt: 'long [gen=1500]',
				waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 0.01, onTimeout: 'outputState' },
			}),
		);
		expect(error).toBeUndefined();
		expect(['queued', 'in_progress']).toContain(items[0].json.status);
		expect(items[0].json.timedOut).toBe(true);
		expect(items[0].json.elapsedSeconds).toEqual(expect.any(Number));
		expect(items[0].binary).toBeUndefined();
		const resumed = await api.run({
			resource: 'video',
			operation: 'get',
			videoId: String(items[0].json.id),
			waitForCompletion: true,
			downloadVideo: true,
			waitOptions: { pollIntervalSeconds: 1 },
		});
		expect(resumed.items[0].json.status).toBe('completed');
		expect(resumed.items[0].binary?.data).toBeDefined();
	});

	test("honours the host's openai-poll-after-ms hint", async () => {
		api.server.setOptions({ pollAfterMs: 200 });
		try {
			await api.run(
				createParams({ prompt: 'hinted [gen=1500]', waitOptions: { pollIntervalSeconds: 10 } }),
			);
		} finally {
			api.server.setOptions({ pollAfterMs: undefined });
		}
		expect(statusPolls().length).toBeGreaterThanOrEqual(5);
	});

	test('never polls again once the last video is done, and never sleeps a fixed interval after it', async () => {
		await api.run(
			createParams({ prompt: 'quick [gen=100]', waitOptions: { pollIntervalSeconds: 10 } }),
		);
		const polls = statusPolls();
		expect(polls.length).toBe(1);
		expect(polls[0].status).toBe(200);
	});

	test.each([
		['rate-limit'],
		['rate-limit-no-header'],
		['server-error-500'],
		['server-error-503'],
		['reset-before-response'],
		['malformed-json'],
	] as const)('a %s answer while polling is retried and never fails the item', async (kind) => {
		api.server.injectFault({ kind, method: 'GET', path: '/videos/{id}', count: 2 });
		const { items, error } = await api.run(createParams());
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('completed');
		expect(api.server.requests.filter((r) => r.fault === kind)).toHaveLength(2);
		expect(api.server.createCount).toBe(1);
	});

	test.each([
		['mid-download-reset'],
		['truncated-body'],
		['server-error-502'],
		['rate-limit'],
	] as const)(
		'a download hit by %s is retried from the start and the file handed on is whole',
		async (kind) => {
			api.server.injectFault({ kind, method: 'GET', path: '/videos/{id}/content', count: 2 });
			const { items, error } = await api.run(createParams());
			expect(error).toBeUndefined();
			expect((await readBinary(items[0].binary!.data)).equals(api.server.fixture('video'))).toBe(
				true,
			);
			expect(api.requests({ path: /\/content$/ })).toHaveLength(3);
		},
	);

	test('a download that keeps failing fails the item without handing on a partial file', async () => {
		api.server.injectFault({
			kind: 'truncated-body',
			method: 'GET',
			path: '/videos/{id}/content',
			count: 100,
		});
		const { items } = await api.run(createParams(), { continueOnFail: true });
		expect(items[0].binary).toBeUndefined();
		expect(items[0].json.error).toMatch(
			/^The video download kept failing: a download cut short \[item 0, video video_\w+\]$/,
		);
	}, 120_000);
});
