/**
 * The GitHub Actions workflows: valid YAML, CI runs the README's test command, the publish workflow
 * publishes with an npm provenance statement (id-token: write) from a version tag after build and
 * test, and no step prints a secret (secrets reach steps only through `env:`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');
const load = (name: string) =>
	parse(readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8'));
const steps = (workflow: any): any[] =>
	Object.values(workflow.jobs).flatMap((job: any) => job.steps);
const runs = (workflow: any): string[] =>
	steps(workflow)
		.map((s) => s.run)
		.filter(Boolean);

describe('.github/workflows', () => {
	const ci = load('ci.yml');
	const publish = load('publish.yml');

	it('ci.yml runs the README test command on pushes and pull requests', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		expect(readme).toContain('npm ci && npm test');
		expect(ci.on).toHaveProperty('push');
		expect(ci.on).toHaveProperty('pull_request');
		expect(runs(ci)).toEqual(
			expect.arrayContaining(['npm ci', 'npm run build', 'npm run lint', 'npm test']),
		);
	});

	it('publish.yml publishes with provenance from a version tag, after build and test', () => {
		expect(publish.on.push.tags).toEqual(['v*.*.*']);
		expect(publish.permissions['id-token']).toBe('write');
		const commands = runs(publish);
		const at = (command: string) => commands.findIndex((c) => c.startsWith(command));
		expect(at('npm publish --provenance --access public')).toBeGreaterThan(-1);
		for (const before of ['npm ci', 'npm run build', 'npm test'])
			expect(at(before)).toBeGreaterThan(-1);
		expect(at('npm run build')).toBeLessThan(at('npm publish'));
		expect(at('npm test')).toBeLessThan(at('npm publish'));
		const setupNode = steps(publish).find((s) => String(s.uses).startsWith('actions/setup-node'));
		expect(setupNode.with['registry-url']).toBe('https://registry.npmjs.org');
	});

	it.each(['ci.yml', 'publish.yml'])(
		'%s prints no secret: secrets appear only as env values',
		(name) => {
			const workflow = load(name);
			for (const step of steps(workflow)) {
				expect(String(step.run ?? '')).not.toMatch(/secrets\.|NODE_AUTH_TOKEN|NPM_TOKEN/);
				for (const value of Object.values(step.with ?? {}))
					expect(String(value)).not.toMatch(/secrets\./);
			}
			expect(readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8')).not.toMatch(
				/set -x|ACTIONS_STEP_DEBUG/,
			);
		},
	);
});
