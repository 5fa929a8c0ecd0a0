import type { IDataObject } from 'n8n-workflow';

import type { ContentVariant } from '../domain/contract';
import type { ModelFamilyId } from '../domain/media';
import type { Problem } from '../domain/problem';
import type { Video } from '../domain/video';

/** The families of hosts the node knows; each has one file in this folder. */
export type HostFamily = 'openai' | 'newApi' | 'laoZhang' | 'openRouter';

/** The credential's Host Type: a family, or `auto` (chosen by Base URL and by the host's answers). */
export type HostType = HostFamily | 'auto';

/** What a request is for, in the words of the node's menu. */
export type HostOperation =
	| 'Create'
	| 'Get'
	| 'List'
	| 'Delete'
	| 'Download'
	| 'Remix'
	| 'Edit'
	| 'Extend'
	| 'Character Create'
	| 'Character Get'
	| 'Model List';

/** A file the node uploads (first frame, source video). */
export interface UploadFile {
	name: string;
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** A frame image (first or last): a URL (https or data URL) or an image file from the input item. */
export type FrameImage = { url: string } | { file: UploadFile };
/** @deprecated name kept for the first frame: use FrameImage. */
export type FirstFrame = FrameImage;

/**
 * What a Create asks for, in the user's terms, before any host's spelling of it. The model family
 * (models/) has already checked every value; a host dialect spells each field in the key its
 * channel for that family reads, or refuses it before anything is paid.
 */
export interface CanonicalCreate {
	prompt: string;
	model?: string;
	/** The model family recognised from the model id (`unknown`: the contract's universal fields only). */
	family: ModelFamilyId;
	/** Seconds; undefined: not sent (the model's default). */
	durationSeconds?: number;
	/** "9:16"; undefined: not sent. */
	aspectRatio?: string;
	/** "720p"; undefined: not sent. */
	resolution?: string;
	/** An exact WIDTHxHEIGHT for models that take one; undefined: not sent. */
	size?: string;
	firstFrame?: FrameImage;
	lastFrame?: FrameImage;
	generateAudio?: boolean;
	seed?: number;
	negativePrompt?: string;
	characterIds?: string[];
	callbackUrl?: string;
	/** Additional Body Fields, already checked to be a JSON object: sent as the user wrote them. */
	extra: IDataObject;
}

/** The canonical fields a family takes beyond prompt, model, duration, size and the first frame. */
export type OptionalCreateField =
	| 'characterIds'
	| 'resolution'
	| 'aspectRatio'
	| 'generateAudio'
	| 'seed'
	| 'callbackUrl'
	| 'lastFrame'
	| 'negativePrompt';

export interface CreateBody {
	fields: IDataObject;
	/** Sent as multipart with the fields when there are any; otherwise the body is JSON. */
	files: UploadFile[];
}

/** One entry of a host's model list, with what the host says the model supports. */
export interface ModelChoice {
	id: string;
	/** Shown beside the id in Model → From List. */
	detail?: string;
	durations?: number[];
	resolutions?: string[];
	aspectRatios?: string[];
	isVideo?: boolean;
}

/** Where a finished video's bytes are: an absolute URL the host named, or the contract's /content. */
export type ContentLocation =
	| { url: string }
	| { path: string; qs?: IDataObject };

/**
 * A host family's dialect of the Videos API: how the canonical request is spelled, how its
 * answers read, what it does not offer. Nothing outside hosts/ knows any of this.
 */
export interface HostDialect {
	family: HostFamily;
	/** For messages: "new-api gateway", "OpenRouter". */
	label: string;
	/** Operations this family is known not to serve: refused before anything is sent. */
	lacks: readonly HostOperation[];
	/** Content variants it serves (new-api answers every variant with the MP4). */
	variants: readonly ContentVariant[];
	/** Canonical create fields it takes besides the basics. */
	takes: readonly OptionalCreateField[];
	/** Whether a first-frame image must have exactly the video's size (the OpenAI contract's rule). */
	firstFrameMustMatchSize: boolean;
	/** How often the host refreshes a job's status; polling faster only spends requests. */
	statusRefreshMs?: number;
	/** The free request the model list comes from. */
	modelListPath: string;
	createBody(request: CanonicalCreate): CreateBody;
	/** Checks a create against the model list entry of its model (durations, resolutions). */
	checkAgainstModel?(request: CanonicalCreate, model: ModelChoice): Problem | undefined;
	readVideo(body: unknown): Video | undefined;
	readModels(body: unknown): ModelChoice[];
	contentLocation(video: Video | undefined, videoId: string, variant: ContentVariant): ContentLocation;
}
