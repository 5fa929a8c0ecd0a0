import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Problem } from '../../domain/problem';
import type { CreateChoice } from '../../models/plan';
import { CUSTOM, forVideo, NOT_SENT } from '../shared.fields';
import { optionsParam, stringParam } from '../../runner/inputs';

/**
 * Create's video in the user's terms: Duration, Aspect Ratio, Resolution (choices read from the
 * chosen model), an exact Size for models that take one, the first and last frames, and the Options
 * Generate Audio, Seed, Negative Prompt. A value left at "Model's Default" is not sent.
 */
const OPERATION = ['create'];
const MODEL_DEFAULT = "Model's Default (Not Sent)";
const byModel = (method: string) => ({
	loadOptionsMethod: method,
	loadOptionsDependsOn: ['model.value'],
});

export const videoShapeFields: INodeProperties[] = [
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'options',
		typeOptions: byModel('durationChoices'),
		default: NOT_SENT,
		description:
			'Length of the video: the lengths the chosen model makes (checked before anything is paid). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: forVideo(OPERATION),
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		typeOptions: byModel('aspectRatioChoices'),
		default: NOT_SENT,
		description:
			'Shape of the video (e.g. 9:16 for portrait): the ratios the chosen model makes. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: forVideo(OPERATION),
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		typeOptions: byModel('resolutionChoices'),
		default: NOT_SENT,
		description:
			'Lines of the short side (720p: 1280x720 or 720x1280): the resolutions the chosen model makes. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: forVideo(OPERATION),
	},
	{
		displayName: 'Size',
		name: 'size',
		type: 'options',
		default: NOT_SENT,
		description:
			'An exact width x height, for models that read one (Sora 2, Wan text-to-video, Runway); for the others it stands for its aspect ratio and resolution',
		options: [
			{ name: MODEL_DEFAULT, value: NOT_SENT, description: 'Aspect Ratio and Resolution decide' },
			{ name: '720x1280 (Portrait, 720p)', value: '720x1280' },
			{ name: '1280x720 (Landscape, 720p)', value: '1280x720' },
			{ name: '1024x1792 (Portrait, Sora 2 Pro)', value: '1024x1792' },
			{ name: '1792x1024 (Landscape, Sora 2 Pro)', value: '1792x1024' },
			{ name: '1080x1920 (Portrait, 1080p)', value: '1080x1920' },
			{ name: '1920x1080 (Landscape, 1080p)', value: '1920x1080' },
			{ name: 'Custom', value: CUSTOM, description: 'Another size your model takes' },
		],
		displayOptions: forVideo(OPERATION),
	},
	{
		displayName: 'Custom Size',
		name: 'customSize',
		type: 'string',
		default: '',
		placeholder: '1024x1024',
		displayOptions: forVideo(OPERATION, { show: { size: [CUSTOM] } }),
	},
	...frameFields('First Frame', 'referenceImage', 'first-frame'),
	...frameFields('Last Frame', 'lastFrame', 'last-frame'),
];

/** A frame image: None, from an input binary field, or from a URL (the first frame keeps its `referenceImage` names). */
function frameFields(displayName: string, name: string, example: string): INodeProperties[] {
	return [
		{
			displayName,
			name,
			type: 'options',
			default: 'none',
			description:
				displayName === 'First Frame'
					? 'An image the video starts from (image-to-video). Sora 2 needs it at exactly the video size.'
					: 'An image the video ends on (models that take one: Veo 3.1, Kling, Seedance, Hailuo, Vidu…); needs a First Frame',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'From Input Binary Field', value: 'binary' },
				{ name: 'From URL or Data URL', value: 'url' },
			],
			displayOptions: forVideo(OPERATION),
		},
		{
			displayName: 'Input Binary Field',
			name: `${name}BinaryProperty`,
			type: 'string',
			default: 'data',
			description: 'Binary property of the input item holding a JPEG, PNG or WebP image',
			displayOptions: forVideo(OPERATION, { show: { [name]: ['binary'] } }),
		},
		{
			displayName: 'Image URL',
			name: `${name}Url`,
			type: 'string',
			default: '',
			placeholder: `https://example.com/${example}.png`,
			description: 'An https URL or a data:image/…;base64 URL of a JPEG, PNG or WebP image',
			displayOptions: forVideo(OPERATION, { show: { [name]: ['url'] } }),
		},
	];
}

/** Create's Options about the video (an option not added is not sent). */
export const videoShapeOptions: INodeProperties[] = [
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…',
		description:
			"Hosts that take one (OpenRouter): where the host posts the job's end (paste the Sora Trigger's production URL)",
	},
	{
		displayName: 'Generate Audio',
		name: 'generateAudio',
		type: 'boolean',
		default: true,
		description:
			'Whether the video gets a sound track (models with a sound setting: Veo 3, Seedance 1.5+, Wan 2.5+, Vidu background music)',
	},
	{
		displayName: 'Negative Prompt',
		name: 'negativePrompt',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: 'What the video should not show (models that take one: Veo, Kling, Wan)',
	},
	{
		displayName: 'Seed',
		name: 'seed',
		type: 'number',
		default: 0,
		description:
			'A seed for repeatable results (models that take one: Veo, Seedance, Wan, Vidu, Runway, Jimeng)',
	},
];

/** A choice among fixed values with a "Custom" escape hatch (Size). */
function choiceParam(
	ctx: IExecuteFunctions,
	name: string,
	customName: string,
	itemIndex: number,
): string {
	const choice = stringParam(ctx, name, itemIndex);
	return choice === CUSTOM ? stringParam(ctx, customName, itemIndex) : choice;
}

/** The form's choice for one item, before the model is consulted; a value that is not a value is a problem. */
export function readVideoChoice(
	ctx: IExecuteFunctions,
	itemIndex: number,
	frames: { firstFrame: boolean; lastFrame: boolean },
): { choice: CreateChoice; callbackUrl?: string } | { problem: Problem } {
	const rawDuration = ctx.getNodeParameter('duration', itemIndex, 0) as unknown;
	let durationSeconds: number | undefined;
	if (
		rawDuration !== undefined &&
		rawDuration !== null &&
		rawDuration !== '' &&
		rawDuration !== 0 &&
		rawDuration !== '0'
	) {
		durationSeconds = Number(rawDuration);
		if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
			return {
				problem: {
					field: 'Duration',
					message: `Duration "${String(rawDuration)}" is not a number of seconds: choose one of the model's lengths`,
				},
			};
		}
	}
	const options = optionsParam(ctx, 'options', itemIndex);
	const resolution = stringParam(ctx, 'resolution', itemIndex);
	const text = (value: unknown) =>
		typeof value === 'string' && value.trim() ? value.trim() : undefined;
	if (
		options.seed !== undefined &&
		options.seed !== '' &&
		!Number.isInteger(Number(options.seed))
	) {
		return {
			problem: { field: 'Seed', message: `Seed "${String(options.seed)}" is not a whole number` },
		};
	}
	return {
		choice: {
			durationSeconds,
			aspectRatio: stringParam(ctx, 'aspectRatio', itemIndex) || undefined,
			resolution: resolution
				? /^\d+p$/i.test(resolution)
					? resolution.toLowerCase()
					: resolution
				: undefined,
			size: choiceParam(ctx, 'size', 'customSize', itemIndex) || undefined,
			...frames,
			generateAudio: typeof options.generateAudio === 'boolean' ? options.generateAudio : undefined,
			seed: options.seed !== undefined && options.seed !== '' ? Number(options.seed) : undefined,
			negativePrompt: text(options.negativePrompt),
		},
		callbackUrl: text(options.callbackUrl),
	};
}
