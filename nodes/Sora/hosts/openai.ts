import type { IDataObject } from 'n8n-workflow';

import type { ContentVariant } from '../domain/contract';
import { readCanonicalVideo, readModelList } from './answers';
import type { CanonicalCreate, CreateBody, HostDialect } from './types';

/** The contract's own body: seconds and size as strings, the first frame as `input_reference`. */
export function contractCreateBody(request: CanonicalCreate, urlField: 'input_reference' | 'image' = 'input_reference'): CreateBody {
	const frame = request.firstFrame;
	const fields: IDataObject = {
		...request.extra,
		prompt: request.prompt,
		model: request.model,
		seconds: request.durationSeconds === undefined ? undefined : String(request.durationSeconds),
		size: request.size,
	};
	if (frame && 'url' in frame) fields[urlField] = urlField === 'image' ? frame.url : { image_url: frame.url };
	if (request.characterIds?.length) fields.characters = request.characterIds.map((id) => ({ id }));
	if (request.aspectRatio) fields.aspect_ratio = request.aspectRatio;
	return { fields, files: frame && 'file' in frame ? [{ ...frame.file, name: 'input_reference' }] : [] };
}

export function contractContentLocation(videoId: string, variant: ContentVariant) {
	return { path: `/videos/${encodeURIComponent(videoId)}/content`, qs: { variant } };
}

/**
 * The OpenAI Videos API contract as published: OpenAI's and Azure's retired hosts, and the
 * servers and gateways that follow it (Merge, LiteLLM, self-hosted). Also what Auto uses for a
 * Base URL of no known family.
 */
export const openaiDialect: HostDialect = {
	family: 'openai',
	label: 'OpenAI-compatible host',
	lacks: [],
	variants: ['video', 'thumbnail', 'spritesheet'],
	takes: ['characterIds'],
	firstFrameMustMatchSize: true,
	modelListPath: '/models',
	createBody: (request) => contractCreateBody(request),
	readVideo: readCanonicalVideo,
	readModels: readModelList,
	contentLocation: (video, videoId, variant) =>
		variant === 'video' && video?.resultUrl ? { url: video.resultUrl } : contractContentLocation(videoId, variant),
};
