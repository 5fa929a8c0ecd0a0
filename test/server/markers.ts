/** Per-job controls written into the prompt, so they also work from a real n8n UI. */
export interface PromptMarkers {
	/** `[fail]`: the job ends failed with the moderation message. */
	fail: boolean;
	/** `[gen=3000]`: this job's generation time in ms. */
	generationMs?: number;
	/** `[expire]`: completed, but content answers 404 expired. */
	expireAssets: boolean;
	/** `[expired]` (gateway and openrouter modes): the job ends with status `expired`. */
	expiredStatus: boolean;
	/** `[cancelled]` (openrouter mode): the job ends with status `cancelled`. */
	cancelledStatus: boolean;
}

export function readPromptMarkers(prompt: string): PromptMarkers {
	const generation = /\[gen=(\d+)\]/i.exec(prompt);
	return {
		fail: /\[fail\]/i.test(prompt),
		generationMs: generation ? Number(generation[1]) : undefined,
		expireAssets: /\[expire\]/i.test(prompt),
		expiredStatus: /\[expired\]/i.test(prompt),
		cancelledStatus: /\[cancell?ed\]/i.test(prompt),
	};
}
