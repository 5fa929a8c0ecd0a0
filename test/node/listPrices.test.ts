import { readFixture } from '../server/fixtures';
import { useReferenceServer } from './setup';

/**
 * Issue 25: a family other than Sora has a price known before paying (the vendor's list price, saying
 * whose it is), the user's Price per Second still wins, and Max Estimated Cost per Execution works
 * without a Price per Second for every family whose list price the node knows.
 */
describe('list prices through new-api', () => {
	const api = useReferenceServer({ mode: 'newapi', generationMs: 300, refreshMs: 0 });
	const veo = (options: Record<string, unknown> = {}, model = 'veo-3.1-generate-preview') =>
		({
			resource: 'video',
			operation: 'create',
			prompt: 'A paper boat drifting down a rainy street',
			model: { __rl: true, mode: 'id', value: model },
			duration: 8,
			aspectRatio: '16:9',
			resolution: '720p',
			waitForCompletion: false,
			options,
		}) as never;
	const run = (parameters: never, items = 1) =>
		api.run(parameters, {
			credentials: { ...api.credentials, hostType: 'newApi' },
			items: Array.from({ length: items }, () => ({ json: {} })),
		});

	test("Veo 3.1: Google's list price, named as such", async () => {
		const { items } = await run(veo());
		expect(items[0].json.estimatedCost).toEqual({
			usd: 3.2,
			usdPerSecond: 0.4,
			seconds: 8,
			priceSource: "Google's list price; your gateway's may differ",
			basis:
				"veo-3.1-generate-preview (Veo) 720p: $0.40/s (Google's list price; your gateway's may differ) × 8 s (estimate)",
		});
	});

	test('Price per Second wins over the list price', async () => {
		const { items } = await run(veo({ pricePerSecondUsd: 0.25 }));
		expect(items[0].json.estimatedCost).toMatchObject({
			usd: 2,
			priceSource: 'Price per Second option',
		});
	});

	test('the cap works without Price per Second: a batch over it is refused whole, nothing sent', async () => {
		const { error } = await run(veo({ maxEstimatedCostUsd: 6 }), 2);
		expect(error?.message).toBe(
			'Estimated cost $6.40 for 2 videos is above Max Estimated Cost per Execution ($6.00): nothing was sent',
		);
		expect(api.requests({ method: 'POST' })).toHaveLength(0);
	});

	test('within the cap the batch goes through', async () => {
		const { items } = await run(veo({ maxEstimatedCostUsd: 7 }), 2);
		expect(items).toHaveLength(2);
		expect(api.requests({ method: 'POST' })).toHaveLength(2);
	});

	test('a family whose list price was not found still needs Price per Second for the cap', async () => {
		const kling = {
			...(veo({ maxEstimatedCostUsd: 7 }) as object),
			model: { __rl: true, mode: 'id', value: 'kling-v2-1' },
			duration: 5,
			resolution: '',
		} as never;
		const { error } = await run(kling);
		expect(error?.message).toBe(
			'1 of 1 videos have no known price, so Max Estimated Cost per Execution ($7.00) cannot be checked: nothing was sent',
		);
		expect(api.requests({ method: 'POST' })).toHaveLength(0);
	});
});

describe('list prices through LiteLLM', () => {
	const api = useReferenceServer({ mode: 'litellm', generationMs: 300, refreshMs: 0 });

	test("Runway Gen-4 Turbo: Runway's list price ($0.05/s), named as such", async () => {
		const { items, error } = await api.run(
			{
				resource: 'video',
				operation: 'create',
				prompt: 'A paper boat drifting down a rainy street',
				model: { __rl: true, mode: 'id', value: 'runwayml/gen4_turbo' },
				duration: 10,
				aspectRatio: '16:9',
				resolution: '',
				referenceImage: 'binary',
				referenceImageBinaryProperty: 'frame',
				waitForCompletion: false,
				options: {},
			} as never,
			{
				credentials: { ...api.credentials, hostType: 'liteLlm' },
				items: [
					{
						json: {},
						binary: {
							frame: {
								data: readFixture('input-1280x720.jpg'),
								fileName: 'first.jpg',
								mimeType: 'image/jpeg',
							},
						},
					},
				],
			},
		);
		expect(error).toBeUndefined();
		expect(items[0].json.estimatedCost).toEqual({
			usd: 0.5,
			usdPerSecond: 0.05,
			seconds: 10,
			priceSource: "Runway's list price; your gateway's may differ",
			basis:
				"runwayml/gen4_turbo (Runway) 1280x720: $0.05/s (Runway's list price; your gateway's may differ) × 10 s (estimate)",
		});
	});
});
