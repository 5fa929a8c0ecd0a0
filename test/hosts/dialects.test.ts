import { dialectFor, familyOfAnswer, isRetiredHost, operationOf } from '../../nodes/Sora/hosts';
import { openRouterDialect, resolutionAndAspectOf } from '../../nodes/Sora/hosts/openRouter';
import {
	canonicalOpenRouterEvent,
	computeOpenRouterSignature,
	verifyOpenRouterSignature,
} from '../../nodes/shared/webhookSignatures';
import { newApiDialect } from '../../nodes/Sora/hosts/newApi';
import { laoZhangDialect } from '../../nodes/Sora/hosts/laoZhang';
import { openaiDialect } from '../../nodes/Sora/hosts/openai';
import type { CanonicalCreate } from '../../nodes/Sora/hosts/types';

const base: CanonicalCreate = {
	prompt: 'A boat',
	model: 'm',
	family: 'unknown',
	durationSeconds: 8,
	size: '1280x720',
	extra: {},
};
const png = {
	name: 'input_reference',
	data: Buffer.from('png-bytes'),
	fileName: 'f.png',
	mimeType: 'image/png',
};

describe('choosing the dialect', () => {
	test.each([
		['auto', 'https://openrouter.ai/api/v1', 'openRouter', true],
		[undefined, 'https://api.laozhang.ai/v1', 'laoZhang', true],
		['auto', 'https://gw.example.com/v1', 'openai', false],
		['newApi', 'https://gw.example.com/v1', 'newApi', true],
		['openai', 'https://openrouter.ai/api/v1', 'openai', true],
	])('Host Type %s at %s → %s', (hostType, baseUrl, family, chosen) => {
		expect(dialectFor(hostType, baseUrl)).toMatchObject({ dialect: { family }, chosen });
	});

	test("new-api's answers tell it apart", () => {
		expect(familyOfAnswer({ id: 'task_abc', task_id: 'task_abc', status: 'queued' })).toBe(
			'newApi',
		);
		expect(familyOfAnswer({ id: 'video_abc', status: 'queued' })).toBeUndefined();
	});

	test('retired hosts are only OpenAI and Azure', () => {
		expect(isRetiredHost('https://api.openai.com/v1')).toBe(true);
		expect(isRetiredHost('https://my-res.openai.azure.com/openai/v1')).toBe(true);
		expect(isRetiredHost('https://gw.example.com/v1')).toBe(false);
		expect(isRetiredHost('http://127.0.0.1:3000/v1')).toBe(false);
	});

	test.each([
		['GET', '/videos', 'List'],
		['POST', '/videos', 'Create'],
		['GET', '/videos/task_1', 'Get'],
		['DELETE', '/videos/v', 'Delete'],
		['GET', '/videos/v/content', 'Download'],
		['POST', '/videos/v/remix', 'Remix'],
		['POST', '/videos/edits', 'Edit'],
		['POST', '/videos/extensions', 'Extend'],
		['POST', '/videos/characters', 'Character Create'],
		['GET', '/videos/characters/c', 'Character Get'],
		['GET', '/models', 'Model List'],
		['GET', '/videos/models', 'Model List'],
	])('%s %s is %s', (method, path, operation) => {
		expect(operationOf(method, path)).toBe(operation);
	});
});

