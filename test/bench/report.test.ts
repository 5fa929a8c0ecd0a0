/**
 * bench/report.ts: `npm run bench` printed the Host pace and Memory tables as headers with no rows
 * while their figures were in bench/results.json. The tables are now rendered from the results
 * themselves (a run's, or results.json's with --print): every section has its rows, and a section
 * the results lack says so in a row.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { renderReport, type BenchResults } from '../../bench/report';

const saved = JSON.parse(
	readFileSync(path.join(__dirname, '../../bench/results.json'), 'utf8'),
) as BenchResults;

/** The rows under a table's header line and its dashes, up to the next blank line. */
function rowsOf(report: string, title: string): string[] {
	const section = report.split('\n\n').find((text) => text.startsWith(title));
	if (!section) throw new Error(`no ${title} table`);
	return section.split('\n').slice(3);
}

const hostPace = [
	{
		label: 'new-api, refresh 15 s, Host Type auto',
		items: 4,
		generationMs: 60_000,
		refreshMs: 15_000,
		hostType: 'auto',
		wallMs: 61_000,
		statusPollsPerVideo: [4, 4, 4, 4],
		targetPolls: 6,
		okItems: 4,
	},
];
const memory = {
	node: {
		baselineRssMiB: 183,
		bytes: 1024 ** 3,
		mibPerSecond: 329,
		peakRssGrowthMiB: 31.25,
		peakRssMiB: 214,
		wallMs: 3116,
	},
	curl: [
		{ bytes: 1024 ** 3, mibPerSecond: 1260, seconds: 0.81 },
		{ bytes: 1024 ** 3, mibPerSecond: 1850, seconds: 0.55 },
	],
	curlToFile: { bytes: 1024 ** 3, mibPerSecond: 885, seconds: 1.16 },
	throughputRatio: 0.178,
	throughputRatioToFile: 0.371,
	targetGrowthMiB: 100,
	growthOk: true,
};
const editUpload = {
	items: 8,
	fileBytes: 200 * 1024 ** 2,
	wallMs: 11_300,
	baselineRssMiB: 190,
	peakRssMiB: 236,
	peakRssGrowthMiB: 46,
	okItems: 8,
	growthOk: true,
};

describe('npm run bench: the tables', () => {
	test('Host pace, Memory and Edit upload print a row per case from the results', () => {
		const report = renderReport({
			...saved,
			hostPace,
			memory,
			editUpload,
		} as unknown as BenchResults);
		expect(rowsOf(report, 'Host pace')).toEqual([
			expect.stringMatching(
				/new-api, refresh 15 s, Host Type auto +4 +60 +61\.00 +4\.00 +4 +≤ 6 +4\/4 +ok$/,
			),
		]);
		expect(rowsOf(report, 'Memory')[0]).toMatch(
			/^ *node \(child process\) +329 +3\.12 +183 +214 +31\.3 +0\.18 +ok$/,
		);
		expect(rowsOf(report, 'Memory')).toHaveLength(4);
		expect(rowsOf(report, 'Edit upload')).toEqual([
			expect.stringMatching(/^ *8 +11\.30 +190 +236 +46\.0 +8 +ok$/),
		]);
	});

	test('a section the results have no figures for says so in a row, not headers alone', () => {
		const report = renderReport({
			...saved,
			hostPace: undefined,
			memory: undefined,
			editUpload: undefined,
		});
		expect(rowsOf(report, 'Host pace')).toEqual([
			expect.stringMatching(/^\(no figures in these results: run npm run bench\)/),
		]);
		expect(rowsOf(report, 'Memory')).toEqual([
			expect.stringMatching(/^\(no figures in these results: run npm run bench\)/),
		]);
		expect(rowsOf(report, 'Edit upload')).toEqual([
			expect.stringMatching(/^\(no figures in these results: run npm run bench\)/),
		]);
	});

	test('under the Batch table, what its target means for short and long videos, with the measured detection', () => {
		const report = renderReport(saved);
		const batch = report.split('\n\n').find((text) => text.startsWith('Batch'))!;
		expect(batch).toContain(
			'The first check comes\n1 s after the create, the second at about 2.5 s',
		);
		expect(batch).toContain(`${saved.polls.longer.detectionLatencyMs.median} ms`);
		expect(batch).toMatch(/at T = 30 s the median detection is/);
	});
});
