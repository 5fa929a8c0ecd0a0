import type { IDataObject } from 'n8n-workflow';

import type { ContentVariant } from '../domain/contract';
import type { Problem } from '../domain/problem';
import type { Video } from '../domain/video';
import type { KnownFamilyId, ModelFamilyId } from '../models/registry';

/** The families of hosts the node knows; each has one file in this folder. */
export type HostFamily =
	| 'openai'
	| 'newApi'
	| 'laoZhang'
	| 'openRouter'
	| 'liteLlm'
	| 'cometApi'
	| 'aiHubMix';

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

export interface CreateBody {
	fields: IDataObject;
	/** Sent as multipart with the fields when there are any; otherwise the body is JSON. */
	files: UploadFile[];
}

/** The canonical create fields a channel may not carry to its model (prompt and model always go). */
export type CreateField =
	| 'durationSeconds'
	| 'aspectRatio'
	| 'resolution'
	| 'size'
	| 'firstFrame'
	| 'lastFrame'
	| 'generateAudio'
	| 'seed'
	| 'negativePrompt'
	| 'characterIds'
	| 'callbackUrl';

/**
 * Who reads a create's fields on one host for one model family: new-api's Kling channel,
 * LiteLLM's Gemini provider, CometAPI's Seedance models. Its table says which key each field
 * becomes; a field it has no key for is refused before anything is paid (a gateway drops such
 * a key without an error, and the model falls back to its default).
 */
export interface Channel {
	/** For messages: "new-api's Kling channel". */
	name: string;
	/** Fields it cannot carry to the model, each with why (shown after "takes no …"), or ''. */
	refuses: Partial<Record<CreateField, string>>;
	/** Checks of values it cannot carry (a first frame as an http URL where only image data goes). */
	check?(request: CanonicalCreate): Problem | undefined;
	/** The body in its keys, before Additional Body Fields are laid over it. */
	body(request: CanonicalCreate): CreateBody;
}

/**
 * A family a host has no channel of its own for, decided on purpose: its models get the host's
 * contract fields (or the host's refusal), and `notOffered` says why ("new-api has no Runway channel").
 */
export interface NotOffered {
	readonly notOffered: string;
}

/**
 * A host's channels, one row per family of the registry (models/registry.ts): a new family makes
 * the compiler ask every host for its row, a channel or a deliberate NotOffered.
 */
export type ChannelTable = Readonly<Record<KnownFamilyId, Channel | NotOffered>>;

/** Where a host keeps the reason of a task it ended as failed without one: a free GET. */
export interface FailureReasonSource {
	path(videoId: string): string;
	read(body: unknown): string | undefined;
}

/** One entry of a host's model list, with what the host says the model supports. */
export interface ModelChoice {
	id: string;
	/** Shown beside the id in Model → From List. */
	detail?: string;
	durations?: number[];
	resolutions?: string[];
	aspectRatios?: string[];
	/** Frame images it takes ('first_frame', 'last_frame'), when the host says. */
	frameImages?: string[];
	/** Extra keys the host passes on to the model (OpenRouter's allowed_passthrough_parameters). */
	passthrough?: string[];
	/** Whether it honours a seed / makes audio, when the host says. */
	seed?: boolean;
	generateAudio?: boolean;
	/** The host's own prices per second (OpenRouter's pricing_skus), by resolution and sound where it says. */
	prices?: Array<{ usdPerSecond: number; resolution?: string; audio?: boolean }>;
	isVideo?: boolean;
}

/** Where a finished video's bytes are: an absolute URL the host named, or the contract's /content. */
export type ContentLocation = { url: string } | { path: string; qs?: IDataObject };

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
	/** The channel that made a video, when it does not serve an operation on it the host serves for others. */
	lacksForVideo?(operation: HostOperation, videoId: string): string | undefined;
	/** Content variants it serves (new-api answers every variant with the MP4). */
	variants: readonly ContentVariant[];
	/** The channel (model family on this host) that reads a create: its keys and what it refuses. */
	channelFor(request: CanonicalCreate): Channel;
	/** Whether a first-frame image must have exactly the video's size (the OpenAI contract's rule). */
	firstFrameMustMatchSize: boolean;
	/** How often the host refreshes a job's status; polling faster only spends requests. */
	statusRefreshMs?: number;
	/** The free request the model list comes from. */
	modelListPath: string;
	/** The create in the channel's keys, Additional Body Fields laid over it (they win). */
	createBody(request: CanonicalCreate): CreateBody;
	/** A failed task with no reason in its answer: where the host keeps the reason. */
	failureReason?: FailureReasonSource;
	/**
	 * A job still running when the wait times out, on a channel that never reports a failure:
	 * what to tell the user (the job may have failed without the host saying so).
	 */
	silentFailureNote?(video: Video): string | undefined;
	/** Checks a create against the model list entry of its model (durations, resolutions). */
	checkAgainstModel?(request: CanonicalCreate, model: ModelChoice): Problem | undefined;
	readVideo(body: unknown): Video | undefined;
	readModels(body: unknown): ModelChoice[];
	contentLocation(
		video: Video | undefined,
		videoId: string,
		variant: ContentVariant,
	): ContentLocation;
}
