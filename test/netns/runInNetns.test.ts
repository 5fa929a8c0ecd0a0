import {
	INSIDE_ADDRESSES,
	namespaceAlive,
	netnsSupport,
	runInNetns,
	tsNodeCommand,
} from './runInNetns';

const unsupported = netnsSupport();
const describeNetns = unsupported ? describe.skip : describe;
if (unsupported) console.warn(`network-namespace tests skipped: ${unsupported}`);

describeNetns('runInNetns: a network namespace of its own', () => {
	test('a server on 169.254.169.254 (and 10.0.0.1, 100.64.0.1, fd00::1) inside is reachable from inside; the namespace is gone after', async () => {
		const inside = INSIDE_ADDRESSES.map((cidr) => cidr.split('/')[0]);
		const result = await runInNetns(
			tsNodeCommand('test/netns/selfTest.script.ts', inside.join(',')),
			{
				hosts: { 'metadata.internal': '169.254.169.254' },
			},
		);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.report).toEqual({
			reached: Object.fromEntries(inside.map((address) => [address, `hello from ${address}`])),
			resolved: { address: '169.254.169.254', family: 4 },
		});
		expect(result.namespace).toMatch(/^net:\[\d+\]$/);
		expect(namespaceAlive(result.namespace)).toBe(false);
	});

	test('no route leaves it, and a script that hangs is killed and its namespace freed', async () => {
		const routes = await runInNetns(['ip', 'route', 'show'], { addresses: [] });
		expect(routes).toMatchObject({ code: 0, stdout: '' });
		const hung = await runInNetns(['sleep', '60'], { timeoutMs: 500 });
		expect(hung.code).not.toBe(0);
		expect(namespaceAlive(hung.namespace)).toBe(false);
	});
});
