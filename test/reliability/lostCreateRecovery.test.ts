/**
 * Lost-create recovery (engine/lostCreateRecovery.ts): the job of a create whose answer was lost
 * is looked up with List and adopted only when it is certainly this create's. Each case is one of
 * the ways a wrong job could be adopted: the soak checks the common case at scale.
 */
import { CreateRecord, processCreates } from '../../nodes/Sora/engine/lostCreateRecovery';
import { logger } from '../harness/runNode';
import { createParams, seedVideo, useReferenceServer } from '../node/setup';

const api = useReferenceServer({ generationMs: 300 });

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function whenRequested(method: string, path: RegExp, count = 1): Promise<void> {
	while (api.requests({ method, path }).length < count) await wait(20);
}

describe("lost-create recovery: List, and only a job that is certainly this create's", () => {
	test('within one run: a job whose answer was lost is recovered and downloaded, and nothing is re-sent', async () => {
		api.server.injectFault({
			kind: 'server-error-after-processing',
			method: 'POST',
			path: '/videos',
		});
		const { items } = await api.run(createParams(), { continueOnFail: true });
		expect(items[0].json).toMatchObject({ status: 'completed', error: null });
		expect(items[0].binary?.data).toBeDefined();
		expect(api.requests({ method: 'POST', path: /^\/videos$/ })).toHaveLength(1);
		expect(api.server.createCount).toBe(1);
	});

	test("within one run: a create that never reached processing (500 before it) is refused, not given another item's job", async () => {
		api.server.injectFault({ kind: 'server-error-500', method: 'POST', path: '/videos' });
		const { items } = await api.run(createParams({ prompt: '={{ $json.p }}' }), {
			continueOnFail: true,
			items: [{ json: { p: 'same prompt' } }, { json: { p: 'same prompt' } }],
		});
		const named = items.map((item) => item.json.id ?? item.json.videoId).filter(Boolean);
		expect(new Set(named).size).toBe(named.length);
		expect(
			items.filter((item) => /may have created a video/.test(String(item.json.error))),
		).toHaveLength(1);
	});

	// Two guards keep it out: this process's record of answered ids, and the time window (a job made
	// before the request left is never its job). Each is tested alone.
	test.each([
		['the record of answered ids (same process)', false],
		['the time window (the record forgotten, the video made 3 s before)', true],
	])(
		"a create that made no job does not adopt the previous run's video of the same prompt: %s",
		async (_guard, forgotten) => {
			const first = await api.run(createParams());
			const previous = first.items[0].json.id as string;
			if (forgotten) {
				processCreates.clear();
				const video = api.server.videos.get(previous) as unknown as { created_at: number };
				video.created_at -= 3;
			}
			api.server.injectFault({ kind: 'server-error-500', method: 'POST', path: '/videos' });
			const second = await api.run(createParams(), { continueOnFail: true });
			expect(api.server.createCount).toBe(1);
			expect(second.items[0].json.id).not.toBe(previous);
			expect(second.items[0].json.error).toMatch(/may have created a video/);
		},
	);

	test('a create held by rate limiting opens its window when it leaves: a same-prompt job made during the hold is not adopted', async () => {
		// a real hold: longer than the 1 s the window allows for the host's whole-second clock
		api.server.setOptions({ retryAfterMs: 1000 });
		const other = await seedVideo(api.server, 'A paper boat on a rainy street');
		for (let i = 0; i < 4; i++)
			api.server.injectFault({ kind: 'rate-limit', method: 'POST', path: '/videos' });
		api.server.injectFault({ kind: 'server-error-500', method: 'POST', path: '/videos' });
		const running = api.start(createParams(), { continueOnFail: true });
		await whenRequested('POST', /^\/videos$/);
		// another client's job of the same prompt, made while this create is held (4 × 1 s retry-after)
		(api.server.videos.get(other) as unknown as { created_at: number }).created_at = Math.floor(
			Date.now() / 1000,
		);
		const { items } = await running.result.finally(() =>
			api.server.setOptions({ retryAfterMs: 20 }),
		);
		expect(api.requests({ method: 'POST', path: /^\/videos$/ })).toHaveLength(5);
		expect(items[0].json.id).not.toBe(other);
		expect(items[0].json.videoId).toBeUndefined();
		expect(items[0].json.error).toMatch(/may have created a video/);
	}, 60_000);

	test('an Edit whose create made no job never takes the video of a same-prompt Create', async () => {
		const source = await seedVideo(api.server, 'the source');
		const prompt = 'Make it snow';
		api.server.injectFault({
			kind: 'server-error-after-processing',
			method: 'POST',
			path: '/videos',
		});
		api.server.injectFault({ kind: 'server-error-500', method: 'POST', path: '/videos/edits' });
		const [created, edited] = await Promise.all([
			api.run(createParams({ prompt }), { continueOnFail: true }),
			api.run(
				{
					resource: 'video',
					operation: 'edit',
					videoSource: 'id',
					videoId: source,
					prompt,
					waitOptions: { pollIntervalSeconds: 1 },
				},
				{ continueOnFail: true },
			),
		]);
		const createJob = [...api.server.videos.values()].find(
			(video) => video.id !== source && video.prompt === prompt,
		)?.id;
		expect(createJob).toBeDefined();
		expect(edited.items[0].json.id).not.toBe(createJob);
		expect(edited.items[0].json.error).toMatch(/may have created a video/);
		// the Create either recovers its own job or says it may exist (the Edit's lost answer makes it ambiguous)
		expect([createJob, undefined]).toContain(created.items[0].json.id);
	});

	test.each([1, 2])(
		"two concurrent executions with the same prompt, %i answer(s) lost: each gets its own job or says it may exist, never the other's",
		async (lost) => {
			for (let i = 0; i < lost; i++)
				api.server.injectFault({ kind: 'reset-after-processing', method: 'POST', path: '/videos' });
			const prompt = 'Two executions, one prompt';
			const runs = await Promise.all(
				[1, 2].map(async () => await api.run(createParams({ prompt }), { continueOnFail: true })),
			);
			const items = runs.map((run) => run.items[0].json);
			expect(api.server.createCount).toBe(2);
			const ids = items.map((item) => item.id).filter(Boolean);
			expect(new Set(ids).size).toBe(ids.length);
			for (const item of items)
				if (!item.id) expect(item.error).toMatch(/may have created a video/);
			if (lost === 1) expect(ids).toHaveLength(2);
		},
	);

	test('List failures are logged and named in the error when recovery gives up', async () => {
		logger.clear();
		api.server.injectFault({
			kind: 'server-error-after-processing',
			method: 'POST',
			path: '/videos',
		});
		api.server.injectFault({ kind: 'server-error-503', method: 'GET', path: '/videos', count: 5 });
		const { error } = await api.run(createParams());
		expect(error?.message).toMatch(/may have created a video/);
		expect(error?.description).toContain(
			'The node looked for the job with List 2 times: List failed: HTTP 503; List failed: HTTP 503.',
		);
		expect(
			logger.lines.filter(
				(line) =>
					line.level === 'debug' &&
					/looking up a lost create with List failed: HTTP 503/.test(line.message),
			),
		).toHaveLength(2);
	});
});

