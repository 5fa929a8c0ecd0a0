import type { ModelFamily } from './types';

const veo3 = {
	durations: [4, 6, 8],
	defaultDuration: 8,
	aspectRatios: ['16:9', '9:16'],
	defaultAspectRatio: '16:9',
	resolutions: ['720p', '1080p'],
	defaultResolution: '720p',
	firstFrame: 'optional',
	audio: true,
	defaultAudio: true,
	seed: true,
	negativePrompt: true,
	refuses: ({ durationSeconds, resolution }: { durationSeconds?: number; resolution?: string }) =>
		resolution === '1080p' && durationSeconds !== undefined && durationSeconds !== 8
			? 'Veo makes 1080p only at 8 seconds'
			: undefined,
} as const;

/** Google's Veo (`veo-3.0-*`, `veo-3.1-*`, CometAPI's `veo3*` aliases, Veo 2): 4/6/8 s; last frame from 3.1. */
export const veoFamily: ModelFamily = {
	id: 'veo',
	label: 'Veo',
	ids: /^veo[-_]?\d/,
	models: [
		{ ...veo3, label: 'Veo 3.1', ids: /^veo-3\.1/, lastFrame: true },
		// CometAPI's aliases (veo3, veo3-fast, veo3-pro…) take no duration key: they make Veo's 8 s.
		{ ...veo3, label: 'Veo 3', ids: /^veo3/, durations: [8], lastFrame: true },
		{
			label: 'Veo 2',
			ids: /^veo-2/,
			durations: [5, 6, 7, 8],
			defaultDuration: 8,
			aspectRatios: ['16:9', '9:16'],
			defaultAspectRatio: '16:9',
			resolutions: ['720p'],
			defaultResolution: '720p',
			firstFrame: 'optional',
			lastFrame: false,
			audio: false,
			seed: true,
			negativePrompt: true,
		},
		{ ...veo3, label: 'Veo 3.0', lastFrame: false },
	],
};
