import type { ModelFamily } from './types';

const common = {
	durations: [6, 10],
	defaultDuration: 6,
	aspectRatios: ['16:9'],
	defaultAspectRatio: '16:9',
	ratioFollowsFirstFrame: true,
	defaultResolution: '768p',
	pixelSizes: { '16:9 768p': '1366x768', '16:9 512p': '910x512' },
	firstFrame: 'optional',
	lastFrame: true,
	audio: false,
	seed: false,
	negativePrompt: false,
	refuses: ({ durationSeconds, resolution }: { durationSeconds?: number; resolution?: string }) =>
		resolution === '1080p' && durationSeconds === 10
			? 'Hailuo makes 10-second videos only below 1080p'
			: undefined,
} as const;

/** MiniMax's Hailuo (`MiniMax-Hailuo-02`, `-2.3`): 6 or 10 s (10 s not at 1080p); its ratio follows the first frame, else 16:9. */
export const hailuoFamily: ModelFamily<'hailuo'> = {
	id: 'hailuo',
	label: 'Hailuo',
	aliases: ['Hailuo', 'MiniMax'],
	modelIds: ['MiniMax-Hailuo-02', 'MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-3'],
	ids: /hailuo|^minimax/,
	models: [
		{
			// vendors' docs, not gateway source: Hailuo 3 makes 2K (OpenRouter: minimax/hailuo-3); its
			// other values as Hailuo 2.3 (assumed)
			...common,
			label: 'Hailuo 3',
			ids: /hailuo-3/,
			resolutions: ['768p', '1080p', '2k'],
			pixelSizes: { ...common.pixelSizes, '16:9 2k': '2560x1440' },
		},
		{ ...common, label: 'Hailuo 02', ids: /hailuo-02/, resolutions: ['512p', '768p', '1080p'] },
		{ ...common, label: 'Hailuo', resolutions: ['768p', '1080p'] },
	],
};

/**
 * No list price (searched 2026-12-07): MiniMax's pay-as-you-go page (platform.minimax.io/docs/guides/
 * pricing-paygo) was stored only in part, without its video rows; the only MiniMax official video figures
 * found are for MiniMax-H3 ($0.08/s 768P, $0.13/s 2K, quoted by docs.laozhang.ai 2026-10-24), not a model
 * of this family. Resellers' prices (Muapi, Pixelbyte...) are theirs: set Price per Second.
 */
