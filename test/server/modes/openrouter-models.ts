/**
 * OpenRouter's catalogs: GET /videos/models (its VideoModel schema, snake_case on the wire, from the
 * OpenRouter SDK docs) and GET /models (chat models only).
 */
export interface OpenRouterVideoModel {
	id: string;
	canonical_slug: string;
	name: string;
	created: number;
	description: string;
	allowed_passthrough_parameters: string[];
	generate_audio: boolean;
	/** Whether a `seed` is honoured (null: not). */
	seed: boolean | null;
	supported_aspect_ratios: string[];
	supported_durations: number[];
	supported_frame_images: Array<'first_frame' | 'last_frame'>;
	supported_resolutions: string[];
	/** null: no `size`, only `resolution` + `aspect_ratio`. */
	supported_sizes: string[] | null;
	/** Prices by SKU, USD as strings ("duration_seconds_with_audio": "0.40"); null: none listed. */
	pricing_skus: Record<string, string> | null;
}

/** USD per second of video: `usage.cost` of a completed job (the simulation's own prices). */
export const PRICE_PER_SECOND: Record<string, number> = {
	'google/veo-3.1': 0.4,
	'bytedance/seedance-1-pro': 0.05,
	'minimax/hailuo-3': 0.08,
};

export const OPENROUTER_VIDEO_MODELS: OpenRouterVideoModel[] = [
	{
		id: 'google/veo-3.1',
		canonical_slug: 'google/veo-3.1',
		name: 'Google: Veo 3.1',
		created: 1760486400,
		description: 'Veo 3.1 text- and image-to-video with native audio.',
		allowed_passthrough_parameters: [],
		generate_audio: true,
		seed: null,
		supported_aspect_ratios: ['16:9', '9:16'],
		supported_durations: [4, 6, 8],
		supported_frame_images: ['first_frame', 'last_frame'],
		supported_resolutions: ['720p', '1080p'],
		supported_sizes: null,
		// the simulation's own prices (usage.cost bills PRICE_PER_SECOND: sound is on by default)
		pricing_skus: { duration_seconds_with_audio: '0.40', duration_seconds_without_audio: '0.20' },
	},
	{
		id: 'bytedance/seedance-1-pro',
		canonical_slug: 'bytedance/seedance-1-pro',
		name: 'ByteDance: Seedance 1 Pro',
		created: 1750896000,
		description: 'Seedance 1 Pro text- and image-to-video.',
		allowed_passthrough_parameters: [],
		generate_audio: false,
		seed: true,
		supported_aspect_ratios: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'],
		supported_durations: [5, 10],
		supported_frame_images: ['first_frame'],
		supported_resolutions: ['480p', '720p', '1080p'],
		supported_sizes: ['1920x1080', '1080x1920', '1280x720', '720x1280', '864x480', '480x864'],
		pricing_skus: { duration_seconds: '0.05' },
	},
	{
		// vendors' docs, not gateway source (OpenRouter lists Hailuo 3 as minimax/hailuo-3, 2K)
		id: 'minimax/hailuo-3',
		canonical_slug: 'minimax/hailuo-3',
		name: 'MiniMax: Hailuo 3',
		created: 1772323200,
		description: 'Hailuo 3 text- and image-to-video up to 2K.',
		allowed_passthrough_parameters: ['prompt_optimizer'],
		generate_audio: false,
		seed: null,
		supported_aspect_ratios: ['16:9'],
		supported_durations: [6, 10],
		supported_frame_images: ['first_frame', 'last_frame'],
		supported_resolutions: ['768p', '1080p', '2K'],
		supported_sizes: null,
		pricing_skus: null,
	},
];

export const OPENROUTER_CHAT_MODELS = [
	'openai/gpt-4o-mini',
	'anthropic/claude-sonnet-4.5',
	'google/gemini-2.5-flash',
].map((id) => ({
	id,
	canonical_slug: id,
	name: id,
	created: 1735689600,
	context_length: 128000,
	architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'] },
	pricing: { prompt: '0.00000015', completion: '0.0000006' },
}));

export const RESOLUTIONS = ['480p', '720p', '768p', '1080p', '1K', '2K', '4K'];
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9', '9:21'];

/** The pixel size a resolution + aspect ratio stand for (the job's `size`). */
export function pixelSize(resolution: string, aspectRatio: string): string {
	const short =
		{ '480p': 480, '720p': 720, '768p': 768, '1080p': 1080, '1K': 1024, '2K': 1440, '4K': 2160 }[
			resolution
		] ?? 720;
	const [w, h] = aspectRatio.split(':').map(Number);
	const long = Math.round((short * Math.max(w, h)) / Math.min(w, h));
	return w >= h ? `${long}x${short}` : `${short}x${long}`;
}
