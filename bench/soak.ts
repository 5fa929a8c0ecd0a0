/**
 * npm run soak: 200 Create-with-wait items (Continue On Fail) in n8n-core's WorkflowExecute
 * against the reference server with every fault kind at 10% (seeded), then the figures:
 * videos downloaded (byte-identical), create POSTs vs jobs, duplicates, ids lost, failures
 * by cause and message, wall time, requests per video. Writes bench/soak.json.
 *
 * Options (flags or env): --items N (SOAK_ITEMS), --seed N (SOAK_SEED), --rate R (SOAK_RATE),
 * --concurrency N (SOAK_CONCURRENCY), --poll S (SOAK_POLL_SECONDS), --without kind,kind
 * (SOAK_WITHOUT: fault kinds left out), --hard-limit MIN (SOAK_HARD_LIMIT_MINUTES, default 20: past it the
 * execution is cancelled and reported as not finished), --out FILE, --detail (keep every item's record in the JSON),
 * --idempotent (SOAK_IDEMPOTENT=1: the host honours Idempotency-Key and the node's option is on).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { ALL_FAULT_KINDS } from '../test/server';
import { DEFAULT_SOAK, runSoak, type SoakReport } from './soak/run';

function option(flag: string, env: string): string | undefined {
	const index = process.argv.indexOf(flag);
	if (index >= 0 && process.argv[index + 1] !== undefined) return process.argv[index + 1];
	return process.env[env];
}

function numberOption(flag: string, env: string, fallback: number): number {
	const raw = option(flag, env);
	const value = raw === undefined ? NaN : Number(raw);
	return Number.isFinite(value) ? value : fallback;
}

function printReport(report: SoakReport): void {
	const line = (label: string, value: unknown) =>
		console.log(`  ${label.padEnd(52)} ${String(value)}`);
	console.log('\nSoak figures');
	line('finished', report.finished);
	line('items', report.items);
	line(
		'videos downloaded (byte-identical / target)',
		`${report.videosDownloaded} (${report.downloadedByteIdentical} / ${report.downloadTarget})`,
	);
	line('create POSTs sent', `${report.createPosts} ${JSON.stringify(report.createPostsByFault)}`);
	line('jobs created on the server (createCount)', report.jobsCreated);
	line('distinct videos the node reported', report.distinctVideosReported);
	line(
		'jobs unknown to the node (answer lost) / found by List',
		`${report.jobsUnknownToNode} / ${report.jobsUnknownToNodeFoundByList}`,
	);
	line('duplicate jobs', report.duplicateJobs);
	line('creates re-sent after an ambiguous failure', report.createsResentAfterAmbiguousFailure);
	line('ambiguous creates whose job List recovered', report.ambiguousCreatesRecovered);
	line("items naming another item's video", report.videosOfAnotherItem.length);
	line('ids lost', report.idsLost);
	line('items failed', report.itemsFailed);
	for (const [cause, n] of Object.entries(report.failuresByCause)) line(`  ${cause}`, n);
	line(
		'refused items that say the job may exist (+ List)',
		`${report.refusedSayJobMayExist} / ${report.failuresByCause['refused-ambiguous-create']}`,
	);
	line('wall time', `${report.wallSeconds} s`);
	line(
		'requests (per downloaded video / per item)',
		`${report.requests} (${report.requestsPerVideo} / ${report.requestsPerItem})`,
	);
	line('requests by kind', JSON.stringify(report.requestsByKind));
	line('faults injected', JSON.stringify(report.faultsInjected));
	line('contract violations', report.contractViolations);
	console.log('\nFailures by message');
	for (const entry of report.failuresByMessage)
		console.log(`  ${String(entry.count).padStart(4)}  [${entry.cause}] ${entry.message}`);
	console.log('\nChecks');
	for (const [check, ok] of Object.entries(report.checks))
		console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${check}`);
	if (report.idsLostDetail.length) console.log('\nIds lost', report.idsLostDetail);
}

async function main() {
	const { report, server } = await runSoak(
		{
			items: numberOption('--items', 'SOAK_ITEMS', DEFAULT_SOAK.items),
			seed: numberOption('--seed', 'SOAK_SEED', DEFAULT_SOAK.seed),
			rate: numberOption('--rate', 'SOAK_RATE', DEFAULT_SOAK.rate),
			maxConcurrentJobs: numberOption(
				'--concurrency',
				'SOAK_CONCURRENCY',
				DEFAULT_SOAK.maxConcurrentJobs,
			),
			pollIntervalSeconds: numberOption(
				'--poll',
				'SOAK_POLL_SECONDS',
				DEFAULT_SOAK.pollIntervalSeconds,
			),
			hardLimitMinutes: numberOption(
				'--hard-limit',
				'SOAK_HARD_LIMIT_MINUTES',
				DEFAULT_SOAK.hardLimitMinutes,
			),
			idempotent: process.argv.includes('--idempotent') || process.env.SOAK_IDEMPOTENT === '1',
			kinds: ALL_FAULT_KINDS.filter(
				(kind) => !(option('--without', 'SOAK_WITHOUT') ?? '').split(',').includes(kind),
			),
		},
		(message) => console.log(message),
	);
	await server.close();
	printReport(report);
	const detail = process.argv.includes('--detail');
	const unexpected = (report.itemsDetail ?? []).filter((r) => r.cause === 'unexpected');
	const out = path.resolve(option('--out', 'SOAK_OUT') ?? path.join(__dirname, 'soak.json'));
	const written = {
		...report,
		itemsDetail: detail ? report.itemsDetail : undefined,
		unexpectedItems: unexpected,
	};
	writeFileSync(out, `${JSON.stringify(written, null, 2)}\n`);
	console.log(`\nWrote ${path.relative(process.cwd(), out)}`);
	process.exit(Object.values(report.checks).every(Boolean) ? 0 : 1);
}

main().catch((error) => {
	console.error(error);
	process.exit(2);
});
