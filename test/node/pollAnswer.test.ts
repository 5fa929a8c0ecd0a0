/** One step of the wait engine on its own: what a status check's outcome says to do. */
import { readPollAnswer } from '../../nodes/Sora/engine/pollAnswer';
import { openaiDialect } from '../../nodes/Sora/hosts/openai';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
	status,
	headers,
	body,
});

describe('readPollAnswer', () => {
	test('a video answer is the video, with the host’s poll-after hint', () => {
		const verdict = readPollAnswer(
			{
				kept: answer(
					200,
					{ id: 'video_1', status: 'in_progress', progress: 40 },
					{ 'openai-poll-after-ms': '1500' },
				),
			},
			openaiDialect,
			NOW,
		);
		expect(verdict).toMatchObject({
			video: { id: 'video_1', status: 'in_progress' },
			pollAfterMs: 1500,
		});
	});

	test('a 404 is refused (the job fails with it); a 503 is a failure to check again', () => {
		expect(readPollAnswer({ refused: answer(404, {}) }, openaiDialect, NOW)).toHaveProperty(
			'refused',
		);
		expect(
			readPollAnswer({ refused: answer(503, {}, { 'retry-after': '2' }) }, openaiDialect, NOW),
		).toEqual({
			failure: { kind: 'status', status: 503, retryAfterMs: 2000 },
		});
	});

	test("ended by the wait's Timeout; no video in the answer; a stalled read", () => {
		expect(
			readPollAnswer({ failed: { kind: 'pastDeadline' }, attempts: 1 }, openaiDialect, NOW),
		).toEqual({
			pastDeadline: true,
		});
		expect(readPollAnswer({ kept: answer(200, { nothing: true }) }, openaiDialect, NOW)).toEqual({
			failure: { kind: 'malformed' },
		});
		expect(
			readPollAnswer(
				{ failed: { kind: 'stalled', idleMs: 60_000 }, attempts: 1 },
				openaiDialect,
				NOW,
			),
		).toEqual({
			failure: { kind: 'stalled', idleMs: 60_000 },
		});
	});
});
