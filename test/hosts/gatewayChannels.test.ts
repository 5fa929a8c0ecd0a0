import {
	checkCreate,
	dialectFor,
	familyOfAnswer,
	familyOfModelId,
	familyOfModelList,
} from '../../nodes/Sora/hosts';
import { aiHubMixDialect } from '../../nodes/Sora/hosts/aiHubMix';
import { cometApiDialect } from '../../nodes/Sora/hosts/cometApi';
import { laoZhangDialect } from '../../nodes/Sora/hosts/laoZhang';
import { liteLlmDialect, providerOfVideoId } from '../../nodes/Sora/hosts/liteLlm';
import { openRouterDialect } from '../../nodes/Sora/hosts/openRouter';
import type { CanonicalCreate, HostDialect } from '../../nodes/Sora/hosts/types';

/** LiteLLM's providers, LaoZhang, OpenRouter, CometAPI and AiHubMix, from each gateway's source or documentation (LiteLLM's source; the others' docs). */

const png = { name: 'x', data: Buffer.from('png-bytes'), fileName: 'f.png', mimeType: 'image/png' };
const pngDataUrl = `data:image/png;base64,${png.data.toString('base64')}`;
const upload = {
	name: 'input_reference',
	data: png.data,
	fileName: 'f.png',
	mimeType: 'image/png',
};
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
function body(host: HostDialect, request: CanonicalCreate) {
	expect(checkCreate(host, request)).toBeUndefined();
	return host.createBody(request);
}
const refusal = (host: HostDialect, request: CanonicalCreate) =>
	checkCreate(host, request)?.message;
const liteLlmId = (provider: string) =>
	`video_${Buffer.from(`litellm:custom_llm_provider:${provider};model_id:m;video_id:op-1`).toString('base64')}`;

