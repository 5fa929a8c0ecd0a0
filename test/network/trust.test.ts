/**
 * A gateway the user does not control, tried as an attacker with one would (issue 26), against the
 * node in n8n's engine: every server is on loopback. What a host-named URL to an inside address
 * does is proven in a network namespace of its own (insideAddresses.netns.test.ts).
 */
import { randomBytes } from 'node:crypto';

import { runNode, readBinary } from '../harness/runNode';
import { runCredentialTest } from '../harness/credentialTest';
import {
	carriedSecrets,
	completedVideo,
	json,
	pad,
	serveVideo,
	startLoopbackServer,
	VIDEO_BYTES,
	type LoopbackServer,
} from './hostileGateway';

const API_KEY = `sk-SECRET-${randomBytes(8).toString('hex')}`;
const HEADER_VALUE = `route-${randomBytes(8).toString('hex')}`;
const SECRETS = [API_KEY, HEADER_VALUE];

let gateway: LoopbackServer;
let elsewhere: LoopbackServer;

beforeAll(async () => {
	gateway = await startLoopbackServer();
	elsewhere = await startLoopbackServer('127.0.0.1', '');
});
afterAll(async () => {
	await gateway.close();
	await elsewhere.close();
});
beforeEach(() => {
	gateway.requests.length = 0;
	elsewhere.requests.length = 0;
});

function credentials(overrides: Record<string, unknown> = {}) {
	return {
		apiKey: API_KEY,
		baseUrl: gateway.url,
		hostType: 'openai',
		customHeaders: { header: [{ name: 'X-Route', value: HEADER_VALUE }] },
		...overrides,
	};
}

const getWithDownload = (videoId = 'video_1', options: Record<string, unknown> = {}) => ({
	resource: 'video',
	operation: 'get',
	videoId,
	waitForCompletion: true,
	downloadVideo: true,
	...options,
});

describe('the key stays on its origin', () => {
	test.each([['bearer'], ['apiKey']])(
		'a download redirected to another origin reaches it without the key or the custom headers (%s auth), and the video is delivered',
		async (authHeader) => {
			elsewhere.handle((_req, res) => serveVideo(res));
			gateway.handle((req, res) => {
				if (req.url === '/v1/videos/video_1') return json(res, 200, completedVideo('video_1'));
				res.writeHead(302, { location: `${elsewhere.origin}/files/video_1.mp4?sig=abc` });
				res.end();
			});
			const { items, error } = await runNode({
				credentials: credentials({ authHeader }),
				parameters: getWithDownload(),
			});
			expect(error).toBeUndefined();
			expect(await readBinary(items[0].binary!.data)).toEqual(VIDEO_BYTES);
			expect(elsewhere.requests).toHaveLength(1);
			expect(carriedSecrets(elsewhere.requests, SECRETS)).toEqual([]);
			expect(elsewhere.requests[0].headers.authorization).toBeUndefined();
			expect(elsewhere.requests[0].headers['api-key']).toBeUndefined();
			// On its own origin the gateway got the key, once per request.
			expect(carriedSecrets(gateway.requests, [API_KEY]).length).toBe(gateway.requests.length);
		},
	);

	test('the credential test never follows a redirect: the other origin is never asked', async () => {
		gateway.handle((_req, res) => {
			res.writeHead(302, { location: `${elsewhere.origin}/models` });
			res.end();
		});
		const result = await runCredentialTest(credentials());
		expect(result.status).toBe(302);
		expect(elsewhere.requests).toHaveLength(0);
	});
});