describe('Host Honours Idempotency-Key', () => {
	beforeEach(() => api.server.setOptions({ honoursIdempotencyKey: true }));
	afterEach(() => api.server.setOptions({ honoursIdempotencyKey: false }));

	test.each([
		'server-error-after-processing',
		'reset-after-processing',
		'server-error-503',
	] as const)(
		'an ambiguous create (%s) is sent again with the same key: one job, delivered, no List',
		async (kind) => {
			api.server.injectFault({ kind, method: 'POST', path: '/videos' });
			const { items, error } = await api.run(
				createParams({ options: { hostHonoursIdempotencyKey: true } }),
			);
			expect(error).toBeUndefined();
			const posts = api.requests({ method: 'POST', path: /^\/videos$/ });
			expect(posts).toHaveLength(2);
			expect(posts[1].headers['idempotency-key']).toBe(posts[0].headers['idempotency-key']);
			expect(api.server.createCount).toBe(1);
			expect(items[0].json).toMatchObject({
				id: [...api.server.videos.keys()][0],
				status: 'completed',
			});
			expect(api.requests({ method: 'GET', path: /^\/videos$/ })).toHaveLength(0);
		},
	);
});

describe("the process's record of creates", () => {
	const create = (state: 'inFlight' | 'lost' | 'settled', startedAt: number) =>
		({ state, startedAt, prompt: 'p', signature: 's', owner: undefined }) as unknown as Parameters<
			CreateRecord['sent']['add']
		>[0];

	test('keeps a create in flight however old, forgets a settled or lost one and an answered id after 10 minutes; clear() forgets all', () => {
		const record = new CreateRecord();
		const now = 100 * 60_000;
		const inFlight = create('inFlight', 0);
		const recent = create('lost', now - 60_000);
		record.sent
			.add(inFlight)
			.add(recent)
			.add(create('settled', now - 11 * 60_000))
			.add(create('lost', now - 11 * 60_000));
		record.answered.set('video_old', now - 11 * 60_000).set('video_new', now - 1000);
		record.forgetOld(now);
		expect([...record.sent]).toEqual([inFlight, recent]);
		expect([...record.answered.keys()]).toEqual(['video_new']);
		record.clear();
		expect(record.sent.size + record.answered.size).toBe(0);
	});
});
