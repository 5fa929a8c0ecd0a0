import { startReferenceServer, type ReferenceServer } from './index';
import { call, completedVideo, expectApiError, formWith } from './test-client';

let server: ReferenceServer;

beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 60_000 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('POST /videos/{id}/remix', () => {
	it('inherits model, size and seconds and records the source', async () => {
		const source = await completedVideo(server, {
			model: 'sora-2-pro',
			size: '1792x1024',
			seconds: '12',
		});
		const remix = await call(server, 'POST', `/videos/${source.id}/remix`, {
			json: { prompt: 'Now at night' },
		});
		expect(remix.json).toMatchObject({
			status: 'queued',
			model: 'sora-2-pro',
			size: '1792x1024',
			seconds: '12',
			prompt: 'Now at night',
			remixed_from_video_id: source.id,
		});
		expect(server.createCount).toBe(2);
		expect(server.contractViolations).toEqual([]);
	});

	it('needs an existing, completed source', async () => {
		expectApiError(
			await call(server, 'POST', '/videos/video_unknown/remix', { json: { prompt: 'x' } }),
			404,
		);
		const running = await call(server, 'POST', '/videos', { json: { prompt: 'A cat' } });
		expectApiError(
			await call(server, 'POST', `/videos/${running.json.id}/remix`, { json: { prompt: 'x' } }),
			400,
			'video_not_completed',
		);
		expect(server.createCount).toBe(1);
	});
});

describe('POST /videos/edits', () => {
	it('edits a completed video by id', async () => {
		const source = await completedVideo(server, { size: '1280x720', seconds: '8' });
		const edit = await call(server, 'POST', '/videos/edits', {
			json: { prompt: 'Make it snow', video: { id: source.id } },
		});
		expect(edit.json).toMatchObject({
			status: 'queued',
			size: '1280x720',
			seconds: '8',
			prompt: 'Make it snow',
		});
	});

	it('edits an uploaded video', async () => {
		const edit = await call(server, 'POST', '/videos/edits', {
			form: formWith({ prompt: 'Make it snow' }, { video: 'video.mp4' }),
		});
		expect(edit.status).toBe(200);
		expect(edit.json.seconds).toBe('2');
		expect(server.contractViolations).toEqual([]);
	});

	it('needs a video', async () => {
		expectApiError(
			await call(server, 'POST', '/videos/edits', { json: { prompt: 'x' } }),
			400,
			'missing_required_parameter',
		);
	});
});

describe('POST /videos/extensions', () => {
	it('answers the stitched total length', async () => {
		const source = await completedVideo(server, { seconds: '8' });
		const extension = await call(server, 'POST', '/videos/extensions', {
			json: { prompt: 'And then it rains', seconds: '12', video: { id: source.id } },
		});
		expect(extension.json).toMatchObject({ status: 'queued', seconds: '20' });
		expect(server.contractViolations).toEqual([]);
	});

	it('extends an uploaded video', async () => {
		const form = formWith({ prompt: 'More', seconds: '4' }, { video: 'video.mp4' });
		const extension = await call(server, 'POST', '/videos/extensions', { form });
		expect(extension.json.seconds).toBe('6');
	});

	it('allows at most 6 extensions and 120 seconds in all', async () => {
		let current = await completedVideo(server, { seconds: '4' });
		for (let i = 0; i < 6; i += 1) {
			const next = await call(server, 'POST', '/videos/extensions', {
				json: { prompt: 'More', seconds: '4', video: { id: current.id } },
			});
			expect(next.status).toBe(200);
			server.completeNow(next.json.id);
			current = next.json;
		}
		expect(current.seconds).toBe('28');
		const seventh = await call(server, 'POST', '/videos/extensions', {
			json: { prompt: 'More', seconds: '4', video: { id: current.id } },
		});
		expectApiError(seventh, 400, 'invalid_value');

		current = await completedVideo(server, { seconds: '20' });
		for (let i = 0; i < 5; i += 1) {
			const next = await call(server, 'POST', '/videos/extensions', {
				json: { prompt: 'More', seconds: '20', video: { id: current.id } },
			});
			server.completeNow(next.json.id);
			current = next.json;
		}
		expect(current.seconds).toBe('120');
		const tooLong = await call(server, 'POST', '/videos/extensions', {
			json: { prompt: 'More', seconds: '4', video: { id: current.id } },
		});
		expect(expectApiError(tooLong, 400, 'invalid_value').param).toBe('seconds');
	});

	it('requires seconds', async () => {
		const source = await completedVideo(server);
		const answer = await call(server, 'POST', '/videos/extensions', {
			json: { prompt: 'More', video: { id: source.id } },
		});
		expectApiError(answer, 400, 'missing_required_parameter');
	});
});
