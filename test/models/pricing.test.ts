import {
	SORA_MODELS,
	soraFamilyOf,
	VIDEO_SECONDS,
	VIDEO_SIZES,
} from '../../nodes/Sora/domain/contract';
import { estimateCost } from '../../nodes/Sora/models/pricing';
import { listPriceOf } from '../../nodes/Sora/models/prices';

const OPENAI = "OpenAI's list price; your gateway's may differ";
const GOOGLE = "Google's list price; your gateway's may differ";

describe('estimateCost over every Sora model, size and duration', () => {
	const cents: Record<string, Record<string, number>> = {
		'sora-2': { '720x1280': 10, '1280x720': 10 },
		'sora-2-pro': {
			'720x1280': 30,
			'1280x720': 30,
			'1024x1792': 50,
			'1792x1024': 50,
			'1080x1920': 70,
			'1920x1080': 70,
		},
	};
	const rows: Array<[string, string, string]> = [];
	for (const model of SORA_MODELS) {
		for (const size of VIDEO_SIZES)
			for (const seconds of VIDEO_SECONDS) rows.push([model, size, seconds]);
	}

	it.each(rows)('%s %s %s s', (model, size, seconds) => {
		const family = soraFamilyOf(model)!;
		const centsPerSecond = cents[family][size];
		const estimate = estimateCost(model, seconds, undefined, { size });
		if (centsPerSecond === undefined) {
			expect(estimate).toBeNull();
			return;
		}
		const expectedUsd = (centsPerSecond * Number(seconds)) / 100;
		expect(estimate).toEqual({
			usd: expectedUsd,
			usdPerSecond: centsPerSecond / 100,
			seconds: Number(seconds),
			priceSource: OPENAI,
			basis: `${model} (Sora 2) ${size}: $${(centsPerSecond / 100).toFixed(2)}/s (${OPENAI}) × ${seconds} s (estimate)`,
		});
		// No float noise: the value prints as whole cents.
		expect(String(estimate!.usd)).toBe(expectedUsd.toFixed(2).replace(/\.?0+$/, ''));
	});
});

describe('estimateCost details', () => {
	it('avoids float noise', () => {
		expect(estimateCost('sora-2', '12', undefined, { size: '720x1280' })!.usd).toBe(1.2);
		expect(estimateCost('sora-2-pro', '12', undefined, { size: '1280x720' })!.usd).toBe(3.6);
		expect(estimateCost('sora-2-pro', 20, undefined, { size: '1920x1080' })!.usd).toBe(14);
		expect(estimateCost('sora-2-pro', 3, undefined, { size: '1080x1920' })!.usd).toBe(2.1);
	});

	it("defaults to the model's resolution and length when size or seconds are missing or empty", () => {
		const expected = {
			usd: 0.4,
			usdPerSecond: 0.1,
			seconds: 4,
			priceSource: OPENAI,
			basis: `sora-2 (Sora 2) 720p: $0.10/s (${OPENAI}) × 4 s (estimate)`,
		};
		expect(estimateCost('sora-2', undefined, undefined)).toEqual(expected);
		expect(estimateCost('sora-2', '', undefined, { size: '' })).toEqual(expected);
		expect(estimateCost('sora-2', ' ', undefined, { size: '  ' })).toEqual(expected);
		expect(estimateCost('sora-2-pro', '8', undefined)!.usd).toBe(2.4);
		expect(estimateCost('sora-2-pro', undefined, undefined, { size: '1920x1080' })!.usd).toBe(2.8);
	});

	it('accepts seconds as a number and trims text', () => {
		expect(estimateCost(' sora-2 ', 8, undefined, { size: ' 1280x720 ' })!.usd).toBe(0.8);
		expect(estimateCost('sora-2', ' 16 ', undefined, { size: '1280x720' })!.seconds).toBe(16);
	});

	it('prices durations outside the list too, because extensions and other hosts may use them', () => {
		expect(estimateCost('sora-2', '10', undefined, { size: '720x1280' })!.usd).toBe(1);
		expect(estimateCost('sora-2-pro', 2.5, undefined, { size: '720x1280' })!.usd).toBe(0.75);
	});

	it.each([
		['model outside the families', 'gw-video-1', '720x1280', '4'],
		['sora-3', 'sora-3', '720x1280', '4'],
		['pro size with sora-2', 'sora-2', '1792x1024', '4'],
		['1080p with sora-2 snapshot', 'sora-2-2025-12-08', '1920x1080', '4'],
		['unknown size', 'sora-2-pro', '640x480', '4'],
		['malformed size', 'sora-2-pro', 'big', '4'],
		['non-numeric seconds', 'sora-2', '720x1280', 'four'],
		['seconds with unit', 'sora-2', '720x1280', '4s'],
		['negative seconds', 'sora-2', '720x1280', -4],
		['zero seconds', 'sora-2', '720x1280', '0'],
		['NaN seconds', 'sora-2', '720x1280', Number.NaN],
		['infinite seconds', 'sora-2', '720x1280', Number.POSITIVE_INFINITY],
		['a family without a list price found', 'kling-v2-1', undefined, '5'],
	])('null for %s', (_name, model, size, seconds) => {
		expect(estimateCost(model, seconds, undefined, { size })).toBeNull();
	});
});

