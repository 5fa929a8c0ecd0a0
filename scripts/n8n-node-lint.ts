/**
 * `n8n-node lint` (n8n's own community-node CLI, @n8n/node-cli) on what the package publishes.
 * The CLI lints its whole working folder (`eslint .`) and, in strict mode, wants eslint.config.mjs
 * unchanged; this repository also holds tests, scripts and benches that are not node code and are
 * never published. So the CLI runs in a temporary copy of the node sources (nodes/, credentials/,
 * package.json, the tsconfigs, eslint.config.mjs) that uses this checkout's node_modules.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const COPIED = [
	'nodes',
	'credentials',
	'package.json',
	'eslint.config.mjs',
	'tsconfig.json',
	'tsconfig.build.json',
];

const dir = mkdtempSync(path.join(tmpdir(), 'sora-n8n-node-lint-'));
try {
	for (const entry of COPIED)
		cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
	symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	const cli = path.join(ROOT, 'node_modules', '.bin', 'n8n-node');
	const result = spawnSync(cli, ['lint'], {
		cwd: dir,
		stdio: 'inherit',
		env: { ...process.env, CI: 'true' },
	});
	process.exitCode = result.status ?? 1;
} finally {
	rmSync(dir, { recursive: true, force: true });
}
