import { PHASES, chosenLines, chosenPhases } from '../../scripts/e2e/phases';

const names = (env: NodeJS.ProcessEnv) => chosenPhases(env).map((phase) => phase.name);

describe('the e2e phases table', () => {
	test('every phase by default, in table order, in every n8n line some phase lists', () => {
		expect(names({})).toEqual(PHASES.map((phase) => phase.name));
		expect(chosenLines(chosenPhases({}), undefined)).toEqual(['2.x', '1.123', '1.85']);
	});

	test('SORA_E2E_PHASES and SORA_E2E_SKIP choose; the one-phase flags still work', () => {
		expect(names({ SORA_E2E_PHASES: 'models, hosts' })).toEqual(['hosts', 'models']);
		expect(names({ SORA_E2E_MODELS_ONLY: '1' })).toEqual(['models']);
		expect(names({ SORA_E2E_SKIP_QUEUE: '1' })).not.toContain('queue');
		expect(names({ SORA_E2E_SKIP: 'queue,agent' })).not.toEqual(expect.arrayContaining(['queue']));
	});

	test('only the n8n lines the chosen phases need, within SORA_E2E_ONLY', () => {
		expect(chosenLines(chosenPhases({ SORA_E2E_HOSTS_ONLY: '1' }), undefined)).toEqual([
			'2.x',
			'1.123',
		]);
		expect(chosenLines(chosenPhases({ SORA_E2E_PHASES: 'queue' }), undefined)).toEqual(['2.x']);
		expect(chosenLines(chosenPhases({}), '1')).toEqual(['1.123', '1.85']);
	});

	test('an unknown phase name is an error naming the phases', () => {
		expect(() => chosenPhases({ SORA_E2E_PHASES: 'modles' })).toThrow(
			/unknown e2e phase modles: the phases are cli, server/,
		);
	});
});