describe('whose price: Price per Second, then the host, then the vendor', () => {
	it("prices a family with a vendor's list price, saying whose it is", () => {
		expect(estimateCost('veo-3.1-generate-preview', 8, undefined, { resolution: '720p' })).toEqual({
			usd: 3.2,
			usdPerSecond: 0.4,
			seconds: 8,
			priceSource: GOOGLE,
			basis: `veo-3.1-generate-preview (Veo) 720p: $0.40/s (${GOOGLE}) × 8 s (estimate)`,
		});
		expect(estimateCost('gemini/veo-3.1-fast-generate-preview', 6, undefined)!.usd).toBe(0.9);
		expect(
			estimateCost('veo-3.1-lite-generate-preview', 8, undefined, { resolution: '1080p' })!.usd,
		).toBe(0.64);
		expect(
			estimateCost('veo-3.0-generate-001', 8, undefined, { generateAudio: false })!.usdPerSecond,
		).toBe(0.2);
		expect(estimateCost('veo-3.0-generate-001', 8, undefined)!.usdPerSecond).toBe(0.4);
		expect(estimateCost('wan2.1-i2v-turbo', 5, undefined)!.basis).toBe(
			"wan2.1-i2v-turbo (Wan) 1080p: $0.036/s (Alibaba Cloud's list price; your gateway's may differ) × 5 s (estimate)",
		);
	});

	it('the Price per Second option wins over any list price', () => {
		expect(estimateCost('veo-3.1-generate-preview', 6, 0.25)).toEqual({
			usd: 1.5,
			usdPerSecond: 0.25,
			seconds: 6,
			priceSource: 'Price per Second option',
			basis: 'veo-3.1-generate-preview (Veo): $0.25/s (Price per Second option) × 6 s (estimate)',
		});
		expect(estimateCost('kling-v2-1', undefined, 0.05)).toMatchObject({ usd: 0.25, seconds: 5 });
	});

	it("the host's own price (OpenRouter's pricing_skus) wins over the vendor's, by resolution and sound", () => {
		const hostPrices = [
			{ usdPerSecond: 0.5, resolution: '1080p' },
			{ usdPerSecond: 0.3, audio: true },
			{ usdPerSecond: 0.2, audio: false },
		];
		const shape = { hostPrices, host: 'OpenRouter' };
		expect(estimateCost('google/veo-3.1', 8, undefined, shape)).toMatchObject({
			usdPerSecond: 0.3,
			priceSource: "OpenRouter's price, from its model list",
		});
		expect(
			estimateCost('google/veo-3.1', 8, undefined, { ...shape, generateAudio: false })!
				.usdPerSecond,
		).toBe(0.2);
		expect(
			estimateCost('google/veo-3.1', 8, undefined, { ...shape, resolution: '1080p' })!.usdPerSecond,
		).toBe(0.5);
		expect(estimateCost('google/veo-3.1', 8, 0.1, shape)!.usdPerSecond).toBe(0.1);
	});

	it('says when the family is unknown, and gives no estimate without a length', () => {
		expect(estimateCost('gw-video-1', 8, 0.1)!.basis).toBe(
			'gw-video-1 (model family unknown): $0.10/s (Price per Second option) × 8 s (estimate)',
		);
		expect(estimateCost('gw-video-1', undefined, 0.1)).toBeNull();
	});

	it('listPriceOf: by model, resolution and sound; none where no price was found', () => {
		expect(listPriceOf('veo-3.1-generate-preview', '4k', true)?.usdPerSecond).toBe(0.6);
		expect(listPriceOf('veo-3.0-fast-generate-001', '720p', false)?.usdPerSecond).toBe(0.1);
		expect(listPriceOf('veo-2.0-generate-001', '720p', undefined)).toBeUndefined();
		expect(listPriceOf('MiniMax-Hailuo-02', '768p', undefined)).toBeUndefined();
		expect(listPriceOf('wan2.5-i2v-preview', '720p', true)).toBeUndefined();
	});
});
