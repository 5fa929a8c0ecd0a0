export const SORA_MODELS: readonly string[] = [
	'sora-2',
	'sora-2-pro',
	'sora-2-2025-10-06',
	'sora-2-2025-12-08',
	'sora-2-pro-2025-10-06',
];

export const VIDEO_SECONDS: readonly string[] = ['4', '8', '12', '16', '20'];

export const VIDEO_SIZES: readonly string[] = [
	'720x1280',
	'1280x720',
	'1024x1792',
	'1792x1024',
	'1080x1920',
	'1920x1080',
];

export const DEFAULT_VIDEO_SIZE = '720x1280';

export const PROMPT_MAX_LENGTH = 32000;
export const MAX_CHARACTERS = 2;
export const CHARACTER_NAME_MAX_LENGTH = 80;

export const REFERENCE_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

export type SoraFamily = 'sora-2' | 'sora-2-pro';

const SORA_2_SIZES: readonly string[] = ['720x1280', '1280x720'];

export function soraFamilyOf(model: string): SoraFamily | undefined {
	if (typeof model !== 'string') return undefined;
	const name = model.trim();
	if (/^sora-2-pro(-\d{4}-\d{2}-\d{2})?$/.test(name)) return 'sora-2-pro';
	if (/^sora-2(-\d{4}-\d{2}-\d{2})?$/.test(name)) return 'sora-2';
	return undefined;
}

export function allowedSizesFor(family: SoraFamily): readonly string[] {
	return family === 'sora-2-pro' ? VIDEO_SIZES : SORA_2_SIZES;
}

// 'completed' and 'failed' are the contract's; the others are tolerated because some hosts
// report them and they end a job just as surely.
export const FINAL_STATUSES: readonly string[] = [
	'completed',
	'failed',
	'expired',
	'cancelled',
	'canceled',
	'deleted',
];

export function isFinalStatus(status: unknown): boolean {
	return typeof status === 'string' && FINAL_STATUSES.includes(status);
}

export const CONTENT_VARIANTS = {
	video: { extension: 'mp4', mimeType: 'video/mp4' },
	thumbnail: { extension: 'webp', mimeType: 'image/webp' },
	spritesheet: { extension: 'jpg', mimeType: 'image/jpeg' },
} as const;

export type ContentVariant = keyof typeof CONTENT_VARIANTS;
