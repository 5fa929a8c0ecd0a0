/**
 * A small soak run in `npm test` (the full one is `npm run soak`): 30 Create-with-wait items,
 * every fault kind at 10% (seeded), Continue On Fail. Asserts the money and id invariants that
 * must hold whatever the faults hit: no duplicate job, no create re-sent after an ambiguous
 * failure, no id lost, every file byte-identical, every refused create says the job may exist
 * and its job (if any) is findable with List, only explained failures.
 */
import { runSoak, type SoakRun } from '../../bench/soak/run';
import { ALL_FAULT_KINDS } from '../server';

let soak: SoakRun;

beforeAll(async () => {
	soak = await runSoak({
		items: 30,
		seed: 7,
		generationMs: [300, 600],
		pollIntervalSeconds: 1,
		maxConcurrentJobs: 16,
		kinds: ALL_FAULT_KINDS,
		hardLimitMinutes: 1.5,
	});
}, 120_000);
afterAll(async () => await soak?.server.close());

describe('soak: 30 items, every fault kind at 10%', () => {
	test('every item is reported, as a video or as an error item', () => {
		expect(soak.report.finished).toBe(true);
		expect(soak.report.checks['every item reported (output or error item)']).toBe(true);
		expect(soak.report.runError).toBeUndefined();
	});

	test('no duplicate jobs; jobs created = videos reported + jobs whose answer was lost', () => {
		expect(soak.report.duplicateJobs).toBe(0);
		expect(soak.report.jobsCreated).toBe(
			soak.report.distinctVideosReported + soak.report.jobsUnknownToNode,
		);
	});

	test('no create is re-sent after an ambiguous failure (only after a 429)', () => {
		expect(soak.report.createsResentAfterAmbiguousFailure).toBe(0);
	});

	test('no id lost: every job the server created is named by its item, or its item says it may exist and List finds it', () => {
		expect(soak.report.idsLostDetail).toEqual([]);
		expect(soak.report.jobsUnknownToNodeFoundByList).toBe(soak.report.jobsUnknownToNode);
		expect(soak.report.refusedSayJobMayExist).toBe(
			soak.report.failuresByCause['refused-ambiguous-create'],
		);
	});

	test('every downloaded file is byte-identical to what the server sent', () => {
		expect(soak.report.videosDownloaded).toBeGreaterThan(0);
		expect(soak.report.downloadedByteIdentical).toBe(soak.report.videosDownloaded);
	});

	test('every failure is explained: a job the server failed or expired on purpose, a refused ambiguous create, or a download that ran out of retries naming its video', () => {
		const unexplained = (soak.report.itemsDetail ?? []).filter(
			(record) =>
				record.cause === 'unexpected' &&
				!(record.reportedVideoId && record.error?.includes(record.reportedVideoId)),
		);
		expect(unexplained).toEqual([]);
		expect(soak.report.contractViolations).toBe(0);
	});
});
