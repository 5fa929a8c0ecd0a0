import type { FamilyPrices } from './prices';
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
export const veoFamily: ModelFamily<'veo'> = {
	id: 'veo',
	label: 'Veo',
	aliases: ['Veo', 'Google Veo', 'Gemini'],
	modelIds: [
		'veo-3.1-generate-preview',
		'veo-3.1-generate-001',
		'veo-3.1-fast-generate-preview',
		'veo-3.1-lite-generate-preview',
		'veo-3.0-generate-001',
	],
	ids: /^veo[-_]?\d/,
	models: [
		// vendors' docs, not gateway source (Google, Krea's price table): 720p and 1080p at every length,
		// text-to-video and one first frame only
		{
			...veo3,
			label: 'Veo 3.1 Lite',
			ids: /^veo-3\.1-lite/,
			lastFrame: false,
			refuses: undefined,
		},
		// veo-3.1-generate-001 (the GA id) from vendors' docs, not gateway source
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

/**
 * Google's list prices per second (Gemini API / Vertex AI pricing pages). Not read at Google itself
 * (no network here): as reported by third parties that quote those pages, so confirm before relying:
 * - Veo 3.1 $0.40/s, Veo 3.1 Fast $0.15/s at 720p and 1080p; 4K $0.60 and $0.35 (docs.dev.xavier.icvr.xyz
 *   "Google Veo 3.1", and aifreeapi.com "Veo 3.1 API rate limit", checked against ai.google.dev 2026-03-02).
 * - Veo 3.0 $0.40/s with sound, $0.20/s without; Veo 3.0 Fast $0.15 and $0.10 (cloud.google.com/vertex-ai/
 *   generative-ai/pricing, as quoted in the Echo SDK's Vertex AI model table, 2025).
 * - Veo 3.1 Lite $0.05/s at 720p, $0.08/s at 1080p (docs.dev.xavier.icvr.xyz "Google Veo 3.1 Lite", 2026).
 * Not found: Veo 3.1 without sound (one price is listed: the model makes sound by default), Veo 2,
 * CometAPI's veo3* aliases (CometAPI's own per-request prices).
 */
export const veoPrices: FamilyPrices = {
	whose: "Google's list price",
	source: 'Gemini API / Vertex AI pricing, as quoted by third parties (2025-2026)',
	rows: [
		{ ids: /^veo-3\.1-lite/, resolution: '720p', usdPerSecond: 0.05 },
		{ ids: /^veo-3\.1-lite/, resolution: '1080p', usdPerSecond: 0.08 },
		{ ids: /^veo-3\.1-fast/, resolution: '4k', usdPerSecond: 0.35 },
		{ ids: /^veo-3\.1-fast/, usdPerSecond: 0.15 },
		{ ids: /^veo-3\.1/, resolution: '4k', usdPerSecond: 0.6 },
		{ ids: /^veo-3\.1/, usdPerSecond: 0.4 },
		{ ids: /^veo-3\.0-fast/, audio: false, usdPerSecond: 0.1 },
		{ ids: /^veo-3\.0-fast/, usdPerSecond: 0.15 },
		{ ids: /^veo-3\.0/, audio: false, usdPerSecond: 0.2 },
		{ ids: /^veo-3\.0/, usdPerSecond: 0.4 },
	],
};
