/**
 * Debian's chromium driven by playwright-core (no browser download): installed with apt-get if missing.
 */
import { type BrowserContext, chromium } from 'playwright-core';
import { ensureAptBinary } from './media';
import { tempDir } from './proc';

export const CHROMIUM = process.env.SORA_E2E_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-quic',
	'--no-first-run',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

export async function ensureChromium(log: (m: string) => void): Promise<string> {
	if (!(await ensureAptBinary(CHROMIUM, 'chromium', log)))
		throw new Error(`apt-get install chromium left ${CHROMIUM} missing`);
	return CHROMIUM;
}

/** A headless chromium with a fresh user-data dir. */
export async function launchBrowser(log: (m: string) => void): Promise<BrowserContext> {
	const executablePath = await ensureChromium(log);
	const userDataDir = tempDir('chromium');
	return chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
	});
}
