/**
 * From video to post (issue 20) in real n8n: the posting examples (examples/05-09) with n8n's own
 * Telegram, Discord, S3 and HTTP Request nodes against loopback stand-ins of the platforms
 * (test/platforms), for one n8n:
 *   1. every example imports, and its n8n nodes are valid for this n8n's node descriptions (the
 *      YouTube example, whose endpoint is fixed, is validated this way);
 *   2. `n8n execute` of each chain: the MP4 reaches the platform byte for byte, with its file name, MIME
 *      type and the measured numbers the example sends (checked with ffprobe);
 *   3. a video over Discord's 10 MiB fails in the Sora node (0 requests to the stand-in), and a
 *      landscape YouTube Short is refused before any paid request (0 creates on the host);
 *   4. both again with On Error → Continue (using error output): the item reaches the error output
 *      (with the paid video's id), the posting node never runs.
 * The examples ask Veo 3.1 through a new-api gateway: the reference server runs in the `newapi` mode
 * and renders what the model makes (its size, length and silent audio track) at 24 fps (as models do;
 * its default renderings are 1 fps, which Instagram and TikTok refuse): pre-made in a placeholder cache
 * of this phase's own.
 * Alone: SORA_E2E_PLATFORMS_ONLY=1 npm run test:e2e (in 2.x and 1.123.x).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
	startDiscord,
	startInstagram,
	startS3,
	startTelegram,
	startTikTok,
} from '../../test/platforms';
import { type ReferenceServer, startReferenceServer } from '../../test/server';
import { Checks } from './checks';
import { GATEWAY_CREDENTIAL, loadExamples } from './examples';
import {
	createInstance,
	execute,
	importCredentials,
	importWorkflows,
	type N8nInstance,
} from './n8n';
import {
	checkDiscord,
	checkErrorOutput,
	checkInstagram,
	checkRefused,
	checkTelegram,
	checkTikTok,
	madeVideo,
} from './platforms-checks';
import { checkExampleNodes } from './platforms-validate';
import {
	postingCredentials,
	postingExample,
	runnable,
	type PostingExample,
	type StandIns,
} from './platforms-workflows';
import { LOOPBACK } from './ports';
import { seconds, tempDir } from './proc';
import type { N8nRuntime } from './provision';

const API_KEY = 'sk-e2e-platforms';
const BIG_CREDENTIAL = { id: 'soraE2eBigVideos', name: 'Video gateway (11 MiB videos)' };
const PROMPT = 'A paper boat drifting across a misty pond at dawn';

/**
 * 24 fps MP4s under the names the reference server's placeholder cache uses: `720x1280-8s-silent.mp4`
 * is what a model making a silent audio track renders (Veo 3.1), `720x1280-8s.mp4` a sized placeholder.
 */
function makeSmoothVideos(dir: string): void {
	for (const [width, height] of [
		[720, 1280],
		[1280, 720],
	]) {
		for (const secondsLong of [4, 8]) {
			for (const audio of ['tone', 'silent'] as const) {
				const file = path.join(
					dir,
					`${width}x${height}-${secondsLong}s${audio === 'tone' ? '' : `-${audio}`}.mp4`,
				);
				if (existsSync(file)) continue;
				const sound =
					audio === 'tone'
						? `sine=frequency=440:sample_rate=16000:duration=${secondsLong}`
						: 'anullsrc=channel_layout=mono:sample_rate=16000';
				execFileSync('ffmpeg', [
					...['-hide_banner', '-loglevel', 'error', '-y'],
					...[
						'-f',
						'lavfi',
						'-i',
						`testsrc=size=${width}x${height}:rate=24:duration=${secondsLong}`,
					],
					...['-f', 'lavfi', '-i', sound],
					...[
						'-c:v',
						'libx264',
						'-preset',
						'veryfast',
						'-crf',
						'40',
						'-pix_fmt',
						'yuv420p',
						'-g',
						'48',
					],
					...[
						'-c:a',
						'aac',
						'-b:a',
						'16k',
						'-ac',
						'1',
						'-t',
						String(secondsLong),
						'-movflags',
						'+faststart',
						file,
					],
				]);
			}
		}
	}
}

async function startStandIns(): Promise<StandIns> {
	const [telegram, discord, s3, instagram, tiktok] = await Promise.all([
		startTelegram(),
		startDiscord(),
		startS3(),
		startInstagram(),
		startTikTok(),
	]);
	return { telegram, discord, s3, instagram, tiktok };
}

