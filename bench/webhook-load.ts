/**
 * Webhook load: 1,000 deliveries to the Sora Trigger through the loopback HTTP front of the
 * trigger harness (undici Pool, concurrency 32), 10% forged / tampered / unsigned / expired /
 * replayed. Prints the figures (starts vs valid events, answers by kind, latency, RSS and heap
 * before/after) and writes bench/webhook-load.json.
 *   npx ts-node --transpile-only --prefer-ts-exts bench/webhook-load.ts [--deliveries N] [--concurrency N] [--seed N]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { DEFAULT_LOAD, runWebhookLoad } from '../test/reliability/webhookLoad';

function numberFlag(flag: string, fallback: number): number {
	const index = process.argv.indexOf(flag);
	const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
	return Number.isFinite(value) ? value : fallback;
}

async function main() {
	const report = await runWebhookLoad(
		{
			deliveries: numberFlag('--deliveries', DEFAULT_LOAD.deliveries),
			concurrency: numberFlag('--concurrency', DEFAULT_LOAD.concurrency),
			seed: numberFlag('--seed', DEFAULT_LOAD.seed),
			invalidShare: numberFlag('--invalid', DEFAULT_LOAD.invalidShare),
		},
		(line) => console.log(line),
	);
	const line = (label: string, value: unknown) =>
		console.log(
			`  ${label.padEnd(44)} ${typeof value === 'string' ? value : JSON.stringify(value)}`,
		);
	console.log('\nWebhook load figures');
	line('deliveries by kind', report.byKind);
	line('answers by kind', report.statusesByKind);
	line(
		'unique valid events / workflows started',
		`${report.uniqueValidEvents} / ${report.workflowsStarted}`,
	);
	line('runs completed (with error)', `${report.runsCompleted} (${report.runsWithError})`);
	line(
		'events started twice / invalid that started',
		`${report.eventsStartedTwice} / ${report.invalidThatStarted}`,
	);
	line('wall time', `${report.wallSeconds} s (${report.deliveriesPerSecond} deliveries/s)`);
	line(
		'latency ms p50 / p95 / p99 / max',
		`${report.latencyMs.p50} / ${report.latencyMs.p95} / ${report.latencyMs.p99} / ${report.latencyMs.max}`,
	);
	line(
		'RSS MiB before → after (peak)',
		`${report.memory.before.rssMiB} → ${report.memory.after.rssMiB} (${report.memory.peakRssMiB})`,
	);
	line(
		'heap MiB before → after',
		`${report.memory.before.heapUsedMiB} → ${report.memory.after.heapUsedMiB}`,
	);
	line(
		'after each wave (GC): heap / RSS MiB',
		report.memory.waves.map((w) => `${w.heapUsedMiB} / ${w.rssMiB}`).join(', '),
	);
	if (report.runErrors.length) line('run errors', report.runErrors);
	line('client errors / process errors', `${report.clientErrors} / ${report.processErrors.length}`);
	console.log('\nChecks');
	for (const [check, ok] of Object.entries(report.checks))
		console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${check}`);
	const out = path.join(__dirname, 'webhook-load.json');
	writeFileSync(out, `${JSON.stringify({ node: process.version, ...report }, null, 2)}\n`);
	console.log(`\nWrote ${path.relative(process.cwd(), out)}`);
	process.exit(Object.values(report.checks).every(Boolean) ? 0 : 1);
}

main().catch((error) => {
	console.error(error);
	process.exit(2);
});
