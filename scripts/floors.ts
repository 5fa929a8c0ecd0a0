/**
 * The floors of the node's code: every .ts file under nodes/ and credentials/ sits on one floor and
 * imports only from its own floor and the floors below it, so low-level code never depends on the
 * menu. Run by `npm run lint`; fails naming the file, the import and the rule it breaks.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

interface Floor {
	name: string;
	/** Folders (ending in /) and files, relative to the repository root. */
	holds: string[];
	/** Beside the others: may import the floors below it, but no other floor imports it. */
	aside?: true;
}

/** Top to bottom. A file may import its own floor and any floor further down this list. */
export const FLOORS: readonly Floor[] = [
	{
		name: 'actions (the menu)',
		holds: ['nodes/Sora/Sora.node.ts', 'nodes/Sora/actions/', 'nodes/Sora/methods/'],
	},
	{ name: 'runner', holds: ['nodes/Sora/runner/'] },
	{ name: 'trigger', holds: ['nodes/SoraTrigger/'], aside: true },
	{ name: 'engine', holds: ['nodes/Sora/engine/'] },
	{
		name: 'transport / hosts / models',
		holds: ['nodes/Sora/transport/', 'nodes/Sora/hosts/', 'nodes/Sora/models/'],
	},
	{ name: 'domain', holds: ['nodes/Sora/domain/'] },
	{ name: 'shared (both nodes)', holds: ['nodes/shared/'] },
	{ name: 'credentials', holds: ['credentials/'], aside: true },
	{ name: 'base', holds: ['nodes/base/'] },
];

/** The only packages node code may import (the published package has no runtime dependencies). */
export const PACKAGES: readonly string[] = [
	'n8n-workflow',
	'lodash',
	'luxon',
	'zod',
	'node:crypto',
];

const CHECKED = ['nodes', 'credentials'];

export interface Breach {
	file: string;
	line: number;
	specifier: string;
	rule: string;
}

function floorOf(relative: string): number {
	let best = -1;
	let bestLength = 0;
	FLOORS.forEach((floor, index) => {
		for (const held of floor.holds) {
			const match = held.endsWith('/') ? relative.startsWith(held) : relative === held;
			if (match && held.length > bestLength) [best, bestLength] = [index, held.length];
		}
	});
	return best;
}

function tsFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return tsFiles(full);
		return name.endsWith('.ts') ? [full] : [];
	});
}

function resolveImport(fromFile: string, specifier: string): string | undefined {
	const base = path.resolve(path.dirname(fromFile), specifier);
	const candidates = [base, `${base}.ts`, path.join(base, 'index.ts')];
	return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

function packageName(specifier: string): string {
	if (specifier.startsWith('node:')) return specifier;
	const parts = specifier.split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The rule `specifier` (imported by `file`, both relative to root) breaks, if any. */
function ruleBroken(root: string, file: string, specifier: string): string | undefined {
	if (!specifier.startsWith('.')) {
		const name = packageName(specifier);
		return PACKAGES.includes(name)
			? undefined
			: `node code imports only ${PACKAGES.join(', ')}, not "${name}"`;
	}
	const resolved = resolveImport(path.join(root, file), specifier);
	if (!resolved) return 'the imported file does not exist';
	const target = path.relative(root, resolved).split(path.sep).join('/');
	const [from, to] = [floorOf(file), floorOf(target)];
	if (to === -1)
		return CHECKED.some((dir) => target.startsWith(`${dir}/`))
			? undefined // reported once, as a file on no floor
			: `${target} is not node code: nodes/ and credentials/ import only each other`;
	if (from === to) return undefined;
	const [mine, theirs] = [FLOORS[from].name, FLOORS[to].name];
	if (to < from) return `${mine} may not import ${theirs}, a floor above it (${target})`;
	if (FLOORS[to].aside) return `${mine} may not import ${theirs}, which stands aside (${target})`;
	return undefined;
}

/** Every import under nodes/ and credentials/ that breaks the floors; none when they hold. */
export function checkFloors(root: string): Breach[] {
	const breaches: Breach[] = [];
	for (const full of CHECKED.flatMap((dir) => tsFiles(path.join(root, dir)))) {
		const file = path.relative(root, full).split(path.sep).join('/');
		if (floorOf(file) === -1) {
			breaches.push({
				file,
				line: 1,
				specifier: '',
				rule: 'this file is on no floor: add it to FLOORS',
			});
			continue;
		}
		const text = readFileSync(full, 'utf8');
		const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
		for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
			const rule = ruleBroken(root, file, imported.fileName);
			if (!rule) continue;
			const line = source.getLineAndCharacterOfPosition(imported.pos).line + 1;
			breaches.push({ file, line, specifier: imported.fileName, rule });
		}
	}
	return breaches;
}

export function describeBreach({ file, line, specifier, rule }: Breach): string {
	return specifier ? `${file}:${line} imports '${specifier}': ${rule}` : `${file}: ${rule}`;
}

if (require.main === module) {
	const breaches = checkFloors(path.resolve(__dirname, '..'));
	if (breaches.length) {
		console.error(`Imports that break the floors (scripts/floors.ts):`);
		for (const breach of breaches) console.error(`  ${describeBreach(breach)}`);
		process.exitCode = 1;
	} else {
		console.log(`Floors hold: ${FLOORS.map((floor) => floor.name).join(' > ')}`);
	}
}
