import {
	canonicalStatus,
	readCanonicalVideo,
	readErrorBody,
	readModelList,
} from '../../nodes/Sora/hosts/answers';

describe('error bodies in every shape the known hosts answer', () => {
	test.each([
		[
			'OpenAI contract',
			{
				error: {
					message: 'Bad size',
					type: 'invalid_request_error',
					param: 'size',
					code: 'invalid_size',
				},
			},
			{ message: 'Bad size', code: 'invalid_size', param: 'size', type: 'invalid_request_error' },
		],
		[
			'OpenRouter (integer code)',
			{ error: { code: 400, message: 'duration 7 is not supported', metadata: null } },
			{ message: 'duration 7 is not supported', code: '400' },
		],
		['error as a string', { error: 'quota exceeded' }, { message: 'quota exceeded' }],
		[
			'new-api task relay',
			{ code: 'task_not_exist', message: 'task_not_exist', data: null },
			{ message: 'task_not_exist', code: 'task_not_exist' },
		],
		[
			'new-api invalid_json',
			{ code: 'invalid_json', message: 'seconds must be a string', data: null },
			{ message: 'seconds must be a string', code: 'invalid_json' },
		],
		['plain text', 'upstream timeout', { message: 'upstream timeout' }],
	])('%s', (_label, body, expected) => {
		expect(readErrorBody(body)).toMatchObject(expected);
	});

	test('a body with nothing to say reads as empty', () => {
		expect(readErrorBody({})).toEqual({});
		expect(readErrorBody(undefined)).toEqual({});
	});
});

describe('statuses', () => {
	test.each([
		['queued', 'queued'],
		['pending', 'queued'],
		['unknown', 'queued'],
		['in_progress', 'in_progress'],
		['processing', 'in_progress'],
		['completed', 'completed'],
		['succeeded', 'completed'],
		['success', 'completed'],
		['failed', 'failed'],
		['error', 'failed'],
		['cancelled', 'cancelled'],
		['canceled', 'cancelled'],
		['expired', 'expired'],
		['IN_PROGRESS', 'in_progress'],
	])('%s → %s', (word, canonical) => {
		expect(canonicalStatus(word, undefined)).toBe(canonical);
	});

	test('an id with an error and no status is a failure at once (new-api)', () => {
		const video = readCanonicalVideo({
			id: 'task_abc',
			error: { message: 'Your request was blocked', type: 'moderation', code: 'blocked' },
		});
		expect(video).toMatchObject({
			id: 'task_abc',
			status: 'failed',
			error: { code: 'blocked', message: 'Your request was blocked' },
		});
	});

	test('a host word beside the canonical status is kept as hostStatus', () => {
		expect(readCanonicalVideo({ id: 'job-1', status: 'pending' })).toMatchObject({
			status: 'queued',
			hostStatus: 'pending',
		});
		expect(readCanonicalVideo({ id: 'video_1', status: 'completed' })!.hostStatus).toBeUndefined();
	});
});

describe('videos', () => {
	test('OpenRouter: error as a string, the result URL and the reported cost', () => {
		const failed = readCanonicalVideo({ id: 'job-1', status: 'failed', error: 'content policy' });
		expect(failed).toMatchObject({ status: 'failed', error: { message: 'content policy' } });
		const done = readCanonicalVideo({
			id: 'job-2',
			status: 'completed',
			unsigned_urls: ['https://openrouter.ai/api/v1/videos/job-2/content?index=0'],
			usage: { cost: 0.8, is_byok: false },
		});
		expect(done).toMatchObject({
			resultUrl: 'https://openrouter.ai/api/v1/videos/job-2/content?index=0',
			reportedCost: { usd: 0.8 },
		});
	});

	test.each([
		['metadata.url (new-api other channels)', { metadata: { url: 'https://cdn.example/a.mp4' } }],
		['video_url (LaoZhang)', { video_url: 'https://cdn.example/a.mp4' }],
		[
			'output.videos[0].url (Inworld)',
			{ output: { videos: [{ url: 'https://cdn.example/a.mp4' }] } },
		],
	])('result URL from %s', (_label, fields) => {
		expect(readCanonicalVideo({ id: 'x', status: 'completed', ...fields })!.resultUrl).toBe(
			'https://cdn.example/a.mp4',
		);
	});

	test('new-api task_id alone is an id; numbers become strings; Merge-style cost', () => {
		expect(
			readCanonicalVideo({ task_id: 'task_1', status: 'queued', seconds: 4, cost: '0.4' }),
		).toMatchObject({ id: 'task_1', seconds: '4', reportedCost: { usd: 0.4 } });
	});

	test('not a video without an id', () => {
		expect(readCanonicalVideo({ status: 'queued' })).toBeUndefined();
		expect(readCanonicalVideo([])).toBeUndefined();
	});
});

test('model lists: declared video models, else by name', () => {
	expect(
		readModelList({ data: [{ id: 'gpt-4o' }, { id: 'sora-2' }, { id: 'kling-v2-master' }] })
			.filter((m) => m.isVideo)
			.map((m) => m.id),
	).toEqual(['sora-2', 'kling-v2-master']);
	expect(
		readModelList({
			data: [
				{ id: 'a', type: 'video' },
				{ id: 'sora-like', type: 'chat' },
			],
		})
			.filter((m) => m.isVideo)
			.map((m) => m.id),
	).toEqual(['a']);
});
