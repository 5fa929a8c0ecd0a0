import type { IDataObject } from 'n8n-workflow';

import type { ContentVariant } from '../domain/contract';
import { readCanonicalVideo, readModelList } from './answers';
import {
	checkChannel,
	frameFile,
	refuseHttpFrame,
	refuseLoneResolution,
	sizeAsked,
	spell,
} from './spelling';
import type { CanonicalCreate, Channel, CreateBody, HostDialect } from './types';

/** The contract's own body: seconds and size as strings, the first frame as `input_reference`. */
export function contractCreateBody(
	request: CanonicalCreate,
	urlField: 'input_reference' | 'image' = 'input_reference',
): CreateBody {
	const frame = request.firstFrame;
	const fields: IDataObject = {
		prompt: request.prompt,
		model: request.model,
		seconds: request.durationSeconds === undefined ? undefined : String(request.durationSeconds),
		size: sizeAsked(request),
	};
	if (frame && 'url' in frame)
		fields[urlField] = urlField === 'image' ? frame.url : { image_url: frame.url };
	if (request.characterIds?.length) fields.characters = request.characterIds.map((id) => ({ id }));
	return {
		fields,
		files: frame && 'file' in frame ? [{ ...frame.file, name: 'input_reference' }] : [],
	};
}

const NOT_IN_CONTRACT = 'the Videos API contract has no key for it';

/**
 * The contract's universal fields (seconds, size, input_reference, characters) and nothing else:
 * a model of unknown family, or a host that follows the contract. An aspect ratio is sent as the
 * Size it makes at the resolution asked (720p when none is).
 */
export function contractChannel(
	name: string,
	urlField: 'input_reference' | 'image' = 'input_reference',
	/** `data`: a data URL goes as an uploaded file; `only`: so does every frame, and an http URL is refused. */
	uploads?: 'data' | 'only',
): Channel {
	return {
		name,
		refuses: {
			lastFrame: NOT_IN_CONTRACT,
			generateAudio: NOT_IN_CONTRACT,
			seed: NOT_IN_CONTRACT,
			negativePrompt: NOT_IN_CONTRACT,
			callbackUrl: NOT_IN_CONTRACT,
		},
		check: (request) =>
			refuseLoneResolution(name, request) ??
			(uploads === 'only'
				? refuseHttpFrame(name, request, 'an uploaded input_reference file')
				: undefined),
		body(request) {
			const file =
				uploads && request.firstFrame
					? frameFile(request.firstFrame, 'input_reference')
					: undefined;
			if (!file) return contractCreateBody(request, urlField);
			return {
				fields: contractCreateBody({ ...request, firstFrame: undefined }, urlField).fields,
				files: [file],
			};
		},
	};
}

export function contractContentLocation(videoId: string, variant: ContentVariant) {
	return { path: `/videos/${encodeURIComponent(videoId)}/content`, qs: { variant } };
}

const contract = contractChannel('An OpenAI-compatible host');

/**
 * The OpenAI Videos API contract as published: OpenAI's and Azure's retired hosts, and the
 * servers and gateways that follow it (Merge, self-hosted). Also what Auto uses for a Base URL
 * of no known family. Every model family gets the contract's fields.
 */
export const openaiDialect: HostDialect = {
	family: 'openai',
	label: 'OpenAI-compatible host',
	lacks: [],
	variants: ['video', 'thumbnail', 'spritesheet'],
	firstFrameMustMatchSize: true,
	modelListPath: '/models',
	channelFor: () => contract,
	createBody: (request) => spell(contract, request),
	readVideo: readCanonicalVideo,
	readModels: readModelList,
	contentLocation: (video, videoId, variant) =>
		variant === 'video' && video?.resultUrl
			? { url: video.resultUrl }
			: contractContentLocation(videoId, variant),
};

/** The refusal for a dialect: its channel for the request's model family. */
export function checkCreate(host: HostDialect, request: CanonicalCreate) {
	return checkChannel(host.channelFor(request), request);
}
