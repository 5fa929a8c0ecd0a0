/**
 * The create ledger (engine/createLedger.ts, commit 3c25cda) recovers, with List, the job of a
 * create whose answer was lost. The soak checks it within one execution (every item gets its own
 * job). These cases look at what List can also see: jobs of other executions.
 */
import { createParams, useReferenceServer } from '../node/setup';

const api = useReferenceServer({ generationMs: 300 });

describe('create ledger: recovering a lost answer with List', () => {
	test('within one run: a job whose answer was lost is recovered and downloaded, and nothing is re-sent', async () => {
		api.server.injectFault({ kind: 'server-error-after-processing', method: 'POST', path: '/videos' });
		const { items } = await api.run(createParams(), { continueOnFail: true });
		expect(items[0].json).toMatchObject({ status: 'completed', error: null });
		expect(items[0].binary?.data).toBeDefined();
		expect(api.requests({ method: 'POST', path: /^\/videos$/ })).toHaveLength(1);
		expect(api.server.createCount).toBe(1);
	});

	test('within one run: a create that never reached processing (500 before it) is refused, not given another item\'s job', async () => {
		api.server.injectFault({ kind: 'server-error-500', method: 'POST', path: '/videos' });
		const { items } = await api.run(createParams({ prompt: '={{ $json.p }}' }), {
			continueOnFail: true,
			items: [{ json: { p: 'same prompt' } }, { json: { p: 'same prompt' } }],
		});
		const named = items.map((item) => item.json.id ?? item.json.videoId);
		expect(new Set(named.filter(Boolean)).size).toBe(named.filter(Boolean).length);
		expect(items.filter((item) => /may have created a video/.test(String(item.json.error)))).toHaveLength(1);
	});

	// Was a bug (2-minute look-back): the previous run's job of the same prompt was adopted. Now only
	// jobs created since the send, on the host's clock (its Date header), qualify. What remains is the
	// host's one-second resolution: a same-prompt job of another execution made within about 2 s of
	// this send is indistinguishable (and then its content is the same request's).
	test("a create that made no job does not adopt the previous run's video of the same prompt", async () => {
		const first = await api.run(createParams());
		const previous = first.items[0].json.id as string;
		await new Promise((resolve) => setTimeout(resolve, 2500));
		api.server.injectFault({ kind: 'server-error-500', method: 'POST', path: '/videos' });
		const second = await api.run(createParams(), { continueOnFail: true });
		expect(api.server.createCount).toBe(1);
		expect(second.items[0].json.id).not.toBe(previous);
		expect(second.items[0].json.error).toMatch(/may have created a video/);
	});
});
