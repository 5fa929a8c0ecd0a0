/**
 * The literal address check of host-named URLs, and the redirect rules of one exchange with n8n's
 * helpers replaced by recorders (an injected check: no packet leaves, whatever the URL).
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { systemClock } from '../../nodes/base/clock';
import { addressClassOf, refusalOfHostNamedUrl } from '../../nodes/Sora/transport/addressCheck';
import { BODY_LIMITS } from '../../nodes/Sora/transport/bodies';
import { exchange, type Network } from '../../nodes/Sora/transport/exchange';

describe('addressClassOf', () => {
	test.each([
		['169.254.169.254', 'linkLocal'],
		['[fe80::1]', 'linkLocal'],
		['10.1.2.3', 'private'],
		['172.16.0.1', 'private'],
		['172.31.255.255', 'private'],
		['172.32.0.1', 'public'],
		['192.168.1.1', 'private'],
		['127.0.0.1', 'loopback'],
		['127.9.9.9', 'loopback'],
		['[::1]', 'loopback'],
		['localhost', 'loopback'],
		['cdn.localhost', 'loopback'],
		['LOCALHOST.', 'loopback'],
		['100.64.0.1', 'cgnat'],
		['100.127.255.255', 'cgnat'],
		['0.0.0.0', 'unspecified'],
		['[::]', 'unspecified'],
		['[fd00::1]', 'uniqueLocal'],
		['[fc00::1]', 'uniqueLocal'],
		['[::ffff:7f00:1]', 'loopback'],
		['[::ffff:a9fe:a9fe]', 'linkLocal'],
		['[::ffff:808:808]', 'ipv4Mapped'],
		['8.8.8.8', 'public'],
		['cdn.example.com', 'public'],
		['[2001:db8::1]', 'public'],
	])('%s is %s', (host, expected) => {
		expect(addressClassOf(host)).toBe(expected);
	});

	test.each([
		['http://0x7f.1/x', 'loopback'],
		['http://2130706433/x', 'loopback'],
		['http://0251.0376.0251.0376/', 'linkLocal'],
		['http://[::ffff:169.254.169.254]/', 'linkLocal'],
	])('WHATWG URL spellings reach the check canonical: %s is %s', (url, expected) => {
		expect(addressClassOf(new URL(url).hostname)).toBe(expected);
	});
});

describe('refusalOfHostNamedUrl', () => {
	const publicBase = new URL('https://gateway.example.com/v1');
	const loopbackBase = new URL('http://127.0.0.1:8765/v1');
	const privateBase = new URL('http://10.0.0.5/v1');

	test.each([
		['http://169.254.169.254/latest/meta-data/', loopbackBase, /link-local/],
		['http://169.254.169.254/latest/meta-data/', privateBase, /link-local/],
		['https://10.0.0.7/video.mp4', publicBase, /private network address and Base URL's is not/],
		['http://127.0.0.1:9/video.mp4', privateBase, /loopback address and Base URL's is not/],
		['https://[::1]/video.mp4', publicBase, /loopback/],
		['https://localhost/video.mp4', publicBase, /loopback/],
		['https://100.64.1.1/video.mp4', publicBase, /carrier-grade NAT/],
		['https://0.0.0.0/video.mp4', publicBase, /unspecified/],
		['http://cdn.example.com/video.mp4', publicBase, /plain http while Base URL is https/],
		['ftp://cdn.example.com/video.mp4', publicBase, /not http\(s\)/],
		['https://user:pw@cdn.example.com/video.mp4', publicBase, /user name or password/],
	])('%s is refused (Base URL %s)', (url, base, reason) => {
		expect(refusalOfHostNamedUrl(new URL(url), base)).toMatch(reason);
	});

	test.each([
		['https://cdn.example.com/video.mp4', publicBase],
		['http://127.0.0.1:9000/video.mp4', loopbackBase],
		['http://10.0.0.9/video.mp4', privateBase],
		['http://cdn.example.com/video.mp4', loopbackBase],
	])('%s is fetched (Base URL %s)', (url, base) => {
		expect(refusalOfHostNamedUrl(new URL(url), base)).toBeUndefined();
	});
});

/** n8n's two helpers replaced by recorders that answer from a script of hops. */
function recordingNetwork(answers: Record<string, { status: number; location?: string }>) {
	const sent: Array<{ url: string; authenticated: boolean }> = [];
	const answer = (authenticated: boolean) => async (options: IHttpRequestOptions) => {
		sent.push({ url: options.url, authenticated });
		const scripted = answers[options.url] ?? { status: 200 };
		return {
			statusCode: scripted.status,
			headers: scripted.location ? { location: scripted.location } : {},
			body: '{}',
		};
	};
	const network: Network = {
		ctx: {
			getNode: () => ({}) as never,
			getCredentials: async () => ({}) as never,
			logger: { debug: () => undefined } as never,
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) =>
					await answer(true)(options),
				httpRequest: answer(false),
			},
		},
		base: new URL('https://gateway.example.com/v1'),
		clock: systemClock,
		idleTimeoutMs: 60_000,
		signal: undefined,
		secrets: [],
	};
	return { network, sent };
}

const get = (url: string) => ({
	method: 'GET' as const,
	url,
	headers: {},
	stream: false,
	limits: BODY_LIMITS.answer,
	endBy: Infinity,
});

describe('exchange: redirects followed by hand', () => {
	test('an https Base URL redirected to http is refused before the http hop, and the key went only to the https origin', async () => {
		const { network, sent } = recordingNetwork({
			'https://gateway.example.com/v1/videos/v1/content': {
				status: 302,
				location: 'http://gateway.example.com/v1/videos/v1/content',
			},
		});
		const result = await exchange(network, get('https://gateway.example.com/v1/videos/v1/content'));
		expect(result).toEqual({
			failure: {
				kind: 'refused',
				url: 'http://gateway.example.com/v1/videos/v1/content',
				reason: 'it is plain http while Base URL is https',
			},
		});
		expect(sent).toEqual([
			{ url: 'https://gateway.example.com/v1/videos/v1/content', authenticated: true },
		]);
	});

	test('a public hop that redirects to the metadata endpoint is refused before connecting', async () => {
		const { network, sent } = recordingNetwork({
			'https://cdn.example.com/v.mp4': { status: 302, location: 'http://169.254.169.254/latest/' },
		});
		const result = await exchange(network, get('https://cdn.example.com/v.mp4'));
		expect('failure' in result && result.failure.kind).toBe('refused');
		expect(sent).toEqual([{ url: 'https://cdn.example.com/v.mp4', authenticated: false }]);
	});

	test('at most 5 redirects; a POST is never redirected (its 3xx is the answer)', async () => {
		const loop = { status: 302, location: 'https://gateway.example.com/v1/loop' };
		const { network, sent } = recordingNetwork({ 'https://gateway.example.com/v1/loop': loop });
		const looped = await exchange(network, get('https://gateway.example.com/v1/loop'));
		expect(looped).toMatchObject({ failure: { kind: 'refused', reason: 'more than 5 redirects' } });
		expect(sent).toHaveLength(6);
		sent.length = 0;
		const posted = await exchange(network, {
			...get('https://gateway.example.com/v1/loop'),
			method: 'POST',
		});
		expect(posted).toMatchObject({ response: { status: 302 } });
		expect(sent).toHaveLength(1);
	});
});
