/**
 * n8n's own SSRF guard, on (N8N_SSRF_PROTECTION_ENABLED=true, loopback 127.0.0.1 allowed): the real
 * errors of n8n-core 2.41.1's request helpers, and what the node makes of them. The guard refuses
 * before connecting: no packet leaves for 127.0.0.2 or ::1.
 */
process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
process.env.N8N_SSRF_ALLOWED_IP_RANGES = '127.0.0.1/32';
process.env.N8N_SSRF_BLOCKED_HOSTNAMES = 'blocked.example';

import { DEFAULT_TIMING } from '../../nodes/base/timing';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Container } from '@n8n/di';
import 'n8n-core';
// n8n-core's own copy of @n8n/backend-network: the one its helpers use.
import { OutboundHttp, SsrfBlockedIpError } from 'n8n-core/node_modules/@n8n/backend-network';
import { NodeApiError, type INode } from 'n8n-workflow';

import {
	describeNetworkBlock,
	N8N_SSRF_BLOCKED,
	networkFailure,
} from '../../nodes/Sora/transport/networkError';
import { POLICIES } from '../../nodes/Sora/transport/retryPolicy';
import { runNode } from '../harness/runNode';
import { createParams, useReferenceServer } from '../node/setup';

const node = {
	id: 'n',
	name: 'Sora',
	type: 'sora',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;

async function errorOf(url: string): Promise<unknown> {
	try {
		await Container.get(OutboundHttp)
			.requests()
			.request({ url, method: 'GET', returnFullResponse: true, ignoreHttpStatusErrors: true });
	} catch (error) {
		return error;
	}
	throw new Error(`${url} was not blocked`);
}

describe("n8n's SSRF errors, as its helpers throw them", () => {
	test('a literal blocked address: SsrfBlockedIpError, thrown before connecting', async () => {
		const error = (await errorOf('http://127.0.0.2:9/v1/videos')) as Record<string, unknown>;
		expect(error.constructor.name).toBe('SsrfBlockedIpError');
		expect(error).toMatchObject({
			name: 'SsrfBlockedIpError',
			message: 'The request was blocked because it resolves to a restricted IP address',
			description: expect.stringMatching(
				/^The target 127\.0\.0\.2 is not allowed\. This is a security measure to prevent Server-Side Request Forgery \(SSRF\)\./,
			),
			extra: { ip: '127.0.0.2' },
			ip: '127.0.0.2',
		});
		expect(error.code).toBeUndefined();
		expect(networkFailure(error)).toEqual({
			kind: 'network',
			code: N8N_SSRF_BLOCKED,
			sent: false,
			permanent: true,
			cause: "n8n's SSRF protection blocked 127.0.0.2",
		});
	});

	test('wrapped in a NodeApiError, as httpRequestWithAuthentication throws it', async () => {
		const wrapped = new NodeApiError(node, (await errorOf('http://[::1]:9/')) as never);
		expect(wrapped.message).toBe(
			'The request was blocked because it resolves to a restricted IP address',
		);
		expect(networkFailure(wrapped)).toMatchObject({
			code: N8N_SSRF_BLOCKED,
			sent: false,
			permanent: true,
			cause: "n8n's SSRF protection blocked ::1",
		});
	});

	test('a name that resolves to a blocked address: SsrfBlockedIpError with the name and the address', () => {
		// The guard resolves the name (before connecting and at connect time) and refuses it with both.
		const error = new SsrfBlockedIpError('10.0.0.7', 'gateway.internal');
		expect(error.description).toMatch(
			/^The target 'gateway\.internal' \(10\.0\.0\.7\) is not allowed\./,
		);
		expect(networkFailure(new NodeApiError(node, error as never))).toMatchObject({
			code: N8N_SSRF_BLOCKED,
			sent: false,
			permanent: true,
			cause: "n8n's SSRF protection blocked gateway.internal (10.0.0.7)",
		});
	});

	test('a blocked host name: SsrfBlockedHostnameError', async () => {
		const error = await errorOf('http://blocked.example/v1');
		expect(error).toMatchObject({
			name: 'SsrfBlockedHostnameError',
			message: 'The request was blocked because the destination hostname is restricted',
			extra: { hostname: 'blocked.example' },
		});
		expect(networkFailure(error)).toMatchObject({
			code: N8N_SSRF_BLOCKED,
			sent: false,
			cause: "n8n's SSRF protection blocked blocked.example",
		});
	});

	test('a redirect hop to a blocked address: wrapped by follow-redirects and axios, counted as sent (the first hop was)', async () => {
		const redirecting = createServer((_req, res) =>
			res.writeHead(302, { location: 'http://127.0.0.2:9/meta' }).end(),
		);
		await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
		try {
			const error = (await errorOf(
				`http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/x`,
			)) as Record<string, unknown>;
			expect(error).toMatchObject({
				code: 'ERR_FR_REDIRECTION_FAILURE',
				message:
					'Redirected request failed: The request was blocked because it resolves to a restricted IP address',
			});
			expect(networkFailure(error)).toMatchObject({
				code: N8N_SSRF_BLOCKED,
				sent: true,
				permanent: true,
				cause: "n8n's SSRF protection blocked 127.0.0.2 (a redirect hop)",
			});
		} finally {
			redirecting.close();
		}
	});

	test('is never retried, under any policy, and its words name the guard and its settings', async () => {
		const failure = networkFailure(await errorOf('http://127.0.0.2:9/'));
		for (const policy of Object.values(POLICIES))
			expect(policy.decide(failure, 0, DEFAULT_TIMING)).toEqual({ retry: false });
		expect(describeNetworkBlock(failure)).toBe(
			"n8n's SSRF protection blocked 127.0.0.2; an n8n administrator can allow it with N8N_SSRF_ALLOWED_IP_RANGES or N8N_SSRF_ALLOWED_HOSTNAMES",
		);
		expect(
			describeNetworkBlock({ kind: 'network', code: 'ECONNREFUSED', sent: false }),
		).toBeUndefined();
	});
});

describe('the node in the engine with the guard on', () => {
	const api = useReferenceServer({ generationMs: 200 });

	test('an allowed loopback Base URL creates and waits as usual', async () => {
		const { items, error } = await api.run(createParams({ downloadVideo: false }));
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('completed');
	});

	test("a Base URL on a blocked address fails once, as not sent, naming n8n's block; nothing was created", async () => {
		const baseUrl = api.server.url.replace('127.0.0.1', '127.0.0.2');
		const { error } = await runNode({
			credentials: { apiKey: 'sk-test', baseUrl },
			parameters: createParams(),
		});
		expect(error?.message).toMatch(/^The request could not be sent/);
		expect(error?.description).toContain("n8n's SSRF protection blocked 127.0.0.2");
		expect(error?.description).toMatch(/Nothing reached the host/);
		expect(error?.description).not.toMatch(/attempts/);
		expect(api.server.createCount).toBe(0);
	});
});

describe('a result URL the host names on a blocked address (LaoZhang video_url on 127.0.0.2)', () => {
	const laoZhang = useReferenceServer({ mode: 'laozhang', refreshMs: 100, cdnHost: '127.0.0.2' });

	test("the download fails naming n8n's block, the MP4 is never requested, and it is not retried", async () => {
		const { error } = await laoZhang.run(
			createParams({
				model: { __rl: true, mode: 'id', value: 'muse-video' },
				duration: 8,
				size: '',
				aspectRatio: '9:16',
			}),
			{ credentials: { ...laoZhang.credentials, hostType: 'laoZhang' } },
		);
		expect(laoZhang.server.cdn.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
		expect(`${error?.message}\n${error?.description}`).toContain(
			"n8n's SSRF protection blocked 127.0.0.2",
		);
		expect(laoZhang.server.cdn.requests).toHaveLength(0);
	});

	// Fails until describeFailure (the lead's retryPolicy.ts) starts with networkError's
	// describeNetworkBlock: today the message reads "The request could not be sent: the request
	// could not be sent". Then turn `test.failing` into `test`.
	test("the error's message itself names n8n's block and how to allow it", async () => {
		const { error } = await laoZhang.run(
			createParams({
				model: { __rl: true, mode: 'id', value: 'muse-video' },
				duration: 8,
				size: '',
				aspectRatio: '9:16',
			}),
			{ credentials: { ...laoZhang.credentials, hostType: 'laoZhang' } },
		);
		expect(error?.message).toMatch(
			/^The request could not be sent: n8n's SSRF protection blocked 127\.0\.0\.2; an n8n administrator can allow it with N8N_SSRF_ALLOWED_IP_RANGES or N8N_SSRF_ALLOWED_HOSTNAMES \[item 0, video task_\w+\]$/,
		);
	});
});
