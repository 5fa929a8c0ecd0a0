import { StoredVideo } from '../test/server';

/**
 * When the node first saw each video completed: the reference server computes a job's status
 * from the clock whenever it serializes the video (`toJSON`, called once per GET /videos/{id}
 * answer), so wrapping `toJSON` records the exact moment a "completed" answer was built.
 * Bench-only instrumentation; the server code is not changed.
 */
const firstCompletedAnswerAt = new Map<string, number>();
let installed = false;

export function observeCompletedAnswers(): void {
	if (installed) return;
	installed = true;
	const original = StoredVideo.prototype.toJSON;
	StoredVideo.prototype.toJSON = function (this: StoredVideo) {
		const body = original.call(this);
		if (body.status === 'completed' && !firstCompletedAnswerAt.has(this.id))
			firstCompletedAnswerAt.set(this.id, Date.now());
		return body;
	};
}

export function firstCompletedAnswer(videoId: string): number | undefined {
	return firstCompletedAnswerAt.get(videoId);
}

export function forgetCompletedAnswers(): void {
	firstCompletedAnswerAt.clear();
}
