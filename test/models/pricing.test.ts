import {
	SORA_MODELS,
	soraFamilyOf,
	VIDEO_SECONDS,
	VIDEO_SIZES,
} from '../../nodes/Sora/domain/contract';
import { estimateCost, PRICE_PER_SECOND } from '../../nodes/Sora/models/pricing';

const NOTE = '(estimate; your provider may charge differently)';

describe('PRICE_PER_SECOND', () => {
	it('matches the published price list', () => {
		expect(PRICE_PER_SECOND).toEqual({
			'sora-2': { '720x1280': 0.1, '1280x720': 0.1 },
			'sora-2-pro': {
				'720x1280': 0.3,
				'1280x720': 0.3,
				'1024x1792': 0.5,
				'1792x1024': 0.5,
				'1080x1920': 0.7,
				'1920x1080': 0.7,
			},
		});
	});
});

describe('estimateCost over every model, size and duration', () => {
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
		const estimate = estimateCost(model, size, seconds);
		if (centsPerSecond === undefined) {
			expect(estimate).toBeNull();
			return;
		}
		const expectedUsd = (centsPerSecond * Number(seconds)) / 100;
		expect(estimate).toEqual({
			usd: expectedUsd,
			usdPerSecond: centsPerSecond / 100,
			seconds: Number(seconds),
			basis: `${model} (Sora 2) ${size}: $${(centsPerSecond / 100).toFixed(2)}/s list price × ${seconds} s ${NOTE}`,
		});
		// No float noise: the value prints as whole cents.
		expect(String(estimate!.usd)).toBe(expectedUsd.toFixed(2).replace(/\.?0+$/, ''));
	});
});

describe('estimateCost details', () => {
	it('gives the example basis', () => {
		expect(estimateCost('sora-2-pro', '1792x1024', '8')).toEqual({
			usd: 4,
			usdPerSecond: 0.5,
			seconds: 8,
			basis: `sora-2-pro (Sora 2) 1792x1024: $0.50/s list price × 8 s ${NOTE}`,
		});
	});

	it('avoids float noise', () => {
		expect(estimateCost('sora-2', '720x1280', '12')!.usd).toBe(1.2);
		expect(estimateCost('sora-2-pro', '1280x720', '12')!.usd).toBe(3.6);
		expect(estimateCost('sora-2-pro', '1920x1080', 20)!.usd).toBe(14);
		expect(estimateCost('sora-2-pro', '1080x1920', 3)!.usd).toBe(2.1);
	});

	it('defaults to 720x1280 and 4 seconds when size or seconds are missing or empty', () => {
		const expected = {
			usd: 0.4,
			usdPerSecond: 0.1,
			seconds: 4,
			basis: `sora-2 (Sora 2) 720x1280: $0.10/s list price × 4 s ${NOTE}`,
		};
		expect(estimateCost('sora-2', undefined, undefined)).toEqual(expected);
		expect(estimateCost('sora-2', '', '')).toEqual(expected);
		expect(estimateCost('sora-2', '  ', ' ')).toEqual(expected);
		expect(estimateCost('sora-2-pro', undefined, '8')!.usd).toBe(2.4);
		expect(estimateCost('sora-2-pro', '1920x1080', undefined)!.usd).toBe(2.8);
	});

	it('accepts seconds as a number and trims text', () => {
		expect(estimateCost(' sora-2 ', ' 1280x720 ', 8)!.usd).toBe(0.8);
		expect(estimateCost('sora-2', '1280x720', ' 16 ')!.seconds).toBe(16);
		expect(
			estimateCost('sora-2', '1280x720', ' 16 ')!.basis.startsWith('sora-2 (Sora 2) 1280x720:'),
		).toBe(true);
	});

	it('prices durations outside the list too, because extensions and other hosts may use them', () => {
		expect(estimateCost('sora-2', '720x1280', '10')!.usd).toBe(1);
		expect(estimateCost('sora-2-pro', '720x1280', 2.5)!.usd).toBe(0.75);
	});

	it.each([
		['model outside the sora families', 'gw-video-1', '720x1280', '4'],
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
	])('null for %s', (_name, model, size, seconds) => {
		expect(estimateCost(model, size, seconds)).toBeNull();
	});
});

describe('estimateCost names the model family', () => {
	it("prices a model outside the table by Price per Second, with its family's default length when none is asked", () => {
		expect(estimateCost('kling-v2-1', undefined, undefined, 0.05)).toEqual({
			usd: 0.25,
			usdPerSecond: 0.05,
			seconds: 5,
			basis: `kling-v2-1 (Kling): $0.05/s (Price per Second option) × 5 s ${NOTE}`,
		});
		expect(estimateCost('gemini/veo-3.1-generate-preview', undefined, 6, 0.4)!.basis).toBe(
			`gemini/veo-3.1-generate-preview (Veo): $0.4/s (Price per Second option) × 6 s ${NOTE}`,
		);
	});

	it('says when the family is unknown, and gives no estimate without a length', () => {
		expect(estimateCost('gw-video-1', undefined, 8, 0.1)!.basis).toBe(
			`gw-video-1 (model family unknown): $0.1/s (Price per Second option) × 8 s ${NOTE}`,
		);
		expect(estimateCost('gw-video-1', undefined, undefined, 0.1)).toBeNull();
	});
});
