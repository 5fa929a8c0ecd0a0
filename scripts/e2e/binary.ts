/**
 * Reads the bytes of a binary entry from n8n's run output: inline base64 (n8n 1.x default mode) or a
 * file in the instance's binary-data store (2.x default mode 'filesystem', id `filesystem-v2:<path>`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RunItem } from './n8n';

type BinaryEntry = NonNullable<RunItem['binary']>[string];

export function readBinary(userFolder: string, entry: BinaryEntry): Buffer | undefined {
	if (entry.id) {
		const relative = entry.id.replace(/^[a-z0-9-]+:/i, '');
		const found = findFile(path.join(userFolder, '.n8n'), relative);
		return found ? readFileSync(found) : undefined;
	}
	if (entry.data) return Buffer.from(entry.data, 'base64');
	return undefined;
}

/** Looks for <root>/**\/<relative>, or else a file named like its last segment. */
function findFile(root: string, relative: string): string | undefined {
	if (!existsSync(root)) return undefined;
	const name = path.basename(relative);
	const stack = [root];
	while (stack.length) {
		const dir = stack.pop()!;
		const direct = path.join(dir, relative);
		if (existsSync(direct) && statSync(direct).isFile()) return direct;
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) stack.push(full);
			else if (entry.name === name) return full;
		}
	}
	return undefined;
}

/** An MP4 starts with a box whose type, at byte 4, is `ftyp`. */
export function looksLikeMp4(bytes: Buffer): boolean {
	return bytes.length > 8 && bytes.subarray(4, 8).toString('latin1') === 'ftyp';
}
