/**
 * A model family is one file and one line in the registry (issue 24): a fake family added through
 * the registry alone shows in the node's description, its search aliases and its editor choices,
 * and (at compile time, `npm run typecheck`) every host's channel table must give it a row.
 */
import { loadOptions } from '../harness/runNode';
import { createParams, useReferenceServer } from '../node/setup';
import { Sora } from '../../nodes/Sora/Sora.node';
import { AI_HUB_MIX_CHANNELS } from '../../nodes/Sora/hosts/aiHubMix';
import { COMET_API_CHANNELS } from '../../nodes/Sora/hosts/cometApi';
import { LAO_ZHANG_CHANNELS } from '../../nodes/Sora/hosts/laoZhang';
import { NEW_API_CHANNELS } from '../../nodes/Sora/hosts/newApi';
import type { Channel, NotOffered } from '../../nodes/Sora/hosts/types';
import { familyOf, MODEL_FAMILIES } from '../../nodes/Sora/models';
import type { ModelFamily } from '../../nodes/Sora/models/types';

jest.mock('../../nodes/Sora/models/registry', () => {
	const actual = jest.requireActual('../../nodes/Sora/models/registry');
	const mockLumen = {
		id: 'lumen',
		label: 'Lumen',
		aliases: ['Lumen', 'Lumen Video'],
		modelIds: ['lumen-1'],
		ids: /^lumen/,
		models: [
			{
				label: 'Lumen 1',
				durations: [3, 7],
				defaultDuration: 7,
				aspectRatios: ['16:9', '2:3'],
				defaultAspectRatio: '2:3',
				resolutions: ['540p'],
				defaultResolution: '540p',
				firstFrame: 'optional',
				lastFrame: false,
				audio: false,
				seed: false,
				negativePrompt: false,
			},
		],
	};
	return { ...actual, MODEL_FAMILIES: [...actual.MODEL_FAMILIES, mockLumen] };
});

describe('a fake family added through the registry alone', () => {
	const api = useReferenceServer({ mode: 'newapi' });
	const description = new Sora().description;

	test('is recognised from its ids', () => {
		expect(MODEL_FAMILIES.map((family) => family.id)).toContain('lumen');
		expect(familyOf('provider/lumen-1')).toBe('lumen');
	});

	test("is named in the node's description and its Model field's", () => {
		expect(description.description).toMatch(/with Veo, .*Lumen or Sora 2 through/);
		const modelField = description.properties.find((property) => property.name === 'model');
		expect(modelField?.description).toMatch(/Muse, Lumen and Sora 2; e\.g\./);
	});

	test("is found by its aliases in n8n's node search", () => {
		expect(description.codex?.alias).toEqual(expect.arrayContaining(['Lumen', 'Lumen Video']));
		expect(description.codex?.alias).toEqual(expect.arrayContaining(['Sora', 'Veo', 'MiniMax']));
	});

	test('offers its own choices in the editor (Duration, Aspect Ratio, Resolution)', async () => {
		const parameters = createParams({
			model: { __rl: true, mode: 'id', value: 'lumen-1' },
			duration: '',
			size: '',
		});
		const credentials = { ...api.credentials, hostType: 'openai' };
		const durations = await loadOptions('durationChoices', credentials, parameters);
		expect(durations.map((option) => option.value)).toEqual(['', 3, 7]);
		expect(durations[0].name).toBe("Model's Default: 7 s (Not Sent)");
		const ratios = await loadOptions('aspectRatioChoices', credentials, parameters);
		expect(ratios.map((option) => option.value)).toEqual(['', '16:9', '2:3']);
		const resolutions = await loadOptions('resolutionChoices', credentials, parameters);
		expect(resolutions.map((option) => option.value)).toEqual(['', '540p']);
	});
});

/**
 * Compile-time: the registry with one more family, and each host's table typed against it. Every
 * table lacks the new family's row, which the compiler reports (`npm run typecheck` fails if a
 * `@ts-expect-error` has nothing to expect, i.e. if a table stopped asking for every family).
 */
const withLumen = [...MODEL_FAMILIES, { id: 'lumen' } as ModelFamily<'lumen'>] as const;
type IdsWithLumen = (typeof withLumen)[number]['id'];
type TableWithLumen = Readonly<Record<IdsWithLumen, Channel | NotOffered>>;

test('every host table is typed to ask for a row per registry family (checked by tsc)', () => {
	// @ts-expect-error new-api's table has no row for the new family
	const newApi: TableWithLumen = NEW_API_CHANNELS;
	// @ts-expect-error LaoZhang's table has no row for the new family
	const laoZhang: TableWithLumen = LAO_ZHANG_CHANNELS;
	// @ts-expect-error CometAPI's table has no row for the new family
	const cometApi: TableWithLumen = COMET_API_CHANNELS;
	// @ts-expect-error AiHubMix's table has no row for the new family
	const aiHubMix: TableWithLumen = AI_HUB_MIX_CHANNELS;
	const rows = [newApi, laoZhang, cometApi, aiHubMix].map((table) => Object.keys(table).length);
	expect(rows).toEqual(rows.map(() => MODEL_FAMILIES.length - 1));
});
