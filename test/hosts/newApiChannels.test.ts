import { newApiDialect } from '../../nodes/Sora/hosts/newApi';
import { checkCreate } from '../../nodes/Sora/hosts';
import type { CanonicalCreate } from '../../nodes/Sora/hosts/types';

/** new-api's channels, key by key as new-api's task adaptors (relay/channel/task/) read them. */

const png = { name: 'x', data: Buffer.from('png-bytes'), fileName: 'f.png', mimeType: 'image/png' };
const pngBase64 = png.data.toString('base64');
const pngDataUrl = `data:image/png;base64,${pngBase64}`;
const ask = (
	family: CanonicalCreate['family'],
	model: string,
	fields: Partial<CanonicalCreate> = {},
): CanonicalCreate => ({
	prompt: 'A boat',
	model,
	family,
	extra: {},
	...fields,
});
const body = (request: CanonicalCreate) => {
	expect(checkCreate(newApiDialect, request)).toBeUndefined();
	return newApiDialect.createBody(request);
};
const refusal = (request: CanonicalCreate) => checkCreate(newApiDialect, request)?.message;

describe("new-api's channels spell each field in the key its adaptor reads", () => {
	test('Sora: seconds and size as the contract has them, the first frame as an uploaded input_reference (a data URL decoded)', () => {
		const { fields, files } = body(
			ask('sora', 'sora-2', {
				durationSeconds: 8,
				aspectRatio: '9:16',
				resolution: '720p',
				firstFrame: { url: pngDataUrl },
			}),
		);
		expect(fields).toEqual({ prompt: 'A boat', model: 'sora-2', seconds: '8', size: '720x1280' });
		expect(files).toEqual([
			{
				name: 'input_reference',
				data: png.data,
				fileName: 'input_reference.png',
				mimeType: 'image/png',
			},
		]);
	});

	test('Kling: duration an integer (a string in metadata), aspect_ratio, mode from the resolution, image, image_tail, negative_prompt', () => {
		const { fields } = body(
			ask('kling', 'kling-v2-1', {
				durationSeconds: 10,
				aspectRatio: '9:16',
				resolution: '1080p',
				firstFrame: { url: 'https://x/first.png' },
				lastFrame: { file: png },
				negativePrompt: 'blur',
			}),
		);
		expect(fields).toEqual({
			prompt: 'A boat',
			model: 'kling-v2-1',
			duration: 10,
			seconds: '10',
			image: 'https://x/first.png',
			metadata: {
				duration: '10',
				aspect_ratio: '9:16',
				mode: 'pro',
				image_tail: pngBase64,
				negative_prompt: 'blur',
			},
		});
	});

	test('Kling: an exact Size Kling maps is sent beside its ratio; a data URL frame goes as bare base64', () => {
		const { fields } = body(
			ask('kling', 'kling-v2-1', { size: '1280x720', firstFrame: { url: pngDataUrl } }),
		);
		expect(fields).toMatchObject({
			size: '1280x720',
			image: pngBase64,
			metadata: { aspect_ratio: '16:9', mode: 'std' },
		});
	});

	test('Doubao (Seedance): seconds and metadata.duration, ratio and resolution in metadata, audio and seed, the first frame as image', () => {
		const { fields } = body(
			ask('seedance', 'doubao-seedance-1-0-pro-250528', {
				durationSeconds: 10,
				aspectRatio: '9:16',
				resolution: '1080p',
				generateAudio: true,
				seed: 42,
				firstFrame: { file: png },
			}),
		);
		expect(fields).toEqual({
			prompt: 'A boat',
			model: 'doubao-seedance-1-0-pro-250528',
			duration: 10,
			seconds: '10',
			image: pngDataUrl,
			metadata: {
				duration: 10,
				ratio: '9:16',
				resolution: '1080p',
				generate_audio: true,
				seed: 42,
			},
		});
	});

	test('Doubao (Seedance): first and last frame as metadata.content items with roles (no image key)', () => {
		const { fields } = body(
			ask('seedance', 'doubao-seedance-2-0-260128', {
				firstFrame: { url: 'https://x/a.png' },
				lastFrame: { url: 'https://x/b.png' },
			}),
		);
		expect(fields.image).toBeUndefined();
		expect(fields.metadata).toEqual({
			content: [
				{ type: 'image_url', image_url: { url: 'https://x/a.png' }, role: 'first_frame' },
				{ type: 'image_url', image_url: { url: 'https://x/b.png' }, role: 'last_frame' },
			],
		});
	});

	test('Gemini/Vertex (Veo): durationSeconds, aspectRatio, resolution, generateAudio, seed, negativePrompt in metadata; seconds for billing; the frame as a data URL', () => {
		for (const model of ['veo-3.1-generate-preview', 'veo-3.0-generate-001']) {
			const { fields, files } = body(
				ask('veo', model, {
					durationSeconds: 6,
					aspectRatio: '9:16',
					resolution: '1080P',
					generateAudio: false,
					seed: 3,
					negativePrompt: 'text',
					firstFrame: { file: png },
				}),
			);
			expect(files).toEqual([]);
			expect(fields).toEqual({
				prompt: 'A boat',
				model,
				duration: 6,
				seconds: '6',
				image: pngDataUrl,
				metadata: {
					durationSeconds: 6,
					aspectRatio: '9:16',
					resolution: '1080p',
					generateAudio: false,
					seed: 3,
					negativePrompt: 'text',
				},
			});
		}
	});

	test('Hailuo: duration, the resolution in size (and metadata), frames in metadata', () => {
		const { fields } = body(
			ask('hailuo', 'MiniMax-Hailuo-02', {
				durationSeconds: 10,
				resolution: '768p',
				firstFrame: { url: 'https://x/a.png' },
				lastFrame: { url: 'https://x/b.png' },
			}),
		);
		expect(fields).toEqual({
			prompt: 'A boat',
			model: 'MiniMax-Hailuo-02',
			duration: 10,
			seconds: '10',
			size: '768P',
			metadata: {
				duration: 10,
				resolution: '768P',
				first_frame_image: 'https://x/a.png',
				last_frame_image: 'https://x/b.png',
			},
		});
	});

	test('Ali (Wan) text-to-video: size with *, audio and seed in metadata.parameters, negative prompt in metadata.input', () => {
		const { fields } = body(
			ask('wan', 'wan2.5-t2v-preview', {
				durationSeconds: 10,
				aspectRatio: '9:16',
				resolution: '720p',
				generateAudio: true,
				seed: 9,
				negativePrompt: 'rain',
			}),
		);
		expect(fields).toEqual({
			prompt: 'A boat',
			model: 'wan2.5-t2v-preview',
			duration: 10,
			seconds: '10',
			size: '720*1280',
			metadata: { input: { negative_prompt: 'rain' }, parameters: { audio: true, seed: 9 } },
		});
		expect(body(ask('wan', 'wan2.5-t2v-preview', { size: '1920x1080' })).fields.size).toBe(
			'1920*1080',
		);
	});

	test('Ali (Wan) image-to-video: the resolution as a word, the first frame as input_reference and image; a last frame in metadata.input', () => {
		const { fields } = body(
			ask('wan', 'wan2.5-i2v-preview', {
				resolution: '720p',
				firstFrame: { url: 'https://x/a.png' },
				lastFrame: { url: 'https://x/b.png' },
			}),
		);
		expect(fields).toEqual({
			prompt: 'A boat',
			model: 'wan2.5-i2v-preview',
			size: '720P',
			input_reference: 'https://x/a.png',
			image: 'https://x/a.png',
			metadata: {
				input: { first_frame_url: 'https://x/a.png', last_frame_url: 'https://x/b.png' },
			},
		});
	});

	test('Vidu: duration, the resolution verbatim as size, frames as images, seed and bgm in metadata', () => {
		const { fields } = body(
			ask('vidu', 'viduq1', {
				durationSeconds: 5,
				resolution: '1080p',
				firstFrame: { url: 'https://x/a.png' },
				lastFrame: { url: 'https://x/b.png' },
				seed: 1,
				generateAudio: true,
			}),
		);
		expect(fields).toEqual({
			prompt: 'A boat',
			model: 'viduq1',
			duration: 5,
			seconds: '5',
			size: '1080p',
			images: ['https://x/a.png', 'https://x/b.png'],
			metadata: { bgm: true, seed: 1 },
		});
	});

	test('Jimeng: duration, metadata.aspect_ratio and seed, frames as URLs or bare base64', () => {
		const { fields } = body(
			ask('jimeng', 'jimeng_v30', {
				durationSeconds: 10,
				aspectRatio: '16:9',
				seed: 5,
				firstFrame: { file: png },
			}),
		);
		expect(fields).toEqual({
			prompt: 'A boat',
			model: 'jimeng_v30',
			duration: 10,
			seconds: '10',
			images: [pngBase64],
			metadata: { aspect_ratio: '16:9', seed: 5 },
		});
	});

	test('a model of unknown family: the contract fields, the first frame URL as image', () => {
		expect(
			body(
				ask('unknown', 'mystery-1', {
					durationSeconds: 4,
					size: '1280x720',
					firstFrame: { url: 'https://x/a.png' },
				}),
			).fields,
		).toEqual({
			prompt: 'A boat',
			model: 'mystery-1',
			seconds: '4',
			size: '1280x720',
			image: 'https://x/a.png',
		});
	});

	test('Additional Body Fields are laid over the body: metadata merged key by key, other keys replaced', () => {
		const { fields } = newApiDialect.createBody(
			ask('kling', 'kling-v2-1', {
				durationSeconds: 5,
				extra: { metadata: { cfg_scale: 0.7, duration: '10' }, mode: 'x' },
			}),
		);
		expect(fields).toMatchObject({
			duration: 5,
			mode: 'x',
			metadata: { duration: '10', cfg_scale: 0.7 },
		});
	});
});

