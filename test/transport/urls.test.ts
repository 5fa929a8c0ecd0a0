import { openRouterDialect } from '../../nodes/Sora/hosts/openRouter';
import { openaiDialect } from '../../nodes/Sora/hosts/openai';
import { absoluteUrl } from '../../nodes/Sora/transport/urls';

describe('absoluteUrl: the one URL builder (what is sent, what error text and a tool answer show)', () => {
	test("OpenRouter's content URL keeps its index (error text once dropped it)", () => {
		const location = openRouterDialect.contentLocation(undefined, 'job_1', 'video');
		expect(absoluteUrl('https://openrouter.ai/api/v1', location)).toBe(
			'https://openrouter.ai/api/v1/videos/job_1/content?index=0',
		);
	});

	test("the contract's variant, a host's own result URL as it is, a query added to a path that has one", () => {
		expect(
			absoluteUrl('http://h/v1', openaiDialect.contentLocation(undefined, 'video_1', 'thumbnail')),
		).toBe('http://h/v1/videos/video_1/content?variant=thumbnail');
		expect(absoluteUrl('http://h/v1', { url: 'https://cdn.example/v.mp4' })).toBe(
			'https://cdn.example/v.mp4',
		);
		expect(
			absoluteUrl('http://h/v1', {
				path: '/videos?order=desc',
				qs: { limit: 100, after: undefined },
			}),
		).toBe('http://h/v1/videos?order=desc&limit=100');
	});
});