describe('create bodies', () => {
	test('the OpenAI contract: seconds and size as strings, input_reference (URL or file), characters', () => {
		expect(
			openaiDialect.createBody({
				...base,
				firstFrame: { url: 'https://x/f.png' },
				characterIds: ['char_1'],
			}).fields,
		).toEqual({
			prompt: 'A boat',
			model: 'm',
			seconds: '8',
			size: '1280x720',
			input_reference: { image_url: 'https://x/f.png' },
			characters: [{ id: 'char_1' }],
		});
		expect(openaiDialect.createBody({ ...base, firstFrame: { file: png } }).files).toHaveLength(1);
	});

	test('new-api and LaoZhang: the first frame URL as image', () => {
		expect(
			newApiDialect.createBody({ ...base, firstFrame: { url: 'https://x/f.png' } }).fields.image,
		).toBe('https://x/f.png');
		expect(
			laoZhangDialect.createBody({
				...base,
				aspectRatio: '9:16',
				firstFrame: { url: 'data:image/png;base64,AA' },
			}).fields,
		).toMatchObject({ image: 'data:image/png;base64,AA', aspect_ratio: '9:16', seconds: '8' });
	});

	test('OpenRouter: duration as an integer, resolution and aspect ratio from Size, frame_images, no seconds or size', () => {
		const { fields, files } = openRouterDialect.createBody({
			...base,
			firstFrame: { file: png },
			generateAudio: false,
			seed: 7,
			callbackUrl: 'https://n8n/webhook/x',
		});
		expect(files).toEqual([]);
		expect(fields).toEqual({
			model: 'm',
			prompt: 'A boat',
			duration: 8,
			resolution: '720p',
			aspect_ratio: '16:9',
			generate_audio: false,
			seed: 7,
			callback_url: 'https://n8n/webhook/x',
			frame_images: [
				{
					type: 'image_url',
					image_url: { url: `data:image/png;base64,${png.data.toString('base64')}` },
					frame_type: 'first_frame',
				},
			],
		});
	});

	test('OpenRouter: explicit resolution wins; a size with no resolution word is sent as size', () => {
		expect(openRouterDialect.createBody({ ...base, resolution: '1080p' }).fields).toMatchObject({
			resolution: '1080p',
			aspect_ratio: '16:9',
		});
		expect(openRouterDialect.createBody({ ...base, size: '1000x1000' }).fields).toMatchObject({
			size: '1000x1000',
		});
		expect(resolutionAndAspectOf('720x1280')).toEqual({ resolution: '720p', aspectRatio: '9:16' });
	});

	test('OpenRouter: a duration or resolution the listed model lacks is refused, naming what it takes', () => {
		const model = {
			id: 'google/veo-3.1',
			durations: [4, 6, 8],
			resolutions: ['720p', '1080p'],
			aspectRatios: ['16:9', '9:16'],
		};
		expect(
			openRouterDialect.checkAgainstModel!({ ...base, durationSeconds: 5 }, model)?.message,
		).toBe('Seconds 5 is not offered by google/veo-3.1 on OpenRouter: choose 4, 6 or 8');
		expect(
			openRouterDialect.checkAgainstModel!({ ...base, resolution: '4K' }, model)?.message,
		).toBe('Resolution 4K is not offered by google/veo-3.1 on OpenRouter: choose 720p or 1080p');
		expect(openRouterDialect.checkAgainstModel!(base, model)).toBeUndefined();
	});
});

describe("OpenRouter's webhooks", () => {
	const secret = 'or-secret';
	const body = Buffer.from(
		JSON.stringify({
			type: 'video.generation.completed',
			data: { id: 'job-1', status: 'completed' },
		}),
	);
	const now = 1_790_000_000;

	test('a signed delivery verifies; a forged, stale or malformed one does not', () => {
		const header = computeOpenRouterSignature(secret, now, body);
		expect(verifyOpenRouterSignature({ secret, header, rawBody: body, nowSeconds: now })).toEqual({
			ok: true,
		});
		expect(
			verifyOpenRouterSignature({ secret: 'other', header, rawBody: body, nowSeconds: now }),
		).toEqual({ ok: false, reason: 'bad-signature' });
		expect(
			verifyOpenRouterSignature({
				secret,
				header,
				rawBody: Buffer.concat([body, Buffer.from(' ')]),
				nowSeconds: now,
			}),
		).toEqual({ ok: false, reason: 'bad-signature' });
		expect(
			verifyOpenRouterSignature({ secret, header, rawBody: body, nowSeconds: now + 301 }),
		).toEqual({ ok: false, reason: 'timestamp-out-of-tolerance' });
		expect(
			verifyOpenRouterSignature({ secret, header: 'v1=abc', rawBody: body, nowSeconds: now }),
		).toEqual({ ok: false, reason: 'missing-headers' });
	});

	test('events map to the canonical ones', () => {
		expect(
			canonicalOpenRouterEvent({ type: 'video.generation.completed', data: { id: 'job-1' } }),
		).toMatchObject({ type: 'video.completed', hostType: 'video.generation.completed' });
		for (const end of ['failed', 'cancelled', 'expired']) {
			expect(
				canonicalOpenRouterEvent({ type: `video.generation.${end}`, data: { id: 'job-1' } })?.type,
			).toBe('video.failed');
		}
		expect(
			canonicalOpenRouterEvent({ type: 'video.completed', data: { id: 'x' } }),
		).toBeUndefined();
		// A job still running is no job's end: never a "failed" event.
		for (const running of ['in_progress', 'queued', 'pending'])
			expect(
				canonicalOpenRouterEvent({ type: `video.generation.${running}`, data: { id: 'job-1' } }),
			).toBeUndefined();
	});
});
