/**
 * Community-node conformance of the packed tarball:
 *  - the lint run of n8n's scanner (@n8n/scan-community-package): its own `analyzePackage` with its own
 *    ESLint config, on the unpacked tarball (compiled JS + package.json, the scanner's "dist leg") and
 *    on nodes/ + credentials/ sources (its "source leg"). The scanner's download, provenance and
 *    source-fetch steps need the registry's attestations and GitHub, so they are skipped.
 *  - the tarball's file list: only dist nodes/credentials (JS, icons, codex), package.json, README, LICENSE.
 *  - package.json fields n8n reads.
 * Run alone: npx ts-node --transpile-only scripts/e2e/conformance.ts (packs first).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Checks, printSummary } from './checks';
import { type Packed, REPO_ROOT, buildAndPack } from './pack';
import { run, tempDir } from './proc';

/** A real ESM import, which TypeScript's commonjs output would otherwise turn into require(). */
const importEsm = new Function('specifier', 'return import(specifier)') as (
	s: string,
) => Promise<any>;

const ALLOWED_FILES: RegExp[] = [
	/^package\.json$/,
	/^README\.md$/i,
	/^LICENSE(\.md|\.txt)?$/i,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/(nodes|credentials)\/.+\.(svg|png)$/,
	/^dist\/nodes\/.+\.node\.json$/,
];

export async function checkConformance(packed: Packed): Promise<Checks> {
	const checks = new Checks('conformance');
	const dir = tempDir('unpacked');
	await run('tar', ['-xzf', packed.tarball, '-C', dir, '--strip-components=1']);

	checkFileList(checks, packed.files);
	checkPackageJson(checks, dir, packed.files);
	checkIcons(checks, dir, packed.files);

	const scanner = await importEsm(
		require.resolve('@n8n/scan-community-package/scanner/scanner.mjs'),
	);
	for (const [label, cwd, patterns] of [
		['tarball (compiled JS + package.json)', dir, ['**/*.js', 'package.json']],
		['sources (nodes/, credentials/, package.json)', REPO_ROOT, scanner.SOURCE_FILE_PATTERNS],
	] as const) {
		const result = await scanner.analyzePackage(cwd, patterns);
		checks.that(
			result.passed,
			`scanner lint, ${label}: ${result.passed ? 'no violations' : result.message}`,
		);
		if (!result.passed && result.details) console.log(result.details);
	}
	return checks;
}

function checkFileList(checks: Checks, files: string[]) {
	const unexpected = files.filter((f) => !ALLOWED_FILES.some((re) => re.test(f)));
	checks.that(
		unexpected.length === 0,
		`tarball holds only dist nodes/credentials, package.json, README, LICENSE (${files.length} files)`,
		unexpected,
	);
	checks.that(files.includes('README.md'), 'tarball has README.md');
	checks.that(
		files.some((f) => /^LICENSE/i.test(f)),
		'tarball has LICENSE',
	);
	checks.that(
		!files.some((f) => f.endsWith('.map') || f.endsWith('.ts')),
		'tarball has no .ts or .map files',
	);
}

function checkPackageJson(checks: Checks, dir: string, files: string[]) {
	const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
	checks.that(
		/^(@[^/]+\/)?n8n-nodes-/.test(pkg.name),
		`package name ${pkg.name} starts with n8n-nodes-`,
	);
	checks.that(
		pkg.keywords?.includes('n8n-community-node-package'),
		'keywords include n8n-community-node-package',
	);
	checks.equal(pkg.n8n?.n8nNodesApiVersion, 1, 'n8n.n8nNodesApiVersion');
	checks.that(
		!pkg.dependencies || Object.keys(pkg.dependencies).length === 0,
		'no runtime dependencies (required for verified community nodes)',
		pkg.dependencies,
	);
	checks.that(
		pkg.peerDependencies?.['n8n-workflow'],
		'n8n-workflow is a peer dependency',
		pkg.peerDependencies,
	);
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])] as string[];
	checks.that(declared.length > 0, 'package.json declares nodes and credentials under "n8n"');
	const missing = declared.filter((f) => !files.includes(f));
	checks.that(missing.length === 0, 'every file declared under "n8n" is in the tarball', missing);
}

/** Each `icon: 'file:<name>'` in compiled JS names a file next to it in the tarball. */
function checkIcons(checks: Checks, dir: string, files: string[]) {
	const missing: string[] = [];
	let count = 0;
	for (const file of files.filter((f) => f.endsWith('.node.js') || f.endsWith('.credentials.js'))) {
		const source = readFileSync(path.join(dir, file), 'utf8');
		for (const m of source.matchAll(/['"]file:([^'"]+\.(?:svg|png))['"]/g)) {
			count++;
			const icon = path.posix.join(path.posix.dirname(file), m[1]);
			if (!existsSync(path.join(dir, icon))) missing.push(`${file} → ${icon}`);
		}
	}
	checks.that(
		count > 0 && missing.length === 0,
		`icons named by nodes and credentials are in the tarball (${count} references)`,
		missing,
	);
}

if (require.main === module) {
	buildAndPack()
		.then(checkConformance)
		.then((checks) => process.exit(printSummary('package conformance', [checks]) ? 0 : 1))
		.catch((e) => {
			console.error(e);
			process.exit(1);
		});
}
