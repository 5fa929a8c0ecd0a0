import type { CodexData } from 'n8n-workflow';

import { familySearchAliases } from '../models';

const REPO = 'https://github.com/n8n-nodes-sora/n8n-nodes-sora';

/** What a user types for the node whatever the model: the operations and the hosts. */
const SEARCH_WORDS = [
	'Sora',
	'Sora 2',
	'video',
	'text to video',
	'image to video',
	'generate video',
	'video generation',
	'Videos API',
	'OpenAI',
	'remix video',
	'new-api',
	'OpenRouter',
	'LiteLLM',
];

/**
 * The node's codex (n8n's node creator: category, documentation links, search aliases), with every
 * family's aliases from the model registry. n8n reads it from the description of an installed
 * package; the build also writes it as dist/nodes/Sora/Sora.node.json (gulpfile.js) for a node
 * loaded from a custom folder.
 */
export function soraCodex(): CodexData {
	return {
		categories: ['AI', 'Marketing'],
		subcategories: { AI: ['Miscellaneous', 'Root Nodes'] },
		resources: {
			primaryDocumentation: [{ url: `${REPO}#operations` }],
			credentialDocumentation: [{ url: `${REPO}#credentials` }],
		},
		alias: [...new Set([...SEARCH_WORDS, ...familySearchAliases()])],
	};
}
