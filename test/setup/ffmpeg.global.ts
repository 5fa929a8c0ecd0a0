import { ensureFfmpeg } from '../../scripts/e2e/media';

/**
 * Jest globalSetup: the reference server renders each job's MP4 with ffmpeg, and the tests measure it
 * with ffprobe. On a fresh machine they are installed with apt-get (as the e2e does); if that fails the
 * server serves its fixture and the tests that measure say so.
 */
export default async function installFfmpeg(): Promise<void> {
	const ok = await ensureFfmpeg((message) => console.log(`[jest globalSetup] ${message}`));
	if (!ok)
		console.warn(
			'[jest globalSetup] ffmpeg/ffprobe are missing and could not be installed: MP4 measurements will fail',
		);
}
