import type { AskedVideo } from '../domain/media';
import type { Problem } from '../domain/problem';
import { listOf } from '../domain/problem';
import type { ModelChoice } from '../hosts/types';
import { checkChoice, summaryOf, type CheckedRules, type CreateChoice } from './checks';
import { aspectRatioOf, dimensionsOf, pixelSizeFor, resolutionOf } from './geometry';
import { knownModel } from './index';
import type { ModelFamilyId } from './registry';

export type { CreateChoice } from './checks';

/** What a Create sends about the video's shape (CanonicalCreate's fields), and what it asked for. */
export interface CreatePlan {
	family: ModelFamilyId;
	/** The checked rules (undefined: unknown model, nothing checked). */
	rules?: CheckedRules;
	durationSeconds?: number;
	/** Sent to models without exact sizes. */
	aspectRatio?: string;
	resolution?: string;
	/** Sent to models that read an exact size (Sora, Wan text-to-video, Runway), instead of ratio and resolution. */
	size?: string;
	/** What the delivered MP4 is compared with: the user's values, the model's defaults elsewhere. */
	asked: AskedVideo;
}

export type PlanResult =
	| { plan: CreatePlan; problem?: undefined }
	| { problem: Problem; plan?: undefined };

/** The rules a host's catalogue gives for a model (OpenRouter's /videos/models): they win over the family's. */
export function withCatalogue(
	rules: CheckedRules | undefined,
	entry: ModelChoice,
	host = 'the host',
): CheckedRules {
	const base: CheckedRules = rules ?? {
		label: entry.id,
		firstFrame: 'optional',
		lastFrame: true,
		audio: true,
		seed: true,
		negativePrompt: true,
	};
	const listed = `${entry.id} on ${host}`;
	return {
		...base,
		label: entry.durations || entry.aspectRatios || entry.resolutions ? listed : base.label,
		durations: entry.durations?.length ? entry.durations : base.durations,
		aspectRatios: entry.aspectRatios?.length ? entry.aspectRatios : base.aspectRatios,
		resolutions: entry.resolutions?.length ? entry.resolutions : base.resolutions,
		sizes: entry.aspectRatios || entry.resolutions ? undefined : base.sizes,
		refuses: base.refuses,
	};
}

function sizeProblem(rules: CheckedRules, size: string, why: string): Problem {
	return { field: 'Size', message: `Size ${size} ${why}`, description: summaryOf(rules) };
}

/** An exact Size, for a model that takes ratio and resolution: the ratio and resolution it stands for. */
function sizeAsWords(
	model: string,
	rules: CheckedRules,
	size: string,
	choice: CreateChoice,
): PlanResult | CreateChoice {
	const dimensions = dimensionsOf(size);
	if (!dimensions)
		return {
			problem: sizeProblem(
				rules,
				`"${size}"`,
				`is not WIDTHxHEIGHT (e.g. 1280x720): for ${model}, better choose Aspect Ratio and Resolution`,
			),
		};
	const ratio = aspectRatioOf(...dimensions);
	const resolution = resolutionOf(...dimensions);
	const fits =
		(!rules.aspectRatios || rules.aspectRatios.includes(ratio)) &&
		(!rules.resolutions || rules.resolutions.includes(resolution));
	if (!fits) {
		const words = [
			rules.aspectRatios?.length && `Aspect Ratio (${listOf(rules.aspectRatios)})`,
			rules.resolutions?.length && `Resolution (${listOf(rules.resolutions)})`,
		];
		const why = `(${ratio} ${resolution}) is not a video ${model} makes: ${rules.label} takes no exact size; choose ${words.filter(Boolean).join(' and ') || 'the defaults'}`;
		return { problem: sizeProblem(rules, size, why) };
	}
	return (
		conflicts(rules, size, ratio, resolution, choice) ?? {
			...choice,
			size: undefined,
			aspectRatio: ratio,
			resolution,
		}
	);
}

function conflicts(
	rules: CheckedRules,
	size: string,
	ratio: string,
	resolution: string,
	choice: CreateChoice,
): PlanResult | undefined {
	if (choice.aspectRatio !== undefined && choice.aspectRatio !== ratio) {
		return {
			problem: sizeProblem(
				rules,
				size,
				`is ${ratio} but Aspect Ratio asks ${choice.aspectRatio}: set one of them to "Model's Default"`,
			),
		};
	}
	if (choice.resolution !== undefined && choice.resolution !== resolution) {
		return {
			problem: sizeProblem(
				rules,
				size,
				`is ${resolution} but Resolution asks ${choice.resolution}: set one of them to "Model's Default"`,
			),
		};
	}
	return undefined;
}

/** For a model that reads exact sizes: the size asked (directly, or as ratio + resolution). */
function exactSize(
	model: string,
	rules: CheckedRules,
	sizes: readonly string[],
	choice: CreateChoice,
): PlanResult | string | undefined {
	if (choice.size !== undefined) {
		const dimensions = dimensionsOf(choice.size);
		const size = dimensions ? `${dimensions[0]}x${dimensions[1]}` : choice.size;
		if (!dimensions)
			return {
				problem: sizeProblem(
					rules,
					`"${choice.size}"`,
					`is not WIDTHxHEIGHT (e.g. 1280x720): ${model} takes ${listOf(sizes)}`,
				),
			};
		if (!sizes.includes(size))
			return {
				problem: sizeProblem(
					rules,
					size,
					`is not offered by ${model}: ${rules.label} takes ${listOf(sizes)}${rules.sizeHint ? `. ${rules.sizeHint}` : ''}`,
				),
			};
		return (
			conflicts(rules, size, aspectRatioOf(...dimensions), resolutionOf(...dimensions), choice) ??
			size
		);
	}
	if (choice.aspectRatio === undefined && choice.resolution === undefined) return undefined;
	const ratio = choice.aspectRatio ?? rules.defaultAspectRatio ?? '';
	const resolution = choice.resolution ?? rules.defaultResolution ?? '';
	const size = pixelSizeFor(ratio, resolution, rules.pixelSizes);
	if (size && sizes.includes(size)) return size;
	return {
		problem: {
			field: choice.aspectRatio !== undefined ? 'Aspect Ratio' : 'Resolution',
			message: `${model} makes no ${ratio} video at ${resolution} (${size ?? 'no size'}): ${rules.label} takes ${listOf(sizes)}`,
			description: summaryOf(rules),
		},
	};
}