describe('LiteLLM: the provider named by the model prefix', () => {
	test('openai/: seconds, size, the first frame as an uploaded file', () => {
		expect(
			body(
				liteLlmDialect,
				ask('sora', 'openai/sora-2', {
					durationSeconds: 8,
					size: '1280x720',
					firstFrame: { file: png },
				}),
			),
		).toEqual({
			fields: { prompt: 'A boat', model: 'openai/sora-2', seconds: '8', size: '1280x720' },
			files: [upload],
		});
	});

	test('gemini/: seconds, the size LiteLLM maps to an aspect ratio, resolution and negativePrompt passed through', () => {
		expect(
			body(
				liteLlmDialect,
				ask('veo', 'gemini/veo-3.1-generate-preview', {
					durationSeconds: 8,
					aspectRatio: '9:16',
					resolution: '1080p',
					negativePrompt: 'fog',
				}),
			).fields,
		).toEqual({
			prompt: 'A boat',
			model: 'gemini/veo-3.1-generate-preview',
			seconds: '8',
			size: '1080x1920',
			resolution: '1080p',
			negativePrompt: 'fog',
		});
	});

	test('vertex_ai/: seed, generateAudio and negativePrompt as parameters', () => {
		expect(
			body(
				liteLlmDialect,
				ask('veo', 'vertex_ai/veo-3.0-generate-001', {
					durationSeconds: 4,
					aspectRatio: '16:9',
					seed: 7,
					generateAudio: true,
				}),
			).fields,
		).toEqual({
			prompt: 'A boat',
			model: 'vertex_ai/veo-3.0-generate-001',
			seconds: '4',
			size: '1280x720',
			seed: 7,
			generateAudio: true,
		});
	});

	test("runwayml/: seconds, the ratio's size, the first frame as a URL or data URL, seed", () => {
		expect(
			body(
				liteLlmDialect,
				ask('runway', 'runwayml/gen4_turbo', {
					durationSeconds: 10,
					aspectRatio: '4:3',
					firstFrame: { file: png },
					seed: 3,
				}),
			).fields,
		).toEqual({
			prompt: 'A boat',
			model: 'runwayml/gen4_turbo',
			seconds: '10',
			size: '1104x832',
			seed: 3,
			input_reference: pngDataUrl,
		});
	});

	test.each([
		[
			ask('veo', 'gemini/veo-3.1-generate-preview', { seed: 1 }),
			"LiteLLM's Gemini provider takes no Seed (not among its parameters, so LiteLLM drops it): remove it",
		],
		[
			ask('veo', 'gemini/veo-3.1-generate-preview', { generateAudio: false }),
			"LiteLLM's Gemini provider takes no Generate Audio (not among its parameters, so LiteLLM drops it): remove it",
		],
		[
			ask('veo', 'gemini/veo-3.1-generate-preview', { lastFrame: { file: png } }),
			"LiteLLM's Gemini provider takes no Last Frame (its Veo request has no last frame): remove it",
		],
		[
			ask('veo', 'gemini/veo-3.1-generate-preview', { aspectRatio: '1:1' }),
			"LiteLLM's Gemini provider turns only 1280x720, 1920x1080, 720x1280 or 1080x1920 into an aspect ratio, not 720x720 (anything else becomes 16:9)",
		],
		[
			ask('veo', 'vertex_ai/veo-3.0-generate-001', { firstFrame: { url: 'https://x/a.png' } }),
			"LiteLLM's Vertex AI provider takes the first frame only as image data (an uploaded input_reference file, sent as base64), not as an http URL",
		],
		[
			ask('runway', 'runwayml/gen4_turbo', { resolution: '720p' }),
			"LiteLLM's Runway provider takes no Resolution (Runway's resolution follows its ratio): remove it",
		],
		[
			ask('runway', 'runwayml/gen4_turbo', { aspectRatio: '2:3' }),
			"LiteLLM's Runway provider makes 16:9, 9:16, 4:3, 3:4, 1:1, 21:9 (as 1280x720, 720x1280, 1104x832, 832x1104, 960x960, 1584x672), not 2:3",
		],
		[
			ask('unknown', 'my-alias', { seed: 1 }),
			'LiteLLM (for a model id without a provider prefix) takes no Seed (the Videos API contract has no key for it): remove it',
		],
	])('%#: %s', (request, message) => {
		expect(refusal(liteLlmDialect, request)).toBe(message);
	});

	test("its ids name the provider; Auto recognises LiteLLM from them; its Gemini jobs' silence is named", () => {
		expect(providerOfVideoId(liteLlmId('gemini'))).toBe('gemini');
		expect(providerOfVideoId('video_abc')).toBeUndefined();
		expect(familyOfAnswer({ id: liteLlmId('runwayml'), object: 'video', status: 'queued' })).toBe(
			'liteLlm',
		);
		expect(
			liteLlmDialect.silentFailureNote!({ id: liteLlmId('gemini'), status: 'in_progress' }),
		).toBe(
			"LiteLLM's Gemini provider never reports a failed job (only processing or completed), so this one may have failed at Google without LiteLLM saying so",
		);
		expect(
			liteLlmDialect.silentFailureNote!({ id: liteLlmId('vertex_ai'), status: 'in_progress' }),
		).toBeUndefined();
		expect(liteLlmDialect.lacks).toEqual(['Delete']);
		expect(liteLlmDialect.lacksForVideo!('Remix', liteLlmId('gemini'))).toBe(
			"LiteLLM's Gemini provider",
		);
		expect(liteLlmDialect.lacksForVideo!('Remix', liteLlmId('runwayml'))).toBe(
			"LiteLLM's Runway provider",
		);
		expect(liteLlmDialect.lacksForVideo!('Remix', liteLlmId('openai'))).toBeUndefined();
		expect(liteLlmDialect.lacksForVideo!('Get', liteLlmId('gemini'))).toBeUndefined();
	});
});

