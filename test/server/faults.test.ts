import { request } from 'undici';
import { startReferenceServer, type FaultKind, type ReferenceServer } from './index';
import { call, completedVideo, expectApiError } from './test-client';

let server: ReferenceServer;

beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 60_000, slowMs: 300 });
});
afterEach(() => {
	server.setOptions({ faultRates: undefined });
	server.reset();
});
afterAll(() => server.close());

const createVideo = () => call(server, 'POST', '/videos', { json: { prompt: 'A cat' } });

async function downloadBytes(
	videoId: string,
): Promise<{ status: number; length: number; declared: number }> {
	const answer = await request(`${server.url}/videos/${videoId}/content`, {
		headers: { authorization: 'Bearer sk-test' },
	});
	const bytes = Buffer.from(await answer.body.arrayBuffer());
	return {
		status: answer.statusCode,
		length: bytes.length,
		declared: Number(answer.headers['content-length']),
	};
}

describe('faults answered instead of processing', () => {
	it('rate-limit: 429 with retry-after headers, not processed', async () => {
		server.injectFault({ kind: 'rate-limit' });
		const answer = await createVideo();
		expectApiError(answer, 429, 'rate_limit_exceeded');
		expect(answer.headers['retry-after']).toBe('1');
		expect(answer.headers['retry-after-ms']).toBe('1000');
		expect(server.createCount).toBe(0);
		expect(server.requests[0]).toMatchObject({ status: 429, fault: 'rate-limit' });
		expect((await createVideo()).status).toBe(200);
	});

	it('rate-limit-no-header: 429 without retry headers', async () => {
		server.injectFault({ kind: 'rate-limit-no-header' });
		const answer = await createVideo();
		expectApiError(answer, 429, 'rate_limit_exceeded');
		expect(answer.headers['retry-after']).toBeUndefined();
		expect(answer.headers['retry-after-ms']).toBeUndefined();
	});

	it.each([
		['server-error-500', 500],
		['server-error-502', 502],
		['server-error-503', 503],
	] as const)('%s: answers %i with an error body, not processed', async (kind, status) => {
		server.injectFault({ kind });
		const error = expectApiError(await createVideo(), status);
		expect(error.type).toBe('server_error');
		expect(server.createCount).toBe(0);
	});

	it('reset-before-response: drops the connection, not processed', async () => {
		server.injectFault({ kind: 'reset-before-response' });
		await expect(createVideo()).rejects.toThrow();
		expect(server.createCount).toBe(0);
		expect(server.requests[0]).toMatchObject({ status: 0, fault: 'reset-before-response' });
	});

	it('malformed-json: 200 with a body that is not JSON, not processed', async () => {
		server.injectFault({ kind: 'malformed-json' });
		const answer = await createVideo();
		expect(answer.status).toBe(200);
		expect(() => JSON.parse(answer.bytes.toString())).toThrow();
		expect(server.createCount).toBe(0);
	});

	it('slow: answers normally after slowMs', async () => {
		server.injectFault({ kind: 'slow' });
		const started = Date.now();
		expect((await createVideo()).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});
});

describe('faults after processing a create', () => {
	it('server-error-after-processing: the job exists and is counted, the answer is 500', async () => {
		server.injectFault({ kind: 'server-error-after-processing' });
		expectApiError(await createVideo(), 500);
		expect(server.createCount).toBe(1);
		expect(server.videos.size).toBe(1);
	});

	it('reset-after-processing: the job exists, the connection drops', async () => {
		server.injectFault({ kind: 'reset-after-processing' });
		await expect(createVideo()).rejects.toThrow();
		expect(server.createCount).toBe(1);
		expect(server.requests[0]).toMatchObject({ status: 0, fault: 'reset-after-processing' });
	});

	it('job-fails: the job is created and ends failed with the moderation error', async () => {
		server.injectFault({ kind: 'job-fails' });
		const created = await createVideo();
		expect(created.json.status).toBe('queued');
		server.completeNow(created.json.id);
		const failed = await call(server, 'GET', `/videos/${created.json.id}`);
		expect(failed.json).toMatchObject({ status: 'failed', error: { code: 'moderation_blocked' } });
	});
});

describe('download faults', () => {
	it('mid-download-reset: headers and about half the body, then the connection drops', async () => {
		const video = await completedVideo(server);
		server.injectFault({ kind: 'mid-download-reset' });
		await expect(downloadBytes(video.id)).rejects.toThrow();
		expect((await downloadBytes(video.id)).length).toBe(server.fixture('video').length);
	});

	it('truncated-body: the full content-length is declared but only half arrives', async () => {
		const video = await completedVideo(server);
		server.injectFault({ kind: 'truncated-body' });
		const outcome = await downloadBytes(video.id).catch((error: Error) => error);
		if (!(outcome instanceof Error)) expect(outcome.length).toBeLessThan(outcome.declared);
		expect(server.requests.at(-1)?.fault).toBe('truncated-body');
	});

	it('expired: 404 as for an expired asset; expires_at moves to the past', async () => {
		const video = await completedVideo(server);
		server.injectFault({ kind: 'expired' });
		expectApiError(await call(server, 'GET', `/videos/${video.id}/content`), 404, 'video_expired');
		const after = await call(server, 'GET', `/videos/${video.id}`);
		expect(after.json.expires_at).toBeLessThan(Math.floor(Date.now() / 1000));
	});
});

describe('choosing faults', () => {
	it('consumes rules in order, only where they match and apply', async () => {
		server.injectFault({ kind: 'mid-download-reset', method: 'POST' }); // never applies to a POST
		server.injectFault({ kind: 'server-error-503', method: 'GET', path: '/videos/{id}', count: 2 });
		server.injectFault({ kind: 'rate-limit', path: /^\/videos$/ });
		expectApiError(await createVideo(), 429);
		expect((await createVideo()).status).toBe(200);
		expect((await call(server, 'GET', '/videos')).status).toBe(200);
		expectApiError(await call(server, 'GET', '/videos/video_x'), 503);
		expectApiError(await call(server, 'GET', '/videos/video_y'), 503);
		expectApiError(await call(server, 'GET', '/videos/video_z'), 404);
		expect(server.requests.map((entry) => entry.fault)).toEqual([
			'rate-limit',
			undefined,
			undefined,
			'server-error-503',
			'server-error-503',
			undefined,
		]);
	});

	it('applies faultRates with a seeded PRNG: the same seed gives the same faults', async () => {
		const run = async (seed: number): Promise<Array<FaultKind | undefined>> => {
			server.setOptions({ seed, faultRates: { 'server-error-500': 0.3, 'rate-limit': 0.2 } });
			server.reset();
			for (let i = 0; i < 30; i += 1) await call(server, 'GET', '/videos');
			return server.requests.map((entry) => entry.fault);
		};
		const first = await run(42);
		expect(await run(42)).toEqual(first);
		expect(first.filter(Boolean).length).toBeGreaterThan(5);
		expect(first.filter(Boolean).length).toBeLessThan(25);
		expect(await run(7)).not.toEqual(first);
	});
});
