/**
 * scripts/floors.ts (run by `npm run lint`): the real tree holds its floors, and an import planted
 * up the floors in a copy of it is named, with the file, the line and the rule it breaks.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { checkFloors, describeBreach } from '../scripts/floors';

const ROOT = path.join(__dirname, '..');

describe('the floors', () => {
	test('hold on the real tree', () => {
		expect(checkFloors(ROOT).map(describeBreach)).toEqual([]);
	});

	describe('in a copy with planted imports', () => {
		let copy: string;
		beforeAll(() => {
			copy = mkdtempSync(path.join(tmpdir(), 'sora-floors-'));
			for (const dir of ['nodes', 'credentials'])
				cpSync(path.join(ROOT, dir), path.join(copy, dir), { recursive: true });
		});
		afterAll(() => rmSync(copy, { recursive: true, force: true }));

		const plant = (file: string, line: string) => {
			const full = path.join(copy, file);
			const before = readFileSync(full, 'utf8');
			writeFileSync(full, `${line}\n${before}`);
			return () => writeFileSync(full, before);
		};

		test('an upward import fails, naming it', () => {
			const undo = plant(
				'nodes/Sora/domain/video.ts',
				"import type { PreparedJob } from '../runner/types';",
			);
			try {
				expect(checkFloors(copy).map(describeBreach)).toEqual([
					"nodes/Sora/domain/video.ts:1 imports '../runner/types': domain may not import runner, a floor above it (nodes/Sora/runner/types.ts)",
				]);
			} finally {
				undo();
			}
		});

		test('the bottom imports nothing from nodes/Sora; nothing imports the trigger', () => {
			const undoBase = plant(
				'nodes/base/pause.ts',
				"import { DEFAULT_VIDEO_SIZE } from '../Sora/domain/contract';",
			);
			const undoRunner = plant(
				'nodes/Sora/runner/runItems.ts',
				"import '../../SoraTrigger/delivery';",
			);
			try {
				expect(checkFloors(copy).map(describeBreach)).toEqual([
					"nodes/Sora/runner/runItems.ts:1 imports '../../SoraTrigger/delivery': runner may not import trigger, which stands aside (nodes/SoraTrigger/delivery.ts)",
					"nodes/base/pause.ts:1 imports '../Sora/domain/contract': base may not import domain, a floor above it (nodes/Sora/domain/contract.ts)",
				]);
			} finally {
				undoBase();
				undoRunner();
			}
		});

		test('a package other than the allowed ones fails', () => {
			const undo = plant('nodes/Sora/domain/media.ts', "import axios from 'axios';");
			try {
				expect(checkFloors(copy).map(describeBreach)).toEqual([
					`nodes/Sora/domain/media.ts:1 imports 'axios': node code imports only n8n-workflow, lodash, luxon, zod, node:crypto, not "axios"`,
				]);
			} finally {
				undo();
			}
		});
	});
});