describe('LaoZhang: per model family', () => {
	test('Muse: seconds, aspect_ratio, image and last_frame', () => {
		expect(
			body(
				laoZhangDialect,
				ask('muse', 'muse-video', {
					durationSeconds: 10,
					aspectRatio: '9:16',
					firstFrame: { url: 'https://x/a.png' },
					lastFrame: { url: pngDataUrl },
				}),
			).fields,
		).toEqual({
			prompt: 'A boat',
			model: 'muse-video',
			seconds: '10',
			aspect_ratio: '9:16',
			image: 'https://x/a.png',
			last_frame: pngDataUrl,
		});
	});

	test('Seedance 2.0: duration an integer, ratio, resolution, content[] with roles, generate_audio', () => {
		expect(
			body(
				laoZhangDialect,
				ask('seedance', 'doubao-seedance-2-0-260128', {
					durationSeconds: 12,
					aspectRatio: '21:9',
					resolution: '720p',
					generateAudio: true,
					firstFrame: { file: png },
					lastFrame: { url: 'https://x/b.png' },
				}),
			).fields,
		).toEqual({
			prompt: 'A boat',
			model: 'doubao-seedance-2-0-260128',
			duration: 12,
			ratio: '21:9',
			resolution: '720p',
			generate_audio: true,
			content: [
				{ type: 'image_url', image_url: { url: pngDataUrl }, role: 'first_frame' },
				{ type: 'image_url', image_url: { url: 'https://x/b.png' }, role: 'last_frame' },
			],
		});
	});

	test('Veo 3.1: seconds and duration as strings, size, the first frame as an uploaded file', () => {
		expect(
			body(
				laoZhangDialect,
				ask('veo', 'veo-3.1-generate-preview', {
					durationSeconds: 8,
					aspectRatio: '16:9',
					resolution: '1080p',
					firstFrame: { url: pngDataUrl },
				}),
			),
		).toEqual({
			fields: {
				prompt: 'A boat',
				model: 'veo-3.1-generate-preview',
				seconds: '8',
				duration: '8',
				size: '1920x1080',
			},
			files: [{ ...upload, fileName: 'input_reference.png' }],
		});
	});

	test.each([
		[
			ask('veo', 'veo-3.1-generate-preview', { lastFrame: { file: png } }),
			"LaoZhang API (Veo) takes no Last Frame (not in LaoZhang's docs for it): remove it",
		],
		[
			ask('seedance', 'doubao-seedance-2-0-260128', { seed: 4 }),
			"LaoZhang API (Seedance) takes no Seed (not in LaoZhang's docs for it): remove it",
		],
		[
			ask('wan', 'wan2.5-t2v-preview'),
			'LaoZhang API serves Wan models at its own DashScope path, not at /v1/videos',
		],
	])('%#: %s', (request, message) => {
		expect(refusal(laoZhangDialect, request)).toBe(message);
	});
});

describe('OpenRouter: its own fields for every model, checked against its catalogue', () => {
	const veo = {
		id: 'google/veo-3.1',
		durations: [4, 6, 8],
		resolutions: ['720p', '1080p'],
		aspectRatios: ['16:9', '9:16'],
		frameImages: ['first_frame', 'last_frame'],
		passthrough: [],
		seed: false,
		generateAudio: true,
	};
	const seedance = {
		id: 'bytedance/seedance-1-pro',
		frameImages: ['first_frame'],
		passthrough: ['negative_prompt'],
		seed: true,
		generateAudio: false,
	};

	test('the last frame as a frame_images item with frame_type last_frame; a negative prompt the catalogue passes on', () => {
		const { fields } = body(
			openRouterDialect,
			ask('veo', 'google/veo-3.1', {
				firstFrame: { url: 'https://x/a.png' },
				lastFrame: { file: png },
				negativePrompt: 'fog',
			}),
		);
		expect(fields.frame_images).toEqual([
			{ type: 'image_url', image_url: { url: 'https://x/a.png' }, frame_type: 'first_frame' },
			{ type: 'image_url', image_url: { url: pngDataUrl }, frame_type: 'last_frame' },
		]);
		expect(fields.negative_prompt).toBe('fog');
		expect(
			openRouterDialect.checkAgainstModel!(
				ask('seedance', seedance.id, { negativePrompt: 'fog', seed: 1 }),
				seedance,
			),
		).toBeUndefined();
	});

	test.each([
		[
			ask('veo', 'google/veo-3.1', { negativePrompt: 'fog' }),
			veo,
			'google/veo-3.1 on OpenRouter takes no Negative Prompt: negative_prompt is not among its passthrough parameters',
		],
		[
			ask('veo', 'google/veo-3.1', { seed: 1 }),
			veo,
			'google/veo-3.1 on OpenRouter takes no Seed: it does not honour a seed',
		],
		[
			ask('seedance', seedance.id, { lastFrame: { file: png } }),
			seedance,
			'bytedance/seedance-1-pro on OpenRouter takes no Last Frame: its frame images are first_frame',
		],
		[
			ask('seedance', seedance.id, { generateAudio: true }),
			seedance,
			'bytedance/seedance-1-pro on OpenRouter takes no Generate Audio: it makes no audio',
		],
	])('%#: %s', (request, model, message) => {
		expect(openRouterDialect.checkAgainstModel!(request, model)?.message).toBe(message);
	});
});

