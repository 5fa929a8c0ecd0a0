/**
 * The first try of a new user, in the real editor: a new workflow, the trigger search for "Sora", a
 * Manual Trigger, then from its + handle the node search ("Sora", "video", "Sora 2", "text to video"),
 * the Sora node's Create action with the credential picked and a prompt, a size and a length; execute;
 * the output's Binary view; the MP4 downloaded and read with ffprobe. Screenshots of each step under
 * artifacts/discover-<version>-*.png. Needs an n8n with the package loaded, the owner set up, one
 * soraApi credential, and the reference server with sized videos.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { CREDENTIAL } from './cases';
import { Checks } from './checks';
import { signIn } from './editor';
import { GATEWAY_CREDENTIAL_NAME } from './examples';
import { probe } from './media';
import { CUSTOM_PREFIX } from './n8n';

/** What the user asks for in the Create node (and what the downloaded file must be). */
const REQUEST = {
	prompt: 'A paper boat drifting on a pond at dawn',
	model: 'sora-2',
	size: '1280x720',
	sizeOption: '1280x720 (Landscape, 720p)',
	seconds: 8,
};
const SEARCHES = ['Sora', 'video', 'Sora 2', 'text to video'];
const TOP = 3;

interface CreatorItem {
	name: string;
	icon: string;
}

/**
 * The package's entry in the results. n8n lists a node and its trigger as one app entry ("Sora (Videos
 * API)", with the actions of both), and in the trigger view names a trigger without its " Trigger".
 */
const isSora = (i: CreatorItem) =>
	i.name.startsWith('Sora (Videos API)') && /\/icons\/CUSTOM\//.test(i.icon);

export async function runDiscoverTest(
	baseUrl: string,
	cookie: string,
	version: string,
	artifacts: string,
): Promise<Checks> {
	const checks = new Checks(`${version} a new user finds the node`);
	const log = (m: string) => console.log(`[discover] ${m}`);
	const shot = (page: Page, step: string) =>
		page.screenshot({ path: path.join(artifacts, `discover-${version}-${step}.png`) });
	await checks.step('Tool variant', () => checkToolVariant(checks, baseUrl, cookie));
	await checks.step('browser', async () => {
		const context = await launchBrowser(log);
		const page = await context.newPage();
		try {
			await signIn(page, baseUrl);
			await page.goto(`${baseUrl}/workflow/new`);
			const addFirst = page.locator('[data-test-id="canvas-add-button"]');
			await addFirst.waitFor({ timeout: 120_000 });
			await page.keyboard.press('Escape'); // closes any welcome pop-over
			await shot(page, '01-new-workflow');

			await addFirst.click();
			const triggers = await search(page, 'Sora');
			await shot(page, '02-trigger-search-sora');
			const triggerRank = triggers.findIndex(isSora);
			checks.that(
				triggerRank >= 0 && triggerRank < TOP,
				`trigger search "Sora": the Sora Trigger is among the first ${TOP} (#${triggerRank + 1})`,
				names(triggers),
			);

			const manual = (await search(page, 'manual')).findIndex((i) =>
				/^Manual Trigger$|^Trigger manually$/.test(i.name),
			);
			if (!checks.that(manual >= 0, 'trigger search "manual" lists the Manual Trigger')) return;
			await creatorItems(page).nth(manual).click();
			await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 30_000 });
			await page.keyboard.press('Escape');
			await shot(page, '03-manual-trigger');

			await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
			for (const query of [...SEARCHES.slice(1), SEARCHES[0]]) {
				const results = await search(page, query);
				await shot(page, `04-search-${query.replace(/ /g, '-').toLowerCase()}`);
				const rank = results.findIndex(isSora);
				const need = query === 'Sora' ? TOP : results.length;
				checks.that(
					rank >= 0 && rank < need,
					`+ handle search "${query}": the Sora node is listed${query === 'Sora' ? ` among the first ${TOP}` : ''} (#${rank + 1} of ${results.length})`,
					names(results),
				);
				if (query === 'Sora' && rank >= 0) await creatorItems(page).nth(rank).click();
			}
			await createVideo(checks, page, shot);
			await readOutput(checks, page, shot, artifacts, version);
		} catch (e) {
			await shot(page, 'failure').catch(() => {});
			throw e;
		} finally {
			await context.close();
		}
	});
	return checks;
}

/** n8n still offers the node to AI agents: /types/nodes.json lists its Tool variant. */
async function checkToolVariant(checks: Checks, baseUrl: string, cookie: string) {
	const types = (await (
		await fetch(`${baseUrl}/types/nodes.json`, { headers: { cookie } })
	).json()) as any[];
	const tool = types.find((t) => t.name === `${CUSTOM_PREFIX}.soraTool`);
	checks.that(
		tool,
		`${CUSTOM_PREFIX}.soraTool (the node as an agent's tool) is a node type`,
		types.filter((t) => t.name.startsWith(CUSTOM_PREFIX)).map((t) => t.name),
	);
}

const creatorItems = (page: Page) => page.locator('[data-test-id="item-iterator-item"]');
const names = (items: CreatorItem[]) => items.slice(0, 8).map((i) => i.name);

/** Types a query into the node creator's search and returns the results once they stop changing. */
async function search(page: Page, query: string): Promise<CreatorItem[]> {
	const input = page
		.locator(
			'[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]',
		)
		.first();
	await input.waitFor({ timeout: 30_000 });
	await input.fill(query);
	let last = '';
	let items: CreatorItem[] = [];
	const deadline = Date.now() + 20_000;
	for (let stable = 0; stable < 2 && Date.now() < deadline; ) {
		await page.waitForTimeout(500);
		items = await creatorItems(page).evaluateAll((els) =>
			els.map((e) => ({
				name: e.querySelector('[data-test-id="node-creator-item-name"]')?.textContent?.trim() ?? '',
				icon: e.querySelector('img')?.getAttribute('src') ?? '',
			})),
		);
		const now = JSON.stringify(items);
		stable = now === last && (await input.inputValue()) === query ? stable + 1 : 0;
		last = now;
	}
	return items;
}

