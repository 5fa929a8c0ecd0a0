import type { INodeProperties } from 'n8n-workflow';

const NONE = '';

/** Options → Platform and On Platform Limit (read by runner/platform.ts), in the Options of every operation that makes a video. */
export const platformOptions: INodeProperties[] = [
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		default: NONE,
		description:
			'Where the video will be posted. Fills Aspect Ratio and Duration when you left them unset (within what the model takes), refuses before paying a video the platform would reject, and checks the delivered file against its limits.',
		options: [
			{ name: 'None', value: NONE },
			{ name: 'Discord (Webhook, 10 MiB)', value: 'discord' },
			{
				name: 'Instagram Reels',
				value: 'instagramReels',
				description: '3 s-15 min, H.264/HEVC, moov first, ≤ 1920 px wide, 9:16 preferred',
			},
			{ name: 'LinkedIn', value: 'linkedin', description: '3 s-30 min, ≤ 500 MB, 1:2.4 to 2.4:1' },
			{ name: 'Telegram (Bot Upload, 50 MB)', value: 'telegram' },
			{
				name: 'TikTok',
				value: 'tiktok',
				description: '≤ 10 min, 360-4096 px, 23-60 fps, 9:16 preferred',
			},
			{ name: 'X', value: 'x', description: '0.5-140 s, H.264, ≤ 512 MB, 1:3 to 3:1' },
			{ name: 'YouTube', value: 'youtube' },
			{
				name: 'YouTube Shorts',
				value: 'youtubeShorts',
				description: 'Vertical or square, ≤ 3 min',
			},
		],
	},
	{
		displayName: 'On Platform Limit',
		name: 'onPlatformLimit',
		type: 'options',
		default: 'error',
		description: 'What to do when the delivered video breaks a limit of the Platform',
		options: [
			{
				name: 'Error',
				value: 'error',
				description: 'Fail the item, naming the limit: the posting node never gets it',
			},
			{
				name: 'Flag',
				value: 'flag',
				description: 'Pass the item with fitsPlatform: false and platformProblems',
			},
		],
	},
];
