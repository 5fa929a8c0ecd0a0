/**
 * Runs inside a network namespace of its own (hostNamedUrl.test.ts, test/netns): a LaoZhang host on
 * the namespace's 127.0.0.1 whose video_url names its file listener on an inside address
 * (each of argv[2…], e.g. 169.254.169.254, one run each); the node creates, waits and downloads in
 * n8n's engine. Prints one JSON line: per address, the error and how many requests reached it.
 */
import '../harness/fastTiming';
import { runNode } from '../harness/runNode';
import { createParams } from '../node/setup';
import { startReferenceServer } from '../server';

async function runAgainst(inside: string) {
	const server = await startReferenceServer({
		mode: 'laozhang',
		generationMs: 200,
		refreshMs: 100,
		cdnHost: inside,
	});
	try {
		const { error } = await runNode({
			credentials: { apiKey: 'sk-test', baseUrl: server.url, hostType: 'laoZhang' },
			parameters: createParams({
				model: { __rl: true, mode: 'id', value: 'muse-video' },
				duration: 8,
				size: '',
				aspectRatio: '9:16',
			}),
		});
		return {
			cdnUrl: server.cdn.url,
			creates: server.createCount,
			insideRequests: server.cdn.requests.length,
			insideKeys: server.cdn.sawCredentials,
			message: error?.message,
			description: error?.description,
		};
	} finally {
		await server.close();
	}
}

async function main() {
	const insides = process.argv.slice(2);
	const reports: Record<string, unknown> = {};
	for (const inside of insides.length ? insides : ['169.254.169.254'])
		reports[inside] = await runAgainst(inside);
	console.log(JSON.stringify(reports));
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