describe('CometAPI', () => {
	test('Seedance: seconds, size as the aspect ratio, resolution, the first frame as an uploaded file', () => {
		expect(
			body(
				cometApiDialect,
				ask('seedance', 'doubao-seedance-2-0', {
					durationSeconds: 5,
					aspectRatio: '9:16',
					resolution: '720p',
					firstFrame: { file: png },
				}),
			),
		).toEqual({
			fields: {
				prompt: 'A boat',
				model: 'doubao-seedance-2-0',
				seconds: 5,
				size: '9:16',
				resolution: '720p',
			},
			files: [upload],
		});
	});

	test('Veo 3 aliases: size as "9x16", first and last frame as two ordered files', () => {
		const { fields, files } = body(
			cometApiDialect,
			ask('veo', 'veo3-fast', {
				aspectRatio: '9:16',
				firstFrame: { file: png },
				lastFrame: { url: pngDataUrl },
			}),
		);
		expect(fields).toEqual({ prompt: 'A boat', model: 'veo3-fast', size: '9x16' });
		expect(files.map((file) => file.name)).toEqual(['input_reference', 'input_reference']);
	});

	test('Sora 2: the contract, the first frame (a data URL too) as an uploaded file', () => {
		expect(
			body(
				cometApiDialect,
				ask('sora', 'sora-2', {
					durationSeconds: 8,
					size: '720x1280',
					firstFrame: { url: pngDataUrl },
				}),
			),
		).toEqual({
			fields: { prompt: 'A boat', model: 'sora-2', seconds: '8', size: '720x1280' },
			files: [{ ...upload, fileName: 'input_reference.png' }],
		});
	});

	test.each([
		[
			ask('sora', 'sora-2', { firstFrame: { url: 'https://x/a.png' } }),
			'CometAPI takes the first frame only as image data (an uploaded input_reference file), not as an http URL',
		],
		[
			ask('veo', 'veo3-fast', { durationSeconds: 6 }),
			'CometAPI (Veo 3) makes 8-second videos and takes no other Duration (not 6)',
		],
		[
			ask('seedance', 'doubao-seedance-2-0', { firstFrame: { url: 'https://x/a.png' } }),
			'CometAPI (Seedance) takes the first frame only as image data (uploaded input_reference files), not as an http URL',
		],
		[
			ask('seedance', 'doubao-seedance-2-0', { seed: 1 }),
			"CometAPI (Seedance) takes no Seed (not in CometAPI's docs for it): remove it",
		],
	])('%#: %s', (request, message) => {
		expect(refusal(cometApiDialect, request)).toBe(message);
	});
});

