/**
 * The posting examples' n8n nodes checked against the node descriptions of the n8n under test (its own
 * n8n-nodes-base, loaded from its install): each node's type version exists, every parameter is one the
 * node has and shows, option values are among its options, required values are set. This is how the
 * YouTube example, whose endpoint cannot be pointed at a stand-in, is validated.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INode, INodeTypeDescription } from 'n8n-workflow';
import { parameterProblems } from '../../test/trigger/nodeParameters';
import type { Checks } from './checks';
import type { Example } from './examples';
import type { N8nRuntime } from './provision';

const BASE = 'n8n-nodes-base.';

function nodesBaseDir(runtime: N8nRuntime): string {
	const n8nPackage = path.dirname(path.dirname(runtime.bin));
	return path.dirname(require.resolve('n8n-nodes-base/package.json', { paths: [n8nPackage] }));
}

/** The description n8n uses for a node type at a version (a versioned node's own version). */
export function descriptionLoader(
	runtime: N8nRuntime,
): (type: string, version: number) => INodeTypeDescription | undefined {
	const dir = nodesBaseDir(runtime);
	const known = JSON.parse(
		readFileSync(path.join(dir, 'dist', 'known', 'nodes.json'), 'utf8'),
	) as Record<string, { className: string; sourcePath: string }>;
	return (type, version) => {
		const entry = known[type.slice(BASE.length)];
		if (!type.startsWith(BASE) || !entry) return undefined;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const node = new (require(path.join(dir, entry.sourcePath))[entry.className])();
		return node.nodeVersions
			? (node.nodeVersions[version]?.description ?? node.description)
			: node.description;
	};
}

export function checkExampleNodes(checks: Checks, runtime: N8nRuntime, example: Example): void {
	const load = descriptionLoader(runtime);
	for (const node of example.workflow.nodes as INode[]) {
		if (!node.type.startsWith(BASE)) continue;
		const description = load(node.type, node.typeVersion);
		if (
			!checks.that(
				description,
				`${example.file}: ${node.name} (${node.type}@${node.typeVersion}) exists in n8n ${runtime.version}`,
			)
		)
			continue;
		// n8n gives every polling trigger its Poll Times itself: they are not in the node's own description.
		const parameters = description!.polling
			? Object.fromEntries(Object.entries(node.parameters).filter(([name]) => name !== 'pollTimes'))
			: node.parameters;
		const problems = parameterProblems({ ...node, parameters }, description!);
		checks.that(
			problems.length === 0,
			`${example.file}: ${node.name}'s parameters are valid for n8n ${runtime.version}'s ${description!.displayName} node`,
			problems,
		);
	}
}
