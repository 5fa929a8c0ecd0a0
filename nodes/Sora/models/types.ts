/**
 * What one model (or a group of a family's models) takes, in the user's terms: seconds, "9:16",
 * "720p", "1280x720". A family's file lists its models' rules; the first whose `ids` matches wins.
 */
export interface ModelRules {
	/** For messages: "Veo 3.1", "Seedance 2.0". */
	label: string;
	/** Which ids (provider prefix stripped, lower case) these rules are for; absent: the family's other models. */
	ids?: RegExp;
	/** Seconds the model makes. */
	durations: readonly number[];
	defaultDuration?: number;
	/** "16:9"…; empty: the user cannot choose one. */
	aspectRatios: readonly string[];
	defaultAspectRatio?: string;
	/** The video takes the first frame's aspect ratio (Hailuo, Wan image-to-video): no Aspect Ratio with a first frame. */
	ratioFollowsFirstFrame?: boolean;
	/** "720p"…; empty: the user cannot choose one. */
	resolutions: readonly string[];
	defaultResolution?: string;
	/**
	 * Exact WIDTHxHEIGHT sizes the model reads (Sora, Wan text-to-video, Runway's ratios). Such a model
	 * is sent `size` only: Aspect Ratio and Resolution become the size they stand for.
	 */
	sizes?: readonly string[];
	/** Added to a refused Size ("sora-2-pro takes the larger sizes"). */
	sizeHint?: string;
	/** Pixel sizes that the generic rule (short side = resolution) does not give, by "9:16 720p". */
	pixelSizes?: Readonly<Record<string, string>>;
	firstFrame: 'no' | 'optional' | 'required';
	lastFrame: boolean;
	audio: boolean;
	/** Whether the model makes sound when Generate Audio is not sent. */
	defaultAudio?: boolean;
	seed: boolean;
	negativePrompt: boolean;
	/** A combination the model refuses although each value is offered: the reason, in the user's terms. */
	refuses?(choice: {
		durationSeconds?: number;
		resolution?: string;
		aspectRatio?: string;
	}): string | undefined;
}

/**
 * A model family, in its one file: its id, its name, the words a user searches the node by, how its
 * ids are recognised, some of its ids (for the node's description), and its models' choices (the
 * last entry is the default). The registry (registry.ts) lists the families; the node's description,
 * its search aliases, the ModelFamilyId union and every host's channel table follow from it.
 */
export interface ModelFamily<Id extends string = string> {
	id: Id;
	/** "Kling" */
	label: string;
	/** Words a user types in n8n's node search to find the node for this family ("Hailuo", "MiniMax"). */
	aliases: readonly string[];
	/** Ids of the family's models, the first shown as an example in the Model field's description. */
	modelIds: readonly string[];
	/** Recognises an id of the family (provider prefix stripped, lower case). */
	ids: RegExp;
	models: readonly ModelRules[];
}
