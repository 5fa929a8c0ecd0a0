import type { FamilyPrices } from './prices';
import type { ModelFamily, ModelRules } from './types';

const common = {
	durations: [4, 8, 12, 16, 20],
	defaultDuration: 4,
	aspectRatios: ['16:9', '9:16'],
	defaultAspectRatio: '9:16',
	defaultResolution: '720p',
	firstFrame: 'optional',
	lastFrame: false,
	audio: false,
	seed: false,
	negativePrompt: false,
} as const;

const pro: ModelRules = {
	...common,
	label: 'sora-2-pro',
	ids: /^sora-2-pro/,
	resolutions: ['720p', '1080p'],
	sizes: ['720x1280', '1280x720', '1024x1792', '1792x1024', '1080x1920', '1920x1080'],
};

const sora2: ModelRules = {
	...common,
	label: 'sora-2',
	resolutions: ['720p'],
	sizes: ['720x1280', '1280x720'],
	sizeHint: 'sora-2-pro also takes 1024x1792, 1792x1024, 1080x1920 and 1920x1080',
};

/** OpenAI's Sora 2 (`sora-2*`): an exact `size` (which is its ratio and resolution); sound always; 4-20 s. */
export const soraFamily: ModelFamily<'sora'> = {
	id: 'sora',
	label: 'Sora 2',
	aliases: ['Sora', 'Sora 2', 'OpenAI'],
	modelIds: ['sora-2', 'sora-2-pro'],
	ids: /^sora-2/,
	models: [pro, sora2],
};

/**
 * OpenAI's list prices, the table this node carried from its first version (OpenAI's pricing page; not
 * re-read here, and OpenAI switched its Videos API off on 2026-09-24): sora-2 $0.10/s at 720p;
 * sora-2-pro $0.30 (720p), $0.50 (1024x1792), $0.70 (1080p). Sound is always made, not priced apart.
 */
export const soraPrices: FamilyPrices = {
	whose: "OpenAI's list price",
	source: "OpenAI's pricing page, as carried in this node since its first version",
	rows: [
		{ ids: /^sora-2-pro/, resolution: '720p', usdPerSecond: 0.3 },
		{ ids: /^sora-2-pro/, resolution: '1024p', usdPerSecond: 0.5 },
		{ ids: /^sora-2-pro/, resolution: '1080p', usdPerSecond: 0.7 },
		{ ids: /^sora-2(?!-pro)/, resolution: '720p', usdPerSecond: 0.1 },
	],
};
