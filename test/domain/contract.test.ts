import {
	allowedSizesFor,
	CHARACTER_NAME_MAX_LENGTH,
	CONTENT_VARIANTS,
	FINAL_STATUSES,
	isFinalStatus,
	MAX_CHARACTERS,
	PROMPT_MAX_LENGTH,
	REFERENCE_IMAGE_TYPES,
	SORA_MODELS,
	soraFamilyOf,
	VIDEO_SECONDS,
	VIDEO_SIZES,
} from '../../nodes/Sora/domain/contract';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { testIf } from '../harness/needs';

// The repository's copy of the shared contract (the one the request validator uses too).
const CONTRACT_PATH = resolve(__dirname, '../contract/openai-videos-openapi.json');
const SHARED_CONTRACT_PATH = resolve(
	__dirname,
	'../../../shared/contract/openai-videos-openapi.json',
);

// The shared contract sits beside the checkout (../shared), in this workspace and in CI.
testIf(
	existsSync(SHARED_CONTRACT_PATH),
	`${SHARED_CONTRACT_PATH} not found: CI needs ../shared beside the checkout (the shared contract)`,
)('the repository copy of the contract equals the shared one', () => {
	expect(readFileSync(CONTRACT_PATH, 'utf8')).toBe(readFileSync(SHARED_CONTRACT_PATH, 'utf8'));
});

describe('contract constants', () => {
	it('lists the published models, seconds and sizes', () => {
		expect(SORA_MODELS).toEqual([
			'sora-2',
			'sora-2-pro',
			'sora-2-2025-10-06',
			'sora-2-2025-12-08',
			'sora-2-pro-2025-10-06',
		]);
		expect(VIDEO_SECONDS).toEqual(['4', '8', '12', '16', '20']);
		expect(VIDEO_SIZES).toEqual([
			'720x1280',
			'1280x720',
			'1024x1792',
			'1792x1024',
			'1080x1920',
			'1920x1080',
		]);
		expect(PROMPT_MAX_LENGTH).toBe(32000);
		expect(MAX_CHARACTERS).toBe(2);
		expect(CHARACTER_NAME_MAX_LENGTH).toBe(80);
		expect(REFERENCE_IMAGE_TYPES).toEqual(['image/jpeg', 'image/png', 'image/webp']);
	});

	it('covers every model, second count and size named in the OpenAPI schemas', () => {
		const contract = JSON.parse(readFileSync(CONTRACT_PATH, 'utf8')) as {
			components: { schemas: Record<string, any> };
		};
		const schemas = contract.components.schemas;
		const models: string[] = schemas.VideoModel.anyOf.flatMap(
			(option: { enum?: string[] }) => option.enum ?? [],
		);
		expect([...SORA_MODELS].sort()).toEqual([...models].sort());
		for (const seconds of schemas.VideoSeconds.enum) expect(VIDEO_SECONDS).toContain(seconds);
		for (const size of schemas.VideoSize.enum) expect(VIDEO_SIZES).toContain(size);
		expect(Object.keys(CONTENT_VARIANTS).sort()).toEqual(
			[...schemas.VideoContentVariant.enum].sort(),
		);
		for (const status of schemas.VideoStatus.enum) {
			expect(isFinalStatus(status)).toBe(status === 'completed' || status === 'failed');
		}
	});

	it('describes each content variant as a file', () => {
		expect(CONTENT_VARIANTS).toEqual({
			video: { extension: 'mp4', mimeType: 'video/mp4' },
			thumbnail: { extension: 'webp', mimeType: 'image/webp' },
			spritesheet: { extension: 'jpg', mimeType: 'image/jpeg' },
		});
	});
});

describe('soraFamilyOf', () => {
	it.each([
		['sora-2', 'sora-2'],
		['sora-2-2025-10-06', 'sora-2'],
		['sora-2-2025-12-08', 'sora-2'],
		['sora-2-2031-01-31', 'sora-2'],
		['  sora-2  ', 'sora-2'],
		['sora-2-pro', 'sora-2-pro'],
		['sora-2-pro-2025-10-06', 'sora-2-pro'],
		[' sora-2-pro-2026-03-01\n', 'sora-2-pro'],
	])('%s → %s', (model, family) => {
		expect(soraFamilyOf(model)).toBe(family);
	});

	it.each([
		'sora-3',
		'gw-video-1',
		'sora-2-turbo',
		'sora-2-pro-max',
		'SORA-2',
		'Sora-2-Pro',
		'sora-2-2025-1-6',
		'sora-2-pro-2025-10-06-preview',
		'openai/sora-2',
		'sora2',
		'',
	])('%s → undefined', (model) => {
		expect(soraFamilyOf(model)).toBeUndefined();
	});

	it('every listed model has a family', () => {
		for (const model of SORA_MODELS) expect(soraFamilyOf(model)).toBeDefined();
	});
});

describe('allowedSizesFor', () => {
	it('gives sora-2 the two 720p sizes and sora-2-pro all six', () => {
		expect(allowedSizesFor('sora-2')).toEqual(['720x1280', '1280x720']);
		expect(allowedSizesFor('sora-2-pro')).toEqual(VIDEO_SIZES);
	});
});

describe('isFinalStatus', () => {
	it.each(FINAL_STATUSES)('%s ends a job', (status) => {
		expect(isFinalStatus(status)).toBe(true);
	});

	it('includes the contract statuses and the tolerated host statuses', () => {
		expect(FINAL_STATUSES).toEqual([
			'completed',
			'failed',
			'expired',
			'cancelled',
			'canceled',
			'deleted',
		]);
	});

	it.each(['queued', 'in_progress', 'processing', '', 'COMPLETED', undefined, null, 1, {}])(
		'%p does not end a job',
		(status) => {
			expect(isFinalStatus(status)).toBe(false);
		},
	);
});
