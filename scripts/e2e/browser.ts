/**
 * Debian's chromium driven by playwright-core (no browser download): installed with apt-get if missing.
 */
import { existsSync } from 'node:fs';
import { type BrowserContext, chromium } from 'playwright-core';
import { run, tempDir } from './proc';

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
	if (existsSync(CHROMIUM)) return CHROMIUM;
	log('chromium missing: apt-get install -y chromium');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run('apt-get', ['update'], { env, timeoutMs: 10 * 60_000 });
	await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env, timeoutMs: 15 * 60_000 });
	if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
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
