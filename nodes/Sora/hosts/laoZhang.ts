import { contractCreateBody } from './openai';
import { newApiDialect } from './newApi';
import type { HostDialect } from './types';

/**
 * LaoZhang API (api.laozhang.ai), a new-api derivative serving Meta's Muse models: `seconds`,
 * `size` or `aspect_ratio`, the first frame as `image` (URL or data URL) or multipart
 * `input_reference`; a finished video names its file as `video_url` (no key needed); the docs
 * advise polling every 15 s.
 */
export const laoZhangDialect: HostDialect = {
	...newApiDialect,
	family: 'laoZhang',
	label: 'LaoZhang API',
	takes: ['aspectRatio'],
	firstFrameMustMatchSize: false,
	createBody: (request) => contractCreateBody(request, 'image'),
};