/** In the Sora node's actions: Create; then the credential, a prompt, a size and a length. */
async function createVideo(
	checks: Checks,
	page: Page,
	shot: (page: Page, step: string) => Promise<unknown>,
) {
	const action = creatorItems(page).filter({ hasText: 'Create a video' }).first();
	await action.waitFor({ timeout: 30_000 });
	await shot(page, '05-actions');
	await action.click();
	const ndv = page.locator('[data-test-id="ndv"]').first();
	await ndv.waitFor({ timeout: 30_000 });
	const credential = page.locator('[data-test-id="node-credentials-select"]').first();
	await credential.waitFor({ timeout: 30_000 });
	const chosen =
		(await credential
			.locator('input')
			.first()
			.inputValue()
			.catch(() => '')) || (await credential.innerText());
	// n8n preselects one of the user's Sora API credentials (the e2e imports the OpenAI-compatible one
	// and the examples' new-api gateway one; both serve sora-2).
	checks.that(
		[CREDENTIAL.name, GATEWAY_CREDENTIAL_NAME].some((name) => chosen.includes(name)),
		`the new node has one of the user's Sora API credentials selected`,
		chosen,
	);
	await page
		.locator(
			'[data-test-id="parameter-input-prompt"] textarea, [data-test-id="parameter-input-prompt"] [contenteditable]',
		)
		.first()
		.fill(REQUEST.prompt);
	await pickModel(page, REQUEST.model);
	await pickOption(page, 'size', REQUEST.sizeOption);
	await pickOption(page, 'duration', `${REQUEST.seconds} Seconds`);
	await page.waitForTimeout(500); // the dropdown's closing animation
	await shot(page, '06-create-parameters');
	const text = await page.locator('[data-test-id="node-parameters"]').first().innerText();
	checks.that(
		text.includes(REQUEST.sizeOption) || (await optionValue(page, 'size')).includes(REQUEST.size),
		`Size set to ${REQUEST.size}`,
	);
}

/** Model, From List: the host's own list (the reference server's /models), then the model's row. */
async function pickModel(page: Page, model: string) {
	await page
		.locator('[data-test-id="resource-locator-model"] [data-test-id="rlc-input"]')
		.first()
		.click();
	const row = page
		.locator('[data-test-id="rlc-item"]')
		.filter({ hasText: new RegExp(`^\\s*${model}\\s*$`) })
		.first();
	await row.waitFor({ timeout: 30_000 });
	await row.click();
}

async function optionValue(page: Page, parameter: string): Promise<string> {
	return page
		.locator(`[data-test-id="parameter-input-${parameter}"] input`)
		.first()
		.inputValue()
		.catch(() => '');
}

async function pickOption(page: Page, parameter: string, option: string) {
	await page.locator(`[data-test-id="parameter-input-${parameter}"]`).first().click();
	const item = page
		.locator('.el-select-dropdown__item:visible, [role="option"]:visible')
		.filter({ hasText: option })
		.first();
	await item.waitFor({ timeout: 10_000 });
	await item.click();
}

/** Execute step; the output panel's Binary view; the MP4 downloaded and probed. */
async function readOutput(
	checks: Checks,
	page: Page,
	shot: (page: Page, step: string) => Promise<unknown>,
	artifacts: string,
	version: string,
) {
	await page.locator('[data-test-id="node-execute-button"]').first().click();
	const output = page.locator('[data-test-id="output-panel"]').first();
	const binaryTab = output
		.locator('[data-test-id="ndv-run-data-display-mode"], .n8n-radio-buttons')
		.getByText('Binary', { exact: true })
		.first();
	// The binary tab once the run has data; an error toast or an error in the output ends the wait early.
	const failed = page
		.locator(
			'.el-notification--error, .el-notification:has(.el-notification__icon--error), [data-test-id="node-error-message"]',
		)
		.first();
	await binaryTab.or(failed).waitFor({ timeout: 180_000 });
	if (await failed.isVisible())
		throw new Error(
			`the execution failed: ${(await failed.innerText()).replace(/\s+/g, ' ').slice(0, 300)}`,
		);
	await shot(page, '07-executed');
	await binaryTab.click();
	const download = await downloadButton(output);
	await shot(page, '08-binary-view');
	const card = await output.innerText();
	checks.that(
		/video\/mp4/.test(card),
		'the Binary view shows a video/mp4 file',
		card.slice(0, 400),
	);
	const [file] = await Promise.all([
		page.waitForEvent('download', { timeout: 60_000 }),
		download.click(),
	]);
	const saved = path.join(artifacts, `discover-${version}-downloaded.mp4`);
	await file.saveAs(saved);
	const probed = probe(saved);
	checks.equal(
		`${probed.width}x${probed.height}`,
		REQUEST.size,
		`the downloaded MP4 (ffprobe ${saved}): width x height`,
	);
	checks.that(
		Math.abs((probed.duration ?? 0) - REQUEST.seconds) < 0.5,
		`the downloaded MP4: duration ${probed.duration} s ≈ ${REQUEST.seconds} s`,
		probed,
	);
	checks.equal(probed.codec, 'h264', 'the downloaded MP4: video codec');
}

async function downloadButton(output: Locator): Promise<Locator> {
	const button = output
		.locator('[data-test-id="ndv-download-binary-data"], button:has-text("Download")')
		.first();
	await button.waitFor({ timeout: 30_000 });
	return button;
}
