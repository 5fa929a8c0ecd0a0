/**
 * A result URL a host names on 169.254.169.254 (the cloud metadata endpoint), proven in a network
 * namespace of the test's own: the address lives on that namespace's loopback, no packet leaves the
 * machine (test/netns).
 */
import { present } from '../harness/needs';
import { namespaceAlive, netnsSupport, runInNetns, tsNodeCommand } from '../netns/runInNetns';

const unsupported = netnsSupport();
const describeNetns = present(!unsupported, `network namespaces: ${unsupported}`)
	? describe
	: describe.skip;

interface Report {
	cdnUrl: string;
	creates: number;
	insideRequests: number;
	insideKeys: boolean;
	message?: string;
	description?: string;
}

/** One namespace, one run per inside address (the script starts n8n's engine once for all of them). */
async function runInside(
	env: NodeJS.ProcessEnv,
	insides: string[],
): Promise<Record<string, Report>> {
	const result = await runInNetns(
		tsNodeCommand('test/security/hostNamedUrl.script.ts', ...insides),
		{
			env,
			timeoutMs: 90_000,
		},
	);
	expect(namespaceAlive(result.namespace)).toBe(false);
	if (result.code !== 0) throw new Error(`the script failed (${result.code}): ${result.stderr}`);
	return result.report as Record<string, Report>;
}

/** Started by the first test that needs it, shared by the others. */
function once<T>(start: () => Promise<T>): () => Promise<T> {
	let started: Promise<T> | undefined;
	return () => (started ??= start());
}
const guardOn = once(() =>
	runInside({ N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' }, [
		'169.254.169.254',
	]),
);
const guardOff = once(() => runInside({}, ['169.254.169.254', '10.0.0.1']));

describeNetns('a video_url on 169.254.169.254', () => {
	test("with n8n's SSRF protection on: refused (the node's own check before n8n's guard), named, 0 requests to it", async () => {
		const report = (await guardOn())['169.254.169.254'];
		expect(report.cdnUrl).toMatch(/^http:\/\/169\.254\.169\.254:\d+$/);
		expect(report.creates).toBe(1);
		// The node's own check comes first; n8n's guard would block it too.
		expect(`${report.message}\n${report.description}`).toMatch(
			/The node refused to fetch http:\/\/169\.254\.169\.254:\d+\/files\/.+: its host is a link-local address|n8n's SSRF protection blocked 169\.254\.169\.254/,
		);
		expect(report.insideRequests).toBe(0);
	});

	// The node's own address check: link-local is always refused, also with n8n's guard off.
	test('with the guard off: refused by the node itself, 0 requests to it', async () => {
		const report = (await guardOff())['169.254.169.254'];
		expect(report.creates).toBe(1);
		expect(report.message).toMatch(
			/^The node refused to fetch http:\/\/169\.254\.169\.254:\d+\/files\/.+: its host is a link-local address/,
		);
		expect(report.insideRequests).toBe(0);
	});
});

describeNetns('a video_url on 10.0.0.1 (a private network) with Base URL on loopback', () => {
	test('with the guard off: refused by the node itself (another class than Base URL), 0 requests to it', async () => {
		const report = (await guardOff())['10.0.0.1'];
		expect(report.cdnUrl).toMatch(/^http:\/\/10\.0\.0\.1:\d+$/);
		expect(report.creates).toBe(1);
		expect(report.message).toMatch(
			/^The node refused to fetch http:\/\/10\.0\.0\.1:\d+\/files\/.+: its host is a private network address and Base URL's is not/,
		);
		expect(report.insideRequests).toBe(0);
	});
});
