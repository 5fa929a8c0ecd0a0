/**
 * Screenshots for the README (docs/): the AI Agent's execution with the Sora tool, and example 4's
 * loop, in n8n 2.x's editor (playwright-core + Debian's chromium, see browser.ts). Copies go to artifacts/.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { DEFAULT_OWNER } from './n8n';

async function signIn(page: Page, baseUrl: string) {
	await page.goto(`${baseUrl}/signin`);
	await page
		.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
		.first()
		.fill(DEFAULT_OWNER.email);
	await page.locator('input[type="password"]').first().fill(DEFAULT_OWNER.password);
	await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

async function shoot(page: Page, url: string, file: string, nodeToWaitFor: string) {
	await page.goto(url);
	await page
		.locator(
			`[data-test-id="canvas-node"][data-node-name="${nodeToWaitFor}"], [data-name="${nodeToWaitFor}"]`,
		)
		.first()
		.waitFor({ timeout: 60_000 });
	await page.keyboard.press('Escape');
	await page.waitForTimeout(1500);
	await page.screenshot({ path: file });
}

export async function screenshotAgentRun(
	baseUrl: string,
	ids: { agent: string; execution?: string; loop: string },
	docsDir: string,
	artifacts: string,
): Promise<string[]> {
	mkdirSync(docsDir, { recursive: true });
	const context = await launchBrowser((m) => console.log(`[agent-screens] ${m}`));
	const files: string[] = [];
	try {
		const page = await context.newPage();
		await signIn(page, baseUrl);
		const agentUrl = ids.execution
			? `${baseUrl}/workflow/${ids.agent}/executions/${ids.execution}`
			: `${baseUrl}/workflow/${ids.agent}`;
		const agentShot = path.join(docsDir, 'agent-tool-execution.png');
		await shoot(page, agentUrl, agentShot, 'AI Agent').catch(async () => {
			// The execution view renders the canvas inside an iframe in some versions: a full-page shot still shows it.
			await page.waitForTimeout(3000);
			await page.screenshot({ path: agentShot });
		});
		files.push(agentShot);
		const loopShot = path.join(docsDir, 'long-video-loop.png');
		await shoot(page, `${baseUrl}/workflow/${ids.loop}`, loopShot, 'Check Status');
		files.push(loopShot);
		for (const file of files) copyFileSync(file, path.join(artifacts, path.basename(file)));
	} finally {
		await context.close();
	}
	return files;
}