const requestCount = (standIns: StandIns) =>
	Object.values(standIns).reduce((sum, standIn) => sum + standIn.requests.length, 0);

interface Chain {
	which: PostingExample;
	soraNode: string;
	check: typeof checkTelegram;
}

const CHAINS: Chain[] = [
	{ which: 'telegram', soraNode: 'Make Video', check: checkTelegram },
	{ which: 'discord', soraNode: 'Make Video', check: checkDiscord },
	{ which: 'instagram', soraNode: 'Make Reel Video', check: checkInstagram },
	{ which: 'tiktok', soraNode: 'Make TikTok Video', check: checkTikTok },
];

const workflowId = (which: string, variant = '') =>
	`soraE2ePost${which[0].toUpperCase()}${which.slice(1)}${variant}`.slice(0, 21);

export async function runPlatformsPhase(runtime: N8nRuntime, customDir: string): Promise<Checks[]> {
	const t = Date.now();
	const setup = new Checks(`${runtime.version} posting examples`);
	const results: Checks[] = [setup];
	const cacheBefore = process.env.SORA_PLACEHOLDER_CACHE;
	let server: ReferenceServer | undefined;
	let bigServer: ReferenceServer | undefined;
	let standIns: StandIns | undefined;
	try {
		process.env.SORA_PLACEHOLDER_CACHE = tempDir('platforms-videos');
		makeSmoothVideos(process.env.SORA_PLACEHOLDER_CACHE);
		const common = {
			apiKey: API_KEY,
			port: 0,
			host: LOOPBACK,
			generationMs: 1500,
			mode: 'newapi' as const,
			refreshMs: 500,
		};
		server = await startReferenceServer({ ...common, sizedVideos: true });
		bigServer = await startReferenceServer({ ...common, largeVideoBytes: 11 * 1024 * 1024 });
		standIns = await startStandIns();
		const soraCredentials = [
			{
				...GATEWAY_CREDENTIAL,
				data: { apiKey: API_KEY, baseUrl: server.url, authHeader: 'bearer', hostType: 'newApi' },
			},
			{
				...BIG_CREDENTIAL,
				type: 'soraApi',
				data: { apiKey: API_KEY, baseUrl: bigServer.url, authHeader: 'bearer', hostType: 'newApi' },
			},
		];
		const opts = { prompt: PROMPT, standIns };
		const chains = CHAINS.map((chain) => ({
			...chain,
			workflow: runnable(postingExample(chain.which), { ...opts, id: workflowId(chain.which) }),
		}));
		const overLimit = runnable(postingExample('discord'), {
			...opts,
			id: workflowId('discord', 'Big'),
			soraCredential: BIG_CREDENTIAL,
		});
		const landscapeShort = runnable(postingExample('youtube'), {
			...opts,
			id: workflowId('youtube', 'Wide'),
			soraParameters: { aspectRatio: '16:9' },
		});
		const errorOutputTo = 'Failed Videos';
		const overLimitRouted = runnable(postingExample('discord'), {
			...opts,
			id: workflowId('discord', 'Err'),
			soraCredential: BIG_CREDENTIAL,
			errorOutputTo,
		});
		const landscapeRouted = runnable(postingExample('youtube'), {
			...opts,
			id: workflowId('youtube', 'Err'),
			soraParameters: { aspectRatio: '16:9' },
			errorOutputTo,
		});
		const examples = loadExamples().filter((e) => /^0[5-9]-/.test(e.file));

		const inst = createInstance(runtime, customDir);
		await importCredentials(inst, postingCredentials(standIns, soraCredentials));
		await importWorkflows(inst, [
			...examples.map((e) => e.workflow),
			...chains.map((c) => c.workflow),
			overLimit,
			landscapeShort,
			landscapeRouted,
		]);
		setup.that(
			true,
			`imported the ${examples.length} posting examples as they are, and their runnable copies`,
		);
		for (const example of examples) checkExampleNodes(setup, runtime, example);

		for (const chain of chains) {
			const checks = new Checks(`${runtime.version} examples/${postingExample(chain.which).file}`);
			results.push(checks);
			await checks.step('chain', async () => {
				const run = await executed(checks, inst, chain.workflow.id);
				const video = madeVideo(checks, inst, run, chain.soraNode);
				if (video) chain.check(checks, video, standIns!, PROMPT, run);
			});
		}

		const refusals = new Checks(`${runtime.version} platform limits`);
		results.push(refusals);
		await refusals.step('over the limit', async () => {
			const before = requestCount(standIns!);
			const run = await executedFailing(refusals, inst, overLimit.id);
			checkRefused(
				refusals,
				run,
				'Make Video',
				'Post to Discord',
				'Discord (webhook) takes at most 10 MiB',
			);
			refusals.equal(
				requestCount(standIns!) - before,
				0,
				'an 11 MiB video: requests that reached the platform stand-ins',
			);
		});
		await refusals.step('refused before paying', async () => {
			const creates = server!.createCount;
			const run = await executedFailing(refusals, inst, landscapeShort.id);
			checkRefused(
				refusals,
				run,
				'Make Vertical Video',
				'Upload Short',
				'YouTube Shorts takes vertical or square videos',
			);
			refusals.equal(
				server!.createCount - creates,
				0,
				'a landscape Short: paid requests (creates) that reached the host',
			);
		});
		await refusals.step('over the limit, Continue (using error output)', async () => {
			const before = requestCount(standIns!);
			// The 11 MiB video stays on the error output's item; n8n 1.x keeps binary data in memory by default and
			// `n8n execute --rawOutput` then prints it inline and is cut short at exit: this n8n keeps it on disk.
			const onDisk = createInstance(runtime, customDir, {
				N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			});
			await importCredentials(onDisk, postingCredentials(standIns!, soraCredentials));
			await importWorkflows(onDisk, [overLimitRouted]);
			const run = await executed(refusals, onDisk, overLimitRouted.id);
			const videoId = checkErrorOutput(
				refusals,
				run,
				'Make Video',
				'Post to Discord',
				errorOutputTo,
				'Discord (webhook) takes at most 10 MiB',
			);
			refusals.that(
				Boolean(videoId && bigServer!.videos.has(videoId)),
				`the paid video's id on the error output (${videoId}) is the host's video`,
			);
			refusals.equal(
				requestCount(standIns!) - before,
				0,
				'an 11 MiB video on the error output: requests that reached the platform stand-ins',
			);
		});
		await refusals.step('refused before paying, Continue (using error output)', async () => {
			const creates = server!.createCount;
			const run = await executed(refusals, inst, landscapeRouted.id);
			checkErrorOutput(
				refusals,
				run,
				'Make Vertical Video',
				'Upload Short',
				errorOutputTo,
				'YouTube Shorts takes vertical or square videos',
			);
			refusals.equal(
				server!.createCount - creates,
				0,
				'a landscape Short on the error output: paid requests (creates) that reached the host',
			);
		});
	} catch (e) {
		setup.that(false, `posting examples phase: ${(e as Error).message}`);
	} finally {
		if (cacheBefore === undefined) delete process.env.SORA_PLACEHOLDER_CACHE;
		else process.env.SORA_PLACEHOLDER_CACHE = cacheBefore;
		await Promise.all([
			server?.close(),
			bigServer?.close(),
			...Object.values(standIns ?? {}).map((s) => s.close()),
		]);
	}
	console.log(`[e2e] ${runtime.label}: posting examples done in ${seconds(t)}`);
	return results;
}

async function executed(checks: Checks, inst: N8nInstance, id: string): Promise<any> {
	const te = Date.now();
	const result = await execute(inst, id);
	checks.equal(result.exitCode, 0, `n8n execute ${id}: exit code (${seconds(te)})`);
	if (!result.run)
		throw new Error(`n8n printed no run JSON: ${(result.stderr || result.stdout).slice(-1500)}`);
	const error = result.run.data?.resultData?.error;
	checks.that(!error, `${id}: the run has no workflow error`, error?.message);
	return result.run;
}

/** A run that must stop at the Sora node (n8n's default On Error): n8n execute exits 1 and prints the run. */
async function executedFailing(checks: Checks, inst: N8nInstance, id: string): Promise<any> {
	const result = await execute(inst, id);
	checks.equal(
		result.exitCode,
		1,
		`n8n execute ${id}: exit code (the workflow stops at the Sora node)`,
	);
	if (!result.run)
		throw new Error(`n8n printed no run JSON: ${(result.stderr || result.stdout).slice(-1500)}`);
	return result.run;
}
