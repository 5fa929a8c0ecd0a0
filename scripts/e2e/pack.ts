/**
 * Builds and packs the package, then installs the tarball into a custom-extensions folder
 * (N8N_CUSTOM_EXTENSIONS) the way a user would: `npm install <tarball>`.
 *
 * n8n-workflow is a peer dependency: the package must use n8n's own copy (a second copy breaks
 * instanceof checks on NodeApiError/NodeOperationError). n8n makes its own node_modules resolvable
 * for custom extensions (load-nodes-and-credentials.ts puts its module.paths on NODE_PATH), so the
 * install skips peers (--legacy-peer-deps) and we check no n8n-workflow lands next to the package.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, tempDir } from './proc';
import { PACKAGE_INSTALL_FLAGS } from './queue/topology';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME: string = require(path.join(REPO_ROOT, 'package.json')).name;

export interface Packed {
	tarball: string;
	/** Files in the tarball, without the leading `package/`. */
	files: string[];
}

/**
 * A clean `npm run build` (no stale files from earlier builds in the tarball), then npm pack into a
 * temp dir (prepack would build again; --ignore-scripts skips it).
 */
export async function buildAndPack(logFile?: string): Promise<Packed> {
	rmSync(path.join(REPO_ROOT, 'dist'), { recursive: true, force: true });
	await run('npm', ['run', 'build'], { cwd: REPO_ROOT, logFile });
	const outDir = tempDir('pack');
	const { stdout } = await run(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', outDir],
		{
			cwd: REPO_ROOT,
			logFile,
		},
	);
	const info = JSON.parse(stdout)[0] as { filename: string; files: { path: string }[] };
	return { tarball: path.join(outDir, info.filename), files: info.files.map((f) => f.path).sort() };
}

/** Installs the tarball into a fresh folder usable as N8N_CUSTOM_EXTENSIONS; returns that folder. */
export async function installIntoCustomExtensions(
	tarball: string,
	logFile?: string,
): Promise<string> {
	// Outside the repo, so no parent node_modules can supply a second n8n-workflow.
	const dir = tempDir('custom-extensions');
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: 'sora-e2e-custom', private: true }),
	);
	await run('npm', ['install', tarball, ...PACKAGE_INSTALL_FLAGS], { cwd: dir, logFile });
	const installed = path.join(dir, 'node_modules', PACKAGE_NAME);
	if (!existsSync(path.join(installed, 'package.json')))
		throw new Error(`${PACKAGE_NAME} not installed in ${dir}`);
	if (existsSync(path.join(dir, 'node_modules', 'n8n-workflow'))) {
		throw new Error(
			'a second n8n-workflow was installed next to the package; n8n must supply its own',
		);
	}
	return dir;
}

/** Proves that outside n8n the package cannot find n8n-workflow, so inside n8n it gets n8n's copy. */
export function resolvesOnlyThroughN8n(customDir: string): boolean {
	const from = path.join(customDir, 'node_modules', PACKAGE_NAME, 'dist');
	try {
		require.resolve('n8n-workflow', { paths: [from] });
		return false;
	} catch {
		return true;
	}
}
