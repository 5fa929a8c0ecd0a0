import type { ServerMode } from '../server/types';

/**
 * Every host x model family pair of ../shared/contract/models.md, as the matrix tests (engine and real
 * n8n) ask for them: what the pair takes (duration, aspect ratio, resolution, first frame) and the MP4 the
 * model makes from it; a field the pair cannot take (refused before paying); and the host's reason when a
 * job fails (`[fail]` in the prompt). `expected` is the simulation's rendering (test/server/families),
 * built from the same facts as the node but independently.
 */
export interface Pair {
	mode: ServerMode;
	/** The credential's Host Type. */
	hostType: string;
	model: string;
	family: string;
	ask: { duration: number; aspectRatio?: string; resolution?: string; firstFrame: boolean };
	expected: { width: number; height: number; seconds: number };
	/** Parameters the pair cannot take, and what the refusal names. */
	refused: { parameters: Record<string, unknown>; names: RegExp };
	/** The host's reason for a `[fail]` job (undefined: the host gives none; the node says what it knows). */
	failure?: RegExp;
}

const LAST_FRAME = { lastFrame: 'url', lastFrameUrl: 'https://example.com/last.png' };
const SEED = { options: { seed: 7 } };
const NEGATIVE = { options: { negativePrompt: 'blurry' } };
const PORTRAIT = { aspectRatio: '9:16' };
const p720 = { width: 720, height: 1280 };

const MODERATION = /blocked by our moderation system/;

