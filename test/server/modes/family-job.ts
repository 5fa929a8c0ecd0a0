import { refusalOf } from '../families/behaviour';
import { renderedVideo, type FamilyId, type ReachedKeys } from '../families/reached';
import { readPromptMarkers } from '../markers';
import { StoredVideo } from '../video';
import type { HostContext } from './host-dialect';
import type { HostError } from './host-error';

export interface FamilyJobSpec {
	id: string;
	model: string;
	prompt: string;
	family: FamilyId;
	/** The keys that reached the model (after the host's mapping). */
	reached: ReachedKeys;
	hostFields?: Record<string, unknown>;
	/** How this host answers a value the model refuses (the upstream's error in the host's shape). */
	refuse(message: string): HostError;
}

/**
 * A job of a family mode (litellm, cometapi, aihubmix): the model refuses values it does not take,
 * otherwise renders what it makes from the keys that reached it; `[fail]` and the `job-fails` fault end it
 * failed. The job's `size` and `seconds` are what was made.
 */
export function startFamilyJob(context: HostContext, spec: FamilyJobSpec): StoredVideo {
	const refusal = refusalOf(spec.family, spec.model, spec.reached);
	if (refusal) throw spec.refuse(refusal);
	const rendered = renderedVideo(spec.family, spec.model, spec.reached);
	const markers = readPromptMarkers(spec.prompt);
	const video = new StoredVideo({
		id: spec.id,
		model: spec.model,
		prompt: spec.prompt,
		size: `${rendered.width}x${rendered.height}`,
		seconds: String(rendered.seconds),
		generationMs: markers.generationMs ?? context.state.options.generationMs,
		outcome: context.forceFail || markers.fail ? 'failed' : 'completed',
		hostFields: { family: spec.family, ...spec.hostFields },
		rendered,
	});
	context.state.addJob(video);
	return video;
}

/** The stored job of `params.videoId`, or the host's not-found error. */
export function storedJob(context: HostContext, notFound: (id: string) => HostError): StoredVideo {
	const id = context.params.videoId ?? '';
	const video = context.state.videos.get(id);
	if (!video) throw notFound(id);
	return video;
}

/** A text or JSON field as a string (multipart sends everything as text). */
export function textField(fields: Record<string, unknown>, name: string): string | undefined {
	const value = fields[name];
	if (value === undefined || value === null) return undefined;
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
