/**
 * The e2e's phases in one table: what each proves, the n8n it runs in, and when it runs. `run.ts`
 * runs, for each provisioned n8n in turn, the chosen phases that list it, in this order.
 *
 * Choosing: SORA_E2E_PHASES=hosts,models (names below) runs only those; SORA_E2E_SKIP=queue,agent
 * leaves some out; SORA_E2E_ONLY=2|1 keeps one major of n8n; SORA_E2E_SKIP_EDITOR=1 runs the phases
 * without their browser parts. The older one-phase flags still work: SORA_E2E_HOSTS_ONLY=1,
 * SORA_E2E_PLATFORMS_ONLY=1, SORA_E2E_MODELS_ONLY=1 (= SORA_E2E_PHASES=<that phase>) and
 * SORA_E2E_SKIP_QUEUE=1 (= SORA_E2E_SKIP=queue).
 */
import { runAgentPhase, runExample4LoopPhase } from './agent-phase';
import type { Checks } from './checks';
import { runCliPhase } from './cli-phase';
import { runHostsPhase } from './hosts-phase';
import { runLoopPhase } from './loop-phase';
import { runModelsPhase } from './models-phase';
import { runPlatformsPhase } from './platforms-phase';
import type { N8nRuntime } from './provision';
import { runQueuePhase } from './queue/phase';
import type { RunningServer } from './reference-server';
import { runServerPhase } from './server-phase';
import { runSsrfPhase } from './ssrf-phase';

/** The n8n lines the e2e provisions: the current 2.x, the current 1.x, the oldest 1.x the package loads on. */
export type N8nLine = '2.x' | '1.123' | '1.85';

export interface PhaseContext {
	runtime: N8nRuntime;
	line: N8nLine;
	customDir: string;
	/** The shared reference server (openai mode); phases with host modes start their own. */
	server: RunningServer;
	artifacts: string;
	/** False with SORA_E2E_SKIP_EDITOR=1: no browser. */
	browser: boolean;
}

export interface Phase {
	name: string;
	/** What it proves, for the reader of this table and the run's log. */
	proves: string;
	n8n: readonly N8nLine[];
	run(context: PhaseContext): Promise<Checks[]>;
}

export const PHASES: readonly Phase[] = [
	{
		name: 'cli',
		proves:
			'n8n execute of the e2e workflows: create/wait/MP4, get, list, delete, continue-on-fail; the examples that start by hand (on the new-api gateway: the MP4 measured as asked)',
		n8n: ['2.x', '1.123', '1.85'],
		run: ({ runtime, customDir, server }) => runCliPhase(runtime, customDir, server),
	},
	{
		name: 'server',
		proves:
			"n8n start: the trigger's signed, forged and repeated deliveries, the examples' webhooks, the editor (2.x) and a new user's first try in the browser (2.x, 1.123)",
		n8n: ['2.x', '1.123', '1.85'],
		run: ({ runtime, line, customDir, artifacts, browser }) =>
			runServerPhase(runtime, customDir, artifacts, {
				editor: browser && line === '2.x',
				discover: browser && line !== '1.85',
			}),
	},
	{
		name: 'hosts',
		proves:
			"the host modes (new-api, OpenRouter, LaoZhang): each host's dialect, credential test, model list, OpenRouter's webhooks",
		n8n: ['2.x', '1.123'],
		run: ({ runtime, customDir }) => runHostsPhase(runtime, customDir),
	},
	{
		name: 'platforms',
		proves:
			'the posting examples against loopback stand-ins of Telegram, Discord, S3 → Instagram, TikTok; YouTube validated',
		n8n: ['2.x', '1.123'],
		run: ({ runtime, customDir }) => runPlatformsPhase(runtime, customDir),
	},
	{
		name: 'models',
		proves:
			'every host x model family pair: the MP4 measured as asked with ffprobe; a field the pair cannot take refused with no POST',
		n8n: ['2.x', '1.123'],
		run: ({ runtime, customDir }) => runModelsPhase(runtime, customDir),
	},
	{
		name: 'loop',
		proves: 'Loop Over Items against a host honouring Idempotency-Key: distinct keys, one job each',
		n8n: ['2.x', '1.123'],
		run: ({ runtime, customDir }) => runLoopPhase(runtime, customDir),
	},
	{
		name: 'ssrf',
		proves:
			"n8n's SSRF guard on (loopback 127.0.0.1 allowed): Create with wait downloads and ffprobe measures the MP4; a video_url on 127.0.0.2 fails naming n8n's block, 0 requests to it",
		n8n: ['2.x'],
		run: ({ runtime, customDir }) => runSsrfPhase(runtime, customDir),
	},
	{
		name: 'agent',
		proves: "example 4's loop (n8n execute and a resumed Wait), the node as an AI Agent's tool",
		n8n: ['2.x'],
		run: ({ runtime, customDir, artifacts, browser }) =>
			runAgentPhase(runtime, customDir, artifacts, { browser }),
	},
	{
		name: 'example4-loop',
		proves: "example 4's short loop in n8n 1.x",
		n8n: ['1.123'],
		run: ({ runtime, customDir }) => runExample4LoopPhase(runtime, customDir),
	},
	{
		name: 'queue',
		proves:
			'queue mode: Postgres, Redis, main, two workers, two webhook processors, binary data in the database',
		n8n: ['2.x'],
		run: ({ runtime, customDir, artifacts }) => runQueuePhase(runtime, customDir, artifacts),
	},
];

const ONE_PHASE_FLAGS: Record<string, string> = {
	SORA_E2E_HOSTS_ONLY: 'hosts',
	SORA_E2E_PLATFORMS_ONLY: 'platforms',
	SORA_E2E_MODELS_ONLY: 'models',
};

function names(value: string | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
}

/** The phases this run chooses (from the environment), in table order; unknown names are an error. */
export function chosenPhases(env: NodeJS.ProcessEnv = process.env): Phase[] {
	const wanted = [
		...names(env.SORA_E2E_PHASES),
		...Object.entries(ONE_PHASE_FLAGS)
			.filter(([flag]) => env[flag])
			.map(([, name]) => name),
	];
	const skipped = [...names(env.SORA_E2E_SKIP), ...(env.SORA_E2E_SKIP_QUEUE ? ['queue'] : [])];
	const unknown = [...wanted, ...skipped].filter(
		(name) => !PHASES.some((phase) => phase.name === name),
	);
	if (unknown.length)
		throw new Error(
			`unknown e2e phase ${unknown.join(', ')}: the phases are ${PHASES.map((p) => p.name).join(', ')}`,
		);
	return PHASES.filter(
		(phase) => (!wanted.length || wanted.includes(phase.name)) && !skipped.includes(phase.name),
	);
}

/** The n8n lines the chosen phases need, within SORA_E2E_ONLY. */
export function chosenLines(phases: readonly Phase[], only: string | undefined): N8nLine[] {
	const lines: N8nLine[] = ['2.x', '1.123', '1.85'];
	return lines.filter(
		(line) =>
			(!only || line.startsWith(`${only}.`)) && phases.some((phase) => phase.n8n.includes(line)),
	);
}