/** The pairs of issue 19's matrix. */
export const FIRST_PAIRS: Pair[] = [
	// new-api (models.md 1.2): one channel per family
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'sora-2',
		family: 'sora',
		ask: { duration: 8, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 8 },
		refused: { parameters: { duration: 10 }, names: /duration|seconds|10/i },
		failure: MODERATION,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'kling-v2-1',
		family: 'kling',
		ask: { duration: 10, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 10 },
		refused: { parameters: SEED, names: /seed/i },
		failure: /risk control system/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'doubao-seedance-1-0-pro-250528',
		family: 'seedance',
		ask: { duration: 10, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 10 },
		refused: { parameters: NEGATIVE, names: /negative prompt/i },
		failure: /sensitive information/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'doubao-seedance-2-0-260128',
		family: 'seedance',
		ask: { duration: 6, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 6 },
		refused: { parameters: NEGATIVE, names: /negative prompt/i },
		failure: /sensitive information/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'veo-3.1-generate-preview',
		family: 'veo',
		ask: { duration: 6, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 6 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: /Responsible AI/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'veo-3.0-generate-001',
		family: 'veo',
		ask: { duration: 6, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 6 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: /Responsible AI/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'MiniMax-Hailuo-02',
		family: 'hailuo',
		// The first frame is portrait (720x1280): Hailuo follows it, and a matching 9:16 is accepted.
		ask: { duration: 10, aspectRatio: '9:16', resolution: '768p', firstFrame: true },
		expected: { width: 768, height: 1366, seconds: 10 },
		refused: { parameters: SEED, names: /seed/i },
		failure: /sensitive content/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'wan2.5-i2v-preview',
		family: 'wan',
		ask: { duration: 10, aspectRatio: '9:16', resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 10 },
		refused: { parameters: { duration: 7 }, names: /duration|seconds|7/i },
		failure: /inappropriate content/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'wan2.5-t2v-preview',
		family: 'wan',
		ask: { duration: 10, aspectRatio: '16:9', resolution: '720p', firstFrame: false },
		expected: { width: 1280, height: 720, seconds: 10 },
		refused: { parameters: { duration: 7 }, names: /duration|seconds|7/i },
		failure: /inappropriate content/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'viduq1',
		family: 'vidu',
		ask: { duration: 5, resolution: '1080p', firstFrame: true },
		expected: { width: 1080, height: 1920, seconds: 5 },
		refused: { parameters: NEGATIVE, names: /negative prompt/i },
		failure: /AuditSubmitIllegal/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'jimeng_v30',
		family: 'jimeng',
		ask: { duration: 10, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 10 },
		refused: { parameters: NEGATIVE, names: /negative prompt/i },
		failure: /Risk Not Pass/,
	},
	// LiteLLM (models.md 2): providers
	{
		mode: 'litellm',
		hostType: 'liteLlm',
		model: 'openai/sora-2',
		family: 'sora',
		ask: { duration: 8, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 8 },
		refused: { parameters: SEED, names: /seed/i },
		failure: MODERATION,
	},
	{
		mode: 'litellm',
		hostType: 'liteLlm',
		model: 'gemini/veo-3.1-generate-preview',
		family: 'veo',
		ask: { duration: 6, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 6 },
		refused: { parameters: SEED, names: /seed/i },
	},
	{
		mode: 'litellm',
		hostType: 'liteLlm',
		model: 'vertex_ai/veo-3.0-generate-001',
		family: 'veo',
		ask: { duration: 6, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 6 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: /Responsible AI/,
	},
	{
		mode: 'litellm',
		hostType: 'liteLlm',
		model: 'runwayml/gen4_turbo',
		family: 'runway',
		ask: { duration: 5, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 5 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: /did not pass moderation/,
	},
	// LaoZhang (models.md 3)
	{
		mode: 'laozhang',
		hostType: 'laoZhang',
		model: 'muse-video',
		family: 'muse',
		ask: { duration: 5, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 5 },
		refused: { parameters: SEED, names: /seed/i },
		failure: MODERATION,
	},
	{
		mode: 'laozhang',
		hostType: 'laoZhang',
		model: 'doubao-seedance-2-0-260128',
		family: 'seedance',
		ask: { duration: 8, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 8 },
		refused: { parameters: NEGATIVE, names: /negative prompt/i },
		failure: MODERATION,
	},
	{
		mode: 'laozhang',
		hostType: 'laoZhang',
		model: 'veo-3.1-generate-preview',
		family: 'veo',
		ask: { duration: 6, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 6 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: MODERATION,
	},
	// CometAPI (models.md 4)
	{
		mode: 'cometapi',
		hostType: 'cometApi',
		model: 'doubao-seedance-2-0',
		family: 'seedance',
		ask: { duration: 6, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 6 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: /sensitive information/,
	},
	{
		mode: 'cometapi',
		hostType: 'cometApi',
		model: 'veo3-fast',
		family: 'veo',
		ask: { duration: 8, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 8 },
		refused: { parameters: { duration: 4 }, names: /duration|seconds|4/i },
		failure: /sensitive information/,
	},
	{
		mode: 'cometapi',
		hostType: 'cometApi',
		model: 'sora-2',
		family: 'sora',
		ask: { duration: 8, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 8 },
		refused: { parameters: SEED, names: /seed/i },
		failure: /sensitive information/,
	},
	// AiHubMix (models.md 4)
	{
		mode: 'aihubmix',
		hostType: 'aiHubMix',
		model: 'veo-3.1-generate-preview',
		family: 'veo',
		ask: { duration: 8, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 8 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: /flagged by the provider/,
	},
	{
		mode: 'aihubmix',
		hostType: 'aiHubMix',
		model: 'wan2.5-t2v-preview',
		family: 'wan',
		ask: { duration: 10, aspectRatio: '16:9', resolution: '720p', firstFrame: false },
		expected: { width: 1280, height: 720, seconds: 10 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: /flagged by the provider/,
	},
	{
		mode: 'aihubmix',
		hostType: 'aiHubMix',
		model: 'doubao-seedance-1-0-pro-250528',
		family: 'seedance',
		ask: { duration: 5, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 5 },
		refused: { parameters: NEGATIVE, names: /negative prompt/i },
		failure: /flagged by the provider/,
	},
	{
		mode: 'aihubmix',
		hostType: 'aiHubMix',
		model: 'kling-v2-1',
		family: 'kling',
		ask: { duration: 10, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 10 },
		refused: { parameters: SEED, names: /seed/i },
		failure: /flagged by the provider/,
	},
	// OpenRouter: its catalogue (GET /videos/models) decides
	{
		mode: 'openrouter',
		hostType: 'openRouter',
		model: 'google/veo-3.1',
		family: 'veo',
		ask: { duration: 6, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 6 },
		refused: { parameters: SEED, names: /seed/i },
		failure: MODERATION,
	},
	{
		mode: 'openrouter',
		hostType: 'openRouter',
		model: 'bytedance/seedance-1-pro',
		family: 'seedance',
		ask: { duration: 5, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 5 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: MODERATION,
	},
];

/**
 * The ids and families added in December (issue 25): new-api's adaptors of 2026-08-15 (kling-v1…,
 * viduq2, vidu1.5, jimeng_v30_pro, wan2.7-*) and, from vendors' docs, Veo 3.1 Lite and
 * veo-3.1-generate-001, Seedance 2.0 mini and 2.5, Hailuo 3 on OpenRouter (one pair per model id: the
 * e2e names a workflow by its model; Seedance 2.0's 4k is measured in newapi-august.test.ts).
 */
export const DECEMBER_PAIRS: Pair[] = [
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'kling-v1',
		family: 'kling',
		ask: { duration: 10, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 10 },
		refused: { parameters: SEED, names: /seed/i },
		failure: /risk control system/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'kling-v1-6',
		family: 'kling',
		ask: { duration: 5, ...PORTRAIT, resolution: '1080p', firstFrame: true },
		expected: { width: 1080, height: 1920, seconds: 5 },
		refused: { parameters: SEED, names: /seed/i },
		failure: /risk control system/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'kling-v2-master',
		family: 'kling',
		ask: { duration: 10, ...PORTRAIT, firstFrame: true },
		expected: { ...p720, seconds: 10 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: /risk control system/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'doubao-seedance-2-0-mini-260615',
		family: 'seedance',
		ask: { duration: 6, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 6 },
		refused: { parameters: { resolution: '1080p' }, names: /1080p/ },
		failure: /sensitive information/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'doubao-seedance-2-5-260628',
		family: 'seedance',
		ask: { duration: 12, ...PORTRAIT, resolution: '720p', firstFrame: false },
		expected: { ...p720, seconds: 12 },
		refused: { parameters: { resolution: '4k' }, names: /4k/ },
		failure: /sensitive information/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'veo-3.1-lite-generate-preview',
		family: 'veo',
		ask: { duration: 6, ...PORTRAIT, resolution: '1080p', firstFrame: true },
		expected: { width: 1080, height: 1920, seconds: 6 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: /Responsible AI/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'veo-3.1-generate-001',
		family: 'veo',
		ask: { duration: 8, ...PORTRAIT, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 8 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: /Responsible AI/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'wan2.7-i2v',
		family: 'wan',
		ask: { duration: 10, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 10 },
		refused: { parameters: { duration: 7 }, names: /duration|seconds|7/i },
		failure: /inappropriate content/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'wan2.7-t2v',
		family: 'wan',
		ask: { duration: 10, aspectRatio: '16:9', resolution: '720p', firstFrame: false },
		expected: { width: 1280, height: 720, seconds: 10 },
		refused: { parameters: { duration: 7 }, names: /duration|seconds|7/i },
		failure: /inappropriate content/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'viduq2',
		family: 'vidu',
		ask: { duration: 8, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 8 },
		refused: { parameters: NEGATIVE, names: /negative prompt/i },
		failure: /AuditSubmitIllegal/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'vidu1.5',
		family: 'vidu',
		ask: { duration: 4, resolution: '720p', firstFrame: true },
		expected: { ...p720, seconds: 4 },
		refused: { parameters: NEGATIVE, names: /negative prompt/i },
		failure: /AuditSubmitIllegal/,
	},
	{
		mode: 'newapi',
		hostType: 'newApi',
		model: 'jimeng_v30_pro',
		family: 'jimeng',
		ask: { duration: 10, ...PORTRAIT, firstFrame: true },
		expected: { width: 1080, height: 1920, seconds: 10 },
		refused: { parameters: LAST_FRAME, names: /last frame/i },
		failure: /Risk Not Pass/,
	},
	{
		mode: 'openrouter',
		hostType: 'openRouter',
		model: 'minimax/hailuo-3',
		family: 'hailuo',
		ask: { duration: 6, resolution: '1080p', firstFrame: false },
		expected: { width: 1920, height: 1080, seconds: 6 },
		refused: { parameters: SEED, names: /seed/i },
		failure: MODERATION,
	},
];

/** Every pair the matrix runs (engine and real n8n). */
export const PAIRS: Pair[] = [...FIRST_PAIRS, ...DECEMBER_PAIRS];

/** The pairs of one host mode (of `pairs`: all of them unless said). */
export function pairsOf(mode: ServerMode, pairs: Pair[] = PAIRS): Pair[] {
	return pairs.filter((pair) => pair.mode === mode);
}

/** The Create node's parameters for a pair's ask (the first frame from the input item's binary `frame`). */
export function createParameters(
	pair: Pair,
	prompt = 'A paper boat drifting down a rainy street',
): Record<string, unknown> {
	const { duration, aspectRatio, resolution, firstFrame } = pair.ask;
	return {
		resource: 'video',
		operation: 'create',
		prompt,
		model: { __rl: true, mode: 'id', value: pair.model },
		duration,
		...(aspectRatio ? { aspectRatio } : {}),
		...(resolution ? { resolution } : {}),
		...(firstFrame ? { referenceImage: 'binary', referenceImageBinaryProperty: 'frame' } : {}),
		waitForCompletion: true,
		downloadVideo: true,
		binaryPropertyName: 'data',
		waitOptions: { pollIntervalSeconds: 1, timeoutMinutes: 0.05 },
	};
}