describe('AiHubMix', () => {
	test('seconds always a string; Veo: size and the first frame as a file', () => {
		expect(
			body(
				aiHubMixDialect,
				ask('veo', 'veo-3.1-generate-preview', {
					durationSeconds: 8,
					resolution: '1080p',
					firstFrame: { file: png },
				}),
			),
		).toEqual({
			fields: { prompt: 'A boat', model: 'veo-3.1-generate-preview', seconds: '8', size: '1080p' },
			files: [upload],
		});
	});

	test('Seedance: frames in extra_body.content with roles; Kling: image and image_tail', () => {
		expect(
			body(
				aiHubMixDialect,
				ask('seedance', 'doubao-seedance-1-0-pro-250528', {
					durationSeconds: 5,
					aspectRatio: '16:9',
					resolution: '720p',
					firstFrame: { url: 'https://x/a.png' },
				}),
			).fields,
		).toEqual({
			prompt: 'A boat',
			model: 'doubao-seedance-1-0-pro-250528',
			seconds: '5',
			size: '1280x720',
			extra_body: {
				content: [
					{ type: 'image_url', image_url: { url: 'https://x/a.png' }, role: 'first_frame' },
				],
			},
		});
		expect(
			body(
				aiHubMixDialect,
				ask('kling', 'kling-v2-1', {
					durationSeconds: 10,
					firstFrame: { url: 'https://x/a.png' },
					lastFrame: { url: 'https://x/b.png' },
				}),
			).fields,
		).toEqual({
			prompt: 'A boat',
			model: 'kling-v2-1',
			seconds: '10',
			image: 'https://x/a.png',
			image_tail: 'https://x/b.png',
		});
	});

	test.each([
		[
			ask('veo', 'veo-3.1-generate-preview', { durationSeconds: 4, firstFrame: { file: png } }),
			'AiHubMix (Veo) makes 8 seconds from a First Frame, not 4',
		],
		[
			ask('wan', 'wan2.5-t2v-preview', { resolution: '720p' }),
			'AiHubMix (Wan) takes a resolution only as a Size: set Aspect Ratio too (or Size)',
		],
		[
			ask('kling', 'kling-v2-1', { negativePrompt: 'x' }),
			"AiHubMix (Kling) takes no Negative Prompt (not in AiHubMix's docs for it): remove it",
		],
	])('%#: %s', (request, message) => {
		expect(refusal(aiHubMixDialect, request)).toBe(message);
	});

	test('Delete exists there; List does not', () => {
		expect(aiHubMixDialect.lacks).not.toContain('Delete');
		expect(aiHubMixDialect.lacks).toContain('List');
	});
});

describe('Auto by Base URL', () => {
	test.each([
		['https://api.cometapi.com/v1', 'cometApi'],
		['https://aihubmix.com/v1', 'aiHubMix'],
		['https://litellm.internal:4000/v1', 'openai'],
	])('%s → %s', (baseUrl, family) => {
		expect(dialectFor('auto', baseUrl).dialect.family).toBe(family);
	});

	test('before a create of a family whose keys differ per host, the free model list tells new-api and LiteLLM apart', () => {
		expect(
			familyOfModelList({
				data: [{ id: 'kling-v2-1', object: 'model', supported_endpoint_types: ['openai-video'] }],
				object: 'list',
				success: true,
			}),
		).toBe('newApi');
		expect(
			familyOfModelList(
				{ data: [{ id: 'veo', object: 'model' }], object: 'list' },
				{ 'x-litellm-version': '1.83.0' },
			),
		).toBe('liteLlm');
		expect(
			familyOfModelList({
				data: [{ id: 'sora-2', object: 'model', owned_by: 'openai' }],
				object: 'list',
			}),
		).toBeUndefined();
		expect(familyOfModelId('vertex_ai/veo-3.0-generate-001')).toBe('liteLlm');
		expect(familyOfModelId('google/veo-3.1')).toBeUndefined();
	});

	test('the Host Types pick their dialects', () => {
		for (const family of ['liteLlm', 'cometApi', 'aiHubMix'])
			expect(dialectFor(family, 'https://x/v1').dialect.family).toBe(family);
	});
});