function askedOf(
	rules: CheckedRules | undefined,
	choice: CreateChoice,
	size: string | undefined,
): AskedVideo {
	const given = size ? dimensionsOf(size) : undefined;
	const followsImage = choice.firstFrame && !rules?.sizes;
	// A model that takes the frame's ratio makes the frame's shape: that is what the MP4 is compared with.
	const frame = choice.firstFrameSize;
	const frameRatio =
		rules?.ratioFollowsFirstFrame && frame ? aspectRatioOf(frame.width, frame.height) : undefined;
	const aspectRatio =
		choice.aspectRatio ??
		(given ? aspectRatioOf(...given) : followsImage ? frameRatio : rules?.defaultAspectRatio);
	const resolution =
		choice.resolution ?? (given ? resolutionOf(...given) : rules?.defaultResolution);
	const exact =
		given ??
		(rules?.sizes && aspectRatio && resolution
			? dimensionsOf(pixelSizeFor(aspectRatio, resolution, rules.pixelSizes) ?? '')
			: undefined);
	const asked: AskedVideo = {
		durationSeconds: choice.durationSeconds ?? rules?.defaultDuration,
		aspectRatio,
		resolution,
		width: exact?.[0],
		height: exact?.[1],
		generateAudio: choice.generateAudio ?? (rules?.audio ? rules.defaultAudio : undefined),
	};
	for (const key of Object.keys(asked) as Array<keyof AskedVideo>)
		if (asked[key] === undefined) delete asked[key];
	return asked;
}

/**
 * A Create's video, checked against what the model takes (a host's catalogue entry wins over the
 * family's table) before anything is paid, and spelled for the canonical request: exact-size models
 * get `size`, the others `aspectRatio` and `resolution`. An unknown model gets what the user set.
 */
export function planCreate(
	model: string,
	choice: CreateChoice,
	catalogue?: ModelChoice,
	host?: string,
): PlanResult {
	const known = knownModel(model);
	const family = (known?.family.id as ModelFamilyId | undefined) ?? 'unknown';
	const rules = catalogue ? withCatalogue(known?.rules, catalogue, host) : known?.rules;
	const name = model.trim() || 'the default model';
	if (!rules) {
		const { durationSeconds, aspectRatio, resolution, size } = choice;
		return {
			plan: {
				family,
				durationSeconds,
				aspectRatio,
				resolution,
				size,
				asked: askedOf(undefined, choice, size),
			},
		};
	}
	let words = choice;
	let size: string | undefined;
	if (rules.sizes) {
		// The ratio and resolution are checked as words first (clearer), unless an exact Size says them.
		const problem = choice.size === undefined ? checkChoice(name, rules, choice) : undefined;
		if (problem) return { problem };
		const exact = exactSize(name, rules, rules.sizes, choice);
		if (typeof exact === 'object') return exact;
		size = exact;
		if (choice.size !== undefined)
			words = { ...choice, aspectRatio: undefined, resolution: undefined };
	} else if (choice.size !== undefined) {
		const converted = sizeAsWords(name, rules, choice.size, choice);
		if ('problem' in converted || 'plan' in converted) return converted as PlanResult;
		words = converted;
	}
	const problem = checkChoice(name, rules, words) ?? combination(name, rules, words);
	if (problem) return { problem };
	const sized = !!rules.sizes;
	// The frame decides the ratio: an Aspect Ratio that matches it (checked above) is not sent.
	const ratioFromFrame = !!rules.ratioFollowsFirstFrame && words.firstFrame;
	// A value that is the only one the model makes is not sent: the model makes it anyway, and a host
	// without a key for it (new-api's Hailuo channel and aspect ratios, CometAPI's Veo 3 and durations) need not refuse it.
	const onlyValue = <T>(value: T | undefined, values: readonly T[] | undefined) =>
		values?.length === 1 && value === values[0] ? undefined : value;
	return {
		plan: {
			family,
			rules,
			durationSeconds: onlyValue(words.durationSeconds, rules.durations),
			aspectRatio:
				sized || ratioFromFrame ? undefined : onlyValue(words.aspectRatio, rules.aspectRatios),
			resolution: sized ? undefined : onlyValue(words.resolution, rules.resolutions),
			size,
			asked: askedOf(rules, sized ? choice : words, size),
		},
	};
}

function combination(
	model: string,
	rules: CheckedRules,
	choice: CreateChoice,
): Problem | undefined {
	if (!rules.refuses) return undefined;
	const durationSeconds = choice.durationSeconds ?? rules.defaultDuration;
	const resolution = choice.resolution ?? rules.defaultResolution;
	const reason = rules.refuses({
		durationSeconds,
		resolution,
		aspectRatio: choice.aspectRatio ?? rules.defaultAspectRatio,
	});
	if (!reason) return undefined;
	return {
		field: choice.durationSeconds !== undefined ? 'Duration' : 'Resolution',
		message: `${reason}: ${model} was asked for ${resolution} and ${durationSeconds} s`,
		description: summaryOf(rules),
	};
}
