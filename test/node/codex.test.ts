/**
 * The codex files: what n8n's node creator needs to list both nodes in its regular search, and
 * documentation links whose README anchors exist.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Sora } from '../../nodes/Sora/Sora.node';

const ROOT = path.join(__dirname, '..', '..');
/** The Sora node's codex is in its description (its aliases follow the model registry); the trigger's is a file. */
const CODEXES: Array<[string, any]> = [
	['the Sora node (description.codex)', new Sora().description.codex],
	[
		'nodes/SoraTrigger/SoraTrigger.node.json',
		JSON.parse(readFileSync(path.join(ROOT, 'nodes/SoraTrigger/SoraTrigger.node.json'), 'utf8')),
	],
];
const REPO_URL = 'https://github.com/n8n-nodes-sora/n8n-nodes-sora';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function readmeAnchors(): Set<string> {
	const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const anchors = new Set(['readme']);
	for (const [, heading] of readme.matchAll(/^#{1,6} (.+)$/gm)) {
		anchors.add(
			heading
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N} _-]/gu, '')
				.replace(/ /g, '-'),
		);
	}
	return anchors;
}

describe.each(CODEXES)('%s', (_name, codex) => {
	it('is not hidden from the regular search: an AI-category node must be an AI root node', () => {
		// n8n's node creator drops AI-category nodes from the regular search unless their AI
		// subcategories include "Root Nodes" (what its own OpenAI, Gemini and MiniMax nodes declare).
		if (codex.categories.includes('AI')) expect(codex.subcategories.AI).toContain('Root Nodes');
	});

	it('is found by the words a user types', () => {
		const words = codex.alias.map((a: string) => a.toLowerCase());
		for (const word of ['sora', 'sora 2', 'video']) expect(words).toContain(word);
	});

	it('links to README anchors that exist', () => {
		const anchors = readmeAnchors();
		const urls = Object.values(codex.resources).flatMap((links: any) =>
			links.map((l: { url: string }) => l.url),
		);
		expect(urls.length).toBeGreaterThan(0);
		for (const url of urls) {
			expect(url.startsWith(`${REPO_URL}#`)).toBe(true);
			expect(anchors).toContain(url.slice(REPO_URL.length + 1));
		}
	});
});

it('the credential documentation link is a README anchor too', () => {
	const source = readFileSync(path.join(ROOT, 'credentials', 'SoraApi.credentials.ts'), 'utf8');
	const url = /documentationUrl = '([^']+)'/.exec(source)?.[1] ?? '';
	expect(readmeAnchors()).toContain(url.split('#')[1]);
});
