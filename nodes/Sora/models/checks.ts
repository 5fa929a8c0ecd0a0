import { listOf, type Problem } from '../domain/problem';
import { aspectRatioOf, ratioMatches } from './geometry';
import type { ModelRules } from './types';

/** A model's rules as checked: a list left undefined is not checked (a host's catalogue without it). */
export type CheckedRules = Omit<ModelRules, 'durations' | 'aspectRatios' | 'resolutions'> & {
	durations?: readonly number[];
	aspectRatios?: readonly string[];
	resolutions?: readonly string[];
};

/** What the user asked for in the form, in the user's terms (undefined: not sent, the model's default). */
export interface CreateChoice {
	durationSeconds?: number;
	aspectRatio?: string;
	resolution?: string;
	size?: string;
	firstFrame: boolean;
	/** The first frame's pixel size, when the node can read it (a file or a data URL; not an http URL). */
	firstFrameSize?: { width: number; height: number };
	lastFrame: boolean;
	generateAudio?: boolean;
	seed?: number;
	negativePrompt?: string;
}

function isRange(values: readonly number[]): boolean {
	return values.length > 3 && values.every((value, i) => i === 0 || value === values[i - 1] + 1);
}

/** "5 or 10 seconds", "4 to 15 seconds" */
export function secondsList(values: readonly number[]): string {
	if (isRange(values)) return `${values[0]} to ${values[values.length - 1]} seconds`;
	return `${listOf(values.map(String))} second${values.length === 1 && values[0] === 1 ? '' : 's'}`;
}

/** What a model takes, in one line: "Kling: 5 or 10 seconds; 16:9, 9:16 or 1:1; 720p or 1080p; …". */
export function summaryOf(rules: CheckedRules): string {
	const takes = [
		rules.firstFrame !== 'no' &&
			(rules.firstFrame === 'required' ? 'a first frame (required)' : 'a first frame'),
		rules.lastFrame && 'a last frame',
		rules.audio && 'Generate Audio',
		rules.seed && 'a seed',
		rules.negativePrompt && 'a negative prompt',
	].filter((part): part is string => !!part);
	return [
		`${rules.label}: ${rules.durations?.length ? secondsList(rules.durations) : 'any duration'}`,
		rules.aspectRatios &&
			(rules.aspectRatios.length
				? `aspect ratio ${listOf(rules.aspectRatios)}`
				: 'aspect ratio of the first frame'),
		rules.resolutions?.length && `resolution ${listOf(rules.resolutions)}`,
		rules.sizes?.length && `exact size ${listOf(rules.sizes)}`,
		`takes ${takes.length ? listOf(takes).replace(/ or ([^,]+)$/, ' and $1') : 'no frames, audio, seed or negative prompt'}`,
	]
		.filter(Boolean)
		.join('; ');
}

function offered(
	field: string,
	value: string,
	model: string,
	rules: CheckedRules,
	allowed: string,
): Problem {
	return {
		field,
		message: `${field} ${value} is not offered by ${model}: ${rules.label} takes ${allowed}`,
		description: summaryOf(rules),
	};
}

/** The values the user chose, checked one by one against what the model takes. */
export function checkChoice(
	model: string,
	rules: CheckedRules,
	choice: CreateChoice,
): Problem | undefined {
	const { durationSeconds, aspectRatio, resolution } = choice;
	if (
		durationSeconds !== undefined &&
		rules.durations?.length &&
		!rules.durations.includes(durationSeconds)
	) {
		return offered('Duration', `${durationSeconds} s`, model, rules, secondsList(rules.durations));
	}
	if (aspectRatio !== undefined) {
		if (rules.ratioFollowsFirstFrame && choice.firstFrame) {
			const problem = frameRatioProblem(rules, aspectRatio, choice.firstFrameSize);
			if (problem) return problem;
		} else if (rules.aspectRatios && !rules.aspectRatios.includes(aspectRatio)) {
			const allowed = rules.aspectRatios.length
				? listOf(rules.aspectRatios)
				: 'no aspect ratio (it follows the first frame)';
			return offered('Aspect Ratio', aspectRatio, model, rules, allowed);
		}
	}
	if (resolution !== undefined && rules.resolutions && !rules.resolutions.includes(resolution)) {
		return offered(
			'Resolution',
			resolution,
			model,
			rules,
			rules.resolutions.length ? listOf(rules.resolutions) : 'no resolution',
		);
	}
	return checkInputs(model, rules, choice);
}

/**
 * A model that makes the video in the first frame's ratio (Hailuo, Wan image-to-video): an Aspect
 * Ratio is taken when the frame has it (within 3 %), since that is the video it makes; refused when the
 * frame has another ratio, or when the node cannot see the frame's shape (an http URL it does not fetch).
 */
function frameRatioProblem(
	rules: CheckedRules,
	aspectRatio: string,
	frame: CreateChoice['firstFrameSize'],
): Problem | undefined {
	if (frame && ratioMatches(frame.width, frame.height, aspectRatio)) return undefined;
	const problem = (message: string): Problem => ({
		field: 'Aspect Ratio',
		message,
		description: `${summaryOf(rules)}. The model sends no aspect ratio of its own: the video takes the first frame's.`,
	});
	if (!frame) {
		return problem(
			`Aspect Ratio ${aspectRatio} cannot be checked against the first frame: ${rules.label} makes the video in the frame's ratio, and the node does not fetch an image URL to see its shape. Set Aspect Ratio to "Model's Default", or give the first frame as a file or a data URL`,
		);
	}
	const ratio = aspectRatioOf(frame.width, frame.height);
	return problem(
		`Aspect Ratio ${aspectRatio} does not match the first frame (${frame.width}x${frame.height}): the first frame is ${ratio}; ${rules.label} makes the video in the frame's ratio. Set Aspect Ratio to ${ratio} or "Model's Default", or use a ${aspectRatio} image`,
	);
}

function notTaken(field: string, model: string, rules: CheckedRules, what: string): Problem {
	return {
		field,
		message: `${model} takes no ${what} (${rules.label}): remove ${field}`,
		description: `${summaryOf(rules)}. A field the model does not read would be dropped without an error, so the node refuses it before paying.`,
	};
}

function checkInputs(
	model: string,
	rules: CheckedRules,
	choice: CreateChoice,
): Problem | undefined {
	if (choice.firstFrame && rules.firstFrame === 'no') {
		return {
			field: 'First Frame',
			message: `${model} makes videos from text only (${rules.label}): set First Frame to None, or choose an image-to-video model`,
			description: summaryOf(rules),
		};
	}
	if (!choice.firstFrame && rules.firstFrame === 'required') {
		return {
			field: 'First Frame',
			message: `${model} makes videos from a first frame (${rules.label}): set First Frame to an image`,
			description: summaryOf(rules),
		};
	}
	if (choice.lastFrame && !rules.lastFrame)
		return notTaken('Last Frame', model, rules, 'last frame');
	if (choice.lastFrame && !choice.firstFrame) {
		return {
			field: 'Last Frame',
			message: `A Last Frame needs a First Frame: ${model} makes a video between the two (set First Frame)`,
		};
	}
	if (choice.generateAudio !== undefined && !rules.audio)
		return notTaken('Generate Audio', model, rules, 'sound setting');
	if (choice.seed !== undefined && !rules.seed) return notTaken('Seed', model, rules, 'seed');
	if (choice.negativePrompt !== undefined && !rules.negativePrompt)
		return notTaken('Negative Prompt', model, rules, 'negative prompt');
	return undefined;
}
