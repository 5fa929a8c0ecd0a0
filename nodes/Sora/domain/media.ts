/**
 * The two sides of "the video the user asked for": what was asked, in the user's terms (after the
 * model family's defaults), and what the delivered MP4 measures, read from its boxes while it
 * streams into n8n's binary store. Output items carry `measured`, `asAsked`, `differences` and
 * `modelFamily`; posting nodes read `measured.width`, `measured.height`, `measured.durationSeconds`.
 */

/** What the delivered MP4 measures. */
export interface MeasuredVideo {
	width: number;
	height: number;
	durationSeconds: number;
	/** Frames per second of the video track, when its sample table says. */
	frameRate?: number;
	/** "h264", "hevc", "av1", "vp9", or the sample entry's four letters. */
	videoCodec?: string;
	hasAudio: boolean;
	/** "aac", "opus", … or the sample entry's four letters. */
	audioCodec?: string;
	bytes: number;
	/** Whether the moov box comes before the media (mdat): players and Instagram need it first. */
	fastStart: boolean;
}

/** What the user asked for, as the model family will read it (its defaults filled in where the user left a field unset). */
export interface AskedVideo {
	durationSeconds?: number;
	/** "9:16" */
	aspectRatio?: string;
	/** "720p" */
	resolution?: string;
	/** An exact Size (WxH) the user set. */
	width?: number;
	height?: number;
	generateAudio?: boolean;
}