describe("new-api's channels refuse, before paying, what they would drop", () => {
	test.each([
		[
			ask('veo', 'veo-3.1-generate-preview', { lastFrame: { file: png } }),
			"new-api's Gemini/Vertex (Veo) channel takes no Last Frame (its adaptor has no last frame yet): remove it",
		],
		[
			ask('veo', 'veo-3.1-generate-preview', { firstFrame: { url: 'https://x/a.png' } }),
			"new-api's Gemini/Vertex (Veo) channel takes the first frame only as image data (a file or a data URL, sent as base64), not as an http URL",
		],
		[
			ask('kling', 'kling-v2-1', { seed: 1 }),
			"new-api's Kling channel takes no Seed (Kling's request has no seed key): remove it",
		],
		[
			ask('kling', 'kling-v2-1', { generateAudio: true }),
			"new-api's Kling channel takes no Generate Audio (Kling's request has no audio key): remove it",
		],
		[
			ask('kling', 'kling-v2-1', { resolution: '480p' }),
			"new-api's Kling channel makes 720p (mode std) or 1080p (mode pro), not 480p",
		],
		[
			ask('seedance', 'doubao-seedance-1-0-pro-250528', { negativePrompt: 'x' }),
			"new-api's Doubao (Seedance) channel takes no Negative Prompt (not a Seedance field): remove it",
		],
		[
			ask('seedance', 'doubao-seedance-1-0-pro-250528', { lastFrame: { url: 'https://x/b.png' } }),
			"new-api's Doubao (Seedance) channel takes a Last Frame only with a First Frame",
		],
		[
			ask('hailuo', 'MiniMax-Hailuo-02', { aspectRatio: '9:16' }),
			"new-api's Hailuo (MiniMax) channel takes no Aspect Ratio (the video follows the first frame, or is 16:9): remove it",
		],
		[
			ask('hailuo', 'MiniMax-Hailuo-02', { seed: 2 }),
			"new-api's Hailuo (MiniMax) channel takes no Seed: remove it",
		],
		[
			ask('vidu', 'viduq1', { aspectRatio: '9:16' }),
			"new-api's Vidu channel takes no Aspect Ratio (its request has no aspect ratio key): remove it",
		],
		[
			ask('wan', 'wan2.5-i2v-preview', { aspectRatio: '9:16' }),
			"new-api's Ali (Wan) channel takes no Aspect Ratio for wan2.5-i2v-preview: an image-to-video model follows the first frame's",
		],
		[
			ask('jimeng', 'jimeng_v30', { resolution: '1080p' }),
			"new-api's Jimeng channel takes no Resolution: remove it",
		],
		[
			ask('sora', 'sora-2', { firstFrame: { url: 'https://x/a.png' } }),
			"new-api's Sora channel takes the first frame only as image data (an uploaded file, which it sends upstream as input_reference), not as an http URL",
		],
		[ask('sora', 'sora-2', { seed: 1 }), "new-api's Sora channel takes no Seed: remove it"],
		[
			ask('kling', 'kling-v2-1', { callbackUrl: 'https://n8n/x' }),
			"new-api's Kling channel takes no Callback URL (only OpenRouter calls a Callback URL with its own events): remove it",
		],
		[
			ask('unknown', 'mystery-1', { negativePrompt: 'x' }),
			'new-api (for a model of unknown family) takes no Negative Prompt (the Videos API contract has no key for it): remove it',
		],
	])('%#: %s', (request, message) => {
		expect(refusal(request)).toBe(message);
	});

	test('the refusal names the form field and says nothing was sent', () => {
		expect(
			checkCreate(
				newApiDialect,
				ask('veo', 'veo-3.1-generate-preview', { lastFrame: { file: png } }),
			),
		).toMatchObject({
			field: 'Last Frame',
			description: expect.stringContaining('Nothing was sent.'),
		});
	});
});
