import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * n8n-core reads its settings from the environment when its services are first created:
 * a fresh user folder per test process, binary data in filesystem mode.
 */
export function prepareN8nEnvironment(): string {
	if (!process.env.SORA_HARNESS_USER_FOLDER) {
		const folder = mkdtempSync(path.join(tmpdir(), 'n8n-sora-harness-'));
		process.env.SORA_HARNESS_USER_FOLDER = folder;
		process.env.N8N_USER_FOLDER = folder;
		process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
		process.env.N8N_ENCRYPTION_KEY = 'sora-harness-encryption-key';
		process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
		process.env.N8N_LOG_LEVEL = 'silent';
	}
	return process.env.SORA_HARNESS_USER_FOLDER;
}
