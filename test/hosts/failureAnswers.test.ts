import {
	canonicalStatus,
	readCanonicalVideo,
	readErrorBody,
	unixSeconds,
} from '../../nodes/Sora/hosts/answers';
import { newApiFailureReason } from '../../nodes/Sora/hosts/newApi';
import { newApiDialect } from '../../nodes/Sora/hosts/newApi';
import { cometApiDialect } from '../../nodes/Sora/hosts/cometApi';

/** Failures hosts do not call failures, and the answers that read wrong without care (issue 19). */

describe("new-api's fail_to_fetch_task: the upstream's own error inside its message", () => {
	const upstream = {
		error: {
			message: "Unknown parameter: 'image'.",
			type: 'invalid_request_error',
			param: 'image',
			code: 'unknown_parameter',
		},
	};

	test('reads as the upstream message and code, with new-api’s code kept apart', () => {
		expect(
			readErrorBody({ code: 'fail_to_fetch_task', message: JSON.stringify(upstream), data: null }),
		).toEqual({
			message: "Unknown parameter: 'image'.",
			type: 'invalid_request_error',
			param: 'image',
			code: 'unknown_parameter',
			relayCode: 'fail_to_fetch_task',
		});
	});

	test('a message that only looks like JSON stays as it is', () => {
		expect(
			readErrorBody({ code: 'fail_to_fetch_task', message: '{not json', data: null }),
		).toMatchObject({ message: '{not json', code: 'fail_to_fetch_task' });
		expect(readErrorBody({ code: 'x', message: '{"a":1}', data: null })).toMatchObject({
			message: '{"a":1}',
			code: 'x',
		});
	});
});

describe('failure reasons where hosts keep them', () => {
	test('new-api: GET /video/generations/{id} (relative to the Base URL) and its data.fail_reason', () => {
		expect(newApiDialect.failureReason).toBe(newApiFailureReason);
		expect(newApiFailureReason.path('task_ab/c')).toBe('/video/generations/task_ab%2Fc');
		expect(
			newApiFailureReason.read({
				code: 'success',
				data: {
					task_id: 'task_1',
					status: 'FAILURE',
					fail_reason: 'Veo: the prompt was blocked (RAI filter)',
				},
			}),
		).toBe('Veo: the prompt was blocked (RAI filter)');
		expect(
			newApiFailureReason.read({ code: 'success', data: { status: 'failed', fail_reason: '' } }),
		).toBeUndefined();
		expect(
			newApiFailureReason.read({ code: 'task_not_exist', message: 'task_not_exist', data: null }),
		).toBeUndefined();
	});

	test('Hailuo through new-api: a failed task with a non-URL metadata.url has that as its reason', () => {
		const video = readCanonicalVideo({
			id: 'task_1',
			task_id: 'task_1',
			status: 'failed',
			metadata: { url: 'input image violates the content policy' },
		});
		expect(video).toMatchObject({
			status: 'failed',
			error: { message: 'input image violates the content policy' },
		});
		expect(video?.resultUrl).toBeUndefined();
	});

	test("an error object's own message wins over metadata.url; a completed task's URL is its result", () => {
		expect(
			readCanonicalVideo({
				id: 't',
				status: 'failed',
				error: { message: 'own' },
				metadata: { url: 'other' },
			})?.error,
		).toEqual({ message: 'own' });
		expect(
			readCanonicalVideo({ id: 't', status: 'completed', metadata: { url: 'https://cdn/v.mp4' } }),
		).toMatchObject({ resultUrl: 'https://cdn/v.mp4' });
		expect(
			readCanonicalVideo({ id: 't', status: 'completed', metadata: { url: 'https://cdn/v.mp4' } })
				?.error,
		).toBeUndefined();
	});
});

describe('times and statuses', () => {
	test('created_at in milliseconds (Kling through new-api) reads as seconds; seconds stay', () => {
		expect(
			readCanonicalVideo({
				id: 't',
				status: 'queued',
				created_at: 1_764_892_800_123,
				completed_at: 1_764_892_900,
			}),
		).toMatchObject({
			created_at: 1_764_892_800,
			completed_at: 1_764_892_900,
		});
		expect(unixSeconds('1764892800123')).toBe(1_764_892_800);
		expect(unixSeconds(0)).toBeUndefined();
		expect(unixSeconds('2026-12-05T01:00:00Z')).toBeUndefined();
	});

	test("CometAPI's uppercase statuses and its video_url", () => {
		expect(
			['SUBMITTED', 'IN_PROGRESS', 'SUCCESS', 'FAILED', 'ERROR'].map((s) =>
				canonicalStatus(s, undefined),
			),
		).toEqual(['queued', 'in_progress', 'completed', 'failed', 'failed']);
		expect(
			cometApiDialect.readVideo({
				id: 'task-9',
				status: 'SUCCESS',
				video_url: 'https://cdn.comet/v.mp4',
			}),
		).toMatchObject({
			status: 'completed',
			hostStatus: 'SUCCESS',
			resultUrl: 'https://cdn.comet/v.mp4',
		});
		expect(
			cometApiDialect.contentLocation(
				cometApiDialect.readVideo({
					id: 'task-9',
					status: 'SUCCESS',
					video_url: 'https://cdn.comet/v.mp4',
				}),
				'task-9',
				'video',
			),
		).toEqual({ url: 'https://cdn.comet/v.mp4' });
	});
});
