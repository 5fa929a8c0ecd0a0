import { startReferenceServer, type ReferenceServer } from './index';
import { call, completedVideo, expectApiError } from './test-client';

let server: ReferenceServer;

beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 60_000 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

async function createVideos(count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < count; i += 1) {
		ids.push(
			(await call(server, 'POST', '/videos', { json: { prompt: `Video number ${i}` } })).json.id,
		);
	}
	return ids;
}

describe('GET /videos', () => {
	it('pages newest first by default with has_more, first_id and last_id', async () => {
		const ids = await createVideos(5);
		const newestFirst = [...ids].reverse();
		const first = await call(server, 'GET', '/videos', { query: { limit: 2 } });
		expect(first.json).toMatchObject({
			object: 'list',
			has_more: true,
			first_id: newestFirst[0],
			last_id: newestFirst[1],
		});
		expect(first.json.data.map((video: { id: string }) => video.id)).toEqual(
			newestFirst.slice(0, 2),
		);

		const second = await call(server, 'GET', '/videos', {
			query: { limit: 2, after: first.json.last_id },
		});
		expect(second.json.data.map((video: { id: string }) => video.id)).toEqual(
			newestFirst.slice(2, 4),
		);
		expect(second.json.has_more).toBe(true);

		const last = await call(server, 'GET', '/videos', {
			query: { limit: 2, after: second.json.last_id },
		});
		expect(last.json.data.map((video: { id: string }) => video.id)).toEqual(newestFirst.slice(4));
		expect(last.json.has_more).toBe(false);
		expect(server.contractViolations).toEqual([]);
	});

	it('orders ascending on request and defaults to 20 per page', async () => {
		const ids = await createVideos(22);
		const ascending = await call(server, 'GET', '/videos', { query: { order: 'asc' } });
		expect(ascending.json.data).toHaveLength(20);
		expect(ascending.json.first_id).toBe(ids[0]);
		expect(ascending.json.has_more).toBe(true);
	});

	it('answers an empty page with null ids', async () => {
		const empty = await call(server, 'GET', '/videos');
		expect(empty.json).toEqual({
			object: 'list',
			data: [],
			first_id: null,
			last_id: null,
			has_more: false,
		});
		await createVideos(1);
		const none = await call(server, 'GET', '/videos', { query: { limit: 0 } });
		expect(none.json).toMatchObject({ data: [], first_id: null, has_more: true });
	});

	it('rejects a bad limit, order or cursor', async () => {
		expectApiError(
			await call(server, 'GET', '/videos', { query: { limit: 101 } }),
			400,
			'invalid_value',
		);
		expectApiError(
			await call(server, 'GET', '/videos', { query: { limit: 'ten' } }),
			400,
			'invalid_value',
		);
		expectApiError(
			await call(server, 'GET', '/videos', { query: { order: 'newest' } }),
			400,
			'invalid_value',
		);
		expectApiError(
			await call(server, 'GET', '/videos', { query: { after: 'video_unknown' } }),
			400,
			'invalid_value',
		);
	});
});

describe('DELETE /videos/{id}', () => {
	it('deletes a completed video; GET then answers 404', async () => {
		const video = await completedVideo(server);
		const deleted = await call(server, 'DELETE', `/videos/${video.id}`);
		expect(deleted.json).toEqual({ id: video.id, object: 'video.deleted', deleted: true });
		expectApiError(await call(server, 'GET', `/videos/${video.id}`), 404);
		expectApiError(await call(server, 'DELETE', `/videos/${video.id}`), 404);
		expect(server.videos.has(video.id)).toBe(false);
	});

	it('deletes a failed video', async () => {
		const created = await call(server, 'POST', '/videos', { json: { prompt: 'A cat [fail]' } });
		server.completeNow(created.json.id);
		expect((await call(server, 'DELETE', `/videos/${created.json.id}`)).status).toBe(200);
	});

	it('refuses to delete a job still running with 409', async () => {
		const [id] = await createVideos(1);
		expectApiError(await call(server, 'DELETE', `/videos/${id}`), 409, 'video_not_finished');
		expect(server.videos.has(id)).toBe(true);
	});
});
