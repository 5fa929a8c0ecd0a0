/**
 * OpenRouter's passthrough (issue 25), in n8n's engine: a model's allowed_passthrough_parameters and a
 * `provider.options.<slug>` object reach the host as written; another key of Additional Body Fields,
 * which OpenRouter would not pass on, is refused before paying.
 */
import { useReferenceServer } from '../node/setup';

const api = useReferenceServer({ mode: 'openrouter', generationMs: 300, refreshMs: 0 });
const run = (fields: Record<string, unknown>) =>
	api.run(
		{
			resource: 'video',
			operation: 'create',
			prompt: 'A paper boat drifting down a rainy street',
			model: { __rl: true, mode: 'id', value: 'minimax/hailuo-3' },
			duration: 6,
			resolution: '1080p',
			waitForCompletion: true,
			downloadVideo: false,
			waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 0.05 },
			options: { additionalBodyFields: JSON.stringify(fields) },
		} as never,
		{ credentials: { ...api.credentials, hostType: 'openRouter' }, continueOnFail: true },
	);

test('minimax/hailuo-3: prompt_optimizer (its passthrough) and provider.options.minimax reach OpenRouter', async () => {
	const provider = { options: { minimax: { aigc_watermark: false } } };
	const { items } = await run({ prompt_optimizer: false, provider });
	expect(items[0].json.error ?? null).toBeNull();
	expect(items[0].json.status).toBe('completed');
	expect(api.requests({ method: 'POST' })[0].json).toMatchObject({
		model: 'minimax/hailuo-3',
		duration: 6,
		resolution: '1080p',
		prompt_optimizer: false,
		provider,
	});
});

test('a key outside its passthrough parameters is refused before paying', async () => {
	const { items } = await run({ watermark: false });
	expect(String(items[0].json.error)).toMatch(
		/minimax\/hailuo-3 on OpenRouter does not pass on "watermark": its passthrough parameters are prompt_optimizer/,
	);
	expect(api.requests({ method: 'POST' })).toHaveLength(0);
});