describe('a create is never redirected', () => {
	test.each([[307], [303]])(
		'POST /videos answered %i: sent once, the error names the Location and never says nothing reached the host',
		async (status) => {
			gateway.handle((req, res) => {
				if (req.method === 'POST') {
					res.writeHead(status, { location: `${elsewhere.origin}/v1/videos` });
					return void res.end();
				}
				json(res, 200, { object: 'list', data: [], has_more: false });
			});
			const { error } = await runNode({
				credentials: credentials(),
				parameters: {
					resource: 'video',
					operation: 'create',
					prompt: 'A paper boat',
					model: { __rl: true, mode: 'id', value: 'sora-2' },
					duration: 4,
					size: '720x1280',
				},
			});
			expect(gateway.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
			expect(elsewhere.requests).toHaveLength(0);
			expect(error?.message).toBe(
				`The host answered POST /videos with a redirect (HTTP ${status} to ${elsewhere.origin}/v1/videos), which the node does not follow [item 0]`,
			);
			expect(error?.description).not.toMatch(/Nothing reached the host|nothing was created/i);
			if (status === 303) expect(error?.description).toMatch(/List operation/);
		},
	);
});

describe('every read ends', () => {
	test("a status read stalled after its headers ends at the wait's Timeout", async () => {
		gateway.handle((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.write('{"id":"video_1",');
		});
		const started = Date.now();
		const { error } = await runNode({
			credentials: credentials(),
			parameters: getWithDownload('video_1', { waitOptions: { timeoutMinutes: 0.05 } }),
		});
		expect(error?.message).toMatch(/^Not started|^Timed out|could not be reached/);
		expect(Date.now() - started).toBeLessThan(20_000);
	}, 30_000);

	test('a download that stalls after its headers is ended by Idle Timeout and tried again', async () => {
		let contentRequests = 0;
		gateway.handle((req, res) => {
			if (req.url === '/v1/videos/video_1') return json(res, 200, completedVideo('video_1'));
			contentRequests++;
			if (contentRequests > 1) return serveVideo(res);
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': VIDEO_BYTES.length });
			res.write(VIDEO_BYTES.subarray(0, 100));
		});
		const { items, error } = await runNode({
			credentials: credentials(),
			parameters: getWithDownload('video_1', { options: { idleTimeout: 1 } }),
		});
		expect(error).toBeUndefined();
		expect(contentRequests).toBe(2);
		expect(await readBinary(items[0].binary!.data)).toEqual(VIDEO_BYTES);
	}, 30_000);
});

describe('every read is bounded', () => {
	test('a 404 with a 300 MB body on a download is read up to a small cap, and the error stays short', async () => {
		let written: Promise<number> | undefined;
		gateway.handle((req, res) => {
			if (req.url === '/v1/videos/video_1') return json(res, 200, completedVideo('video_1'));
			written = pad(res, 404, 'text/plain', 300 * 1024 * 1024);
		});
		const { error } = await runNode({ credentials: credentials(), parameters: getWithDownload() });
		expect(error?.message).toMatch(/\[item 0, video video_1\]$/);
		expect(error!.message.length + String(error!.description).length).toBeLessThan(40_000);
		expect(await written).toBeLessThan(64 * 1024 * 1024);
	}, 60_000);

	test('a status answer of 300 MB is refused unread, never put on the item', async () => {
		let written: Promise<number> | undefined;
		gateway.handle((_req, res) => {
			written = pad(res, 200, 'application/json', 300 * 1024 * 1024);
		});
		const { error } = await runNode({
			credentials: credentials(),
			parameters: { resource: 'video', operation: 'get', videoId: 'video_1' },
		});
		expect(error?.message).toBe(
			"The host's answer was refused: an answer larger than 128 MiB (refused unread) [item 0, video video_1]",
		);
		expect(gateway.requests).toHaveLength(1);
		expect(await written).toBeLessThan(200 * 1024 * 1024);
	}, 60_000);

	test('a complete body that is not an MP4 is not downloaded again', async () => {
		gateway.handle((req, res) => {
			if (req.url === '/v1/videos/video_1') return json(res, 200, completedVideo('video_1'));
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<!DOCTYPE html><html><body>Sign in to continue</body></html>');
		});
		await runNode({ credentials: credentials(), parameters: getWithDownload() });
		expect(gateway.requests.filter((r) => r.url.includes('/content'))).toHaveLength(1);
	});
});

describe('ids stay in their path', () => {
	test.each([['..'], ['.'], ['%2e%2e'], ['%252e']])(
		'a video id %s is refused before anything is sent (Get, Delete)',
		async (videoId) => {
			for (const operation of ['get', 'delete']) {
				const { error } = await runNode({
					credentials: credentials(),
					parameters: { resource: 'video', operation, videoId },
				});
				expect(error?.message).toBe(
					`Video ID "${videoId}" is not an id: it would change the path of the request [item 0, video ${videoId}]`,
				);
			}
			expect(gateway.requests).toHaveLength(0);
		},
	);
});
