import type { FamilyPrices } from './prices';
import type { ModelFamily } from './types';

/** Runway (`gen4_turbo`, `gen3a_turbo`): image-to-video, 5 or 10 s, its ratios are pixel sizes ("1280:720"). */
export const runwayFamily: ModelFamily<'runway'> = {
	id: 'runway',
	label: 'Runway',
	aliases: ['Runway'],
	modelIds: ['gen4_turbo', 'gen3a_turbo'],
	ids: /^gen\d|^runway/,
	models: [
		{
			label: 'Runway Gen-3 Alpha Turbo',
			ids: /^gen3/,
			durations: [5, 10],
			defaultDuration: 10,
			aspectRatios: ['16:9', '9:16'],
			defaultAspectRatio: '16:9',
			resolutions: ['768p'],
			defaultResolution: '768p',
			sizes: ['1280x768', '768x1280'],
			pixelSizes: { '16:9 768p': '1280x768', '9:16 768p': '768x1280' },
			firstFrame: 'required',
			lastFrame: true,
			audio: false,
			seed: true,
			negativePrompt: false,
		},
		{
			label: 'Runway Gen-4 Turbo',
			durations: [5, 10],
			defaultDuration: 10,
			aspectRatios: ['16:9', '9:16', '4:3', '3:4', '1:1', '21:9'],
			defaultAspectRatio: '16:9',
			resolutions: ['720p'],
			defaultResolution: '720p',
			sizes: ['1280x720', '720x1280', '1104x832', '832x1104', '960x960', '1584x672'],
			pixelSizes: {
				'4:3 720p': '1104x832',
				'3:4 720p': '832x1104',
				'1:1 720p': '960x960',
				'21:9 720p': '1584x672',
			},
			firstFrame: 'required',
			lastFrame: false,
			audio: false,
			seed: true,
			negativePrompt: false,
		},
	],
};

/**
 * Runway's list prices (its developer API sells credits at $0.01 each and bills video per second): not
 * read at Runway itself (no network here), as quoted by third parties that cite Runway's API pricing docs,
 * so confirm before relying:
 * - $0.01 per API credit: toolcolumn.com "Runway Web Credits vs API Pricing" (updated 2026-05-26).
 * - gen4_turbo 5 credits/s: skillspool.org copy of Runway's API reference skill (read 2026-12-07);
 *   developer.muvi.video, a reseller, also sells it at $0.05/s.
 * - gen3a_turbo 5 credits/s: hivebook.wiki "Runway Gen-3 / Gen-4" (May 2026).
 * So $0.05/s for both. Not found: any other Runway model.
 */
export const runwayPrices: FamilyPrices = {
	whose: "Runway's list price",
	source: 'Runway API pricing ($0.01/credit, 5 credits/s), as quoted by third parties (2026)',
	rows: [{ ids: /gen4[_-]turbo|gen3a[_-]turbo/, usdPerSecond: 0.05 }],
};
