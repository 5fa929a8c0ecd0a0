/**
 * Editor test: n8n 2.x serves its editor with the package loaded; headless chromium signs in, opens a
 * workflow with a Sora node, opens the node and screenshots its parameter panel into artifacts/.
 * Checks: the node types are served, the icon URL answers 200, the panel shows the operations
 * (the names from the node's own description) and the wait options.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { loadWorkflow } from './cases';
import { Checks } from './checks';
import { hasSoraNode, loadExamples } from './examples';
import { CUSTOM_PREFIX, DEFAULT_OWNER } from './n8n';
import { REPO_ROOT } from './pack';

/** The workflow the editor test opens: the first example with a Sora node, else the e2e video flow. */
export function editorTarget(): { id: string; nodeName: string; source: string } {
	const example = loadExamples().find((e) => hasSoraNode(e.workflow));
	if (example) {
		const node = example.workflow.nodes.find((n) => n.type === `${CUSTOM_PREFIX}.sora`);
		return { id: example.workflow.id, nodeName: node.name, source: `examples/${example.file}` };
	}
	return {
		id: loadWorkflow('video-flow.json').id,
		nodeName: 'Create',
		source: 'test/e2e/workflows/video-flow.json',
	};
}

/**
 * Runs against a started n8n whose owner is set up and which holds the target workflow.
 * `cookie` is an n8n-auth cookie from the REST login (for the API checks; the browser signs in itself).
 */
export async function runEditorTest(
	baseUrl: string,
	cookie: string,
	version: string,
	artifacts: string,
): Promise<Checks> {
	const checks = new Checks(`${version} editor`);
	const log = (m: string) => console.log(`[editor] ${m}`);
	const target = editorTarget();
	log(`n8n ${version} at ${baseUrl}; opening ${target.source}, node "${target.nodeName}"`);
	await checks.step('node types', async () => {
		const description = await checkNodeTypes(checks, baseUrl, cookie);
		await checks.step('browser', async () => {
			const context = await launchBrowser(log);
			try {
				const page = await context.newPage();
				// From the first page on: the list of workflows may already load the icon.
				const iconResponses: number[] = [];
				page.on('response', (r) => {
					if (/\/icons\/CUSTOM\//.test(r.url())) iconResponses.push(r.status());
				});
				try {
					await signIn(page, baseUrl);
					await openNode(
						checks,
						page,
						`${baseUrl}/workflow/${target.id}`,
						target.nodeName,
						description,
						artifacts,
						version,
					);
					checks.that(
						iconResponses.length > 0 && iconResponses.every((s) => s === 200),
						'the editor loaded the package icons with HTTP 200',
						iconResponses,
					);
				} catch (e) {
					await page
						.screenshot({ path: path.join(artifacts, `editor-${version}-failure.png`) })
						.catch(() => {});
					throw e;
				}
			} finally {
				await context.close();
			}
		});
	});
	return checks;
}

/** /types/nodes.json lists the package's nodes; the Sora icon URL answers 200 with an image. */
async function checkNodeTypes(checks: Checks, baseUrl: string, cookie: string): Promise<any> {
	const res = await fetch(`${baseUrl}/types/nodes.json`, { headers: { cookie } });
	const types = (await res.json()) as any[];
	const custom = types.filter((t) => t.name.startsWith(`${CUSTOM_PREFIX}.`)).map((t) => t.name);
	const declared: string[] = require(path.join(REPO_ROOT, 'package.json')).n8n.nodes;
	const expected = [
		`${CUSTOM_PREFIX}.sora`,
		...(declared.some((f) => f.includes('SoraTrigger')) ? [`${CUSTOM_PREFIX}.soraTrigger`] : []),
	];
	for (const name of expected)
		checks.that(custom.includes(name), `${name} is a loaded node type`, custom);
	const sora = types.filter((t) => t.name === `${CUSTOM_PREFIX}.sora`).pop();
	if (!sora) return undefined;
	const iconUrl: string | undefined =
		typeof sora.iconUrl === 'string' ? sora.iconUrl : sora.iconUrl?.light;
	if (checks.that(iconUrl, 'Sora node has an iconUrl', sora.icon)) {
		const icon = await fetch(`${baseUrl}/${iconUrl!.replace(/^\//, '')}`, { headers: { cookie } });
		const body = Buffer.from(await icon.arrayBuffer());
		checks.equal(icon.status, 200, `GET /${iconUrl} status`);
		checks.that(
			/image\//.test(icon.headers.get('content-type') ?? '') && body.length > 0,
			`icon is a non-empty image (${icon.headers.get('content-type')}, ${body.length} bytes)`,
		);
	}
	return sora;
}

export async function signIn(page: Page, baseUrl: string) {
	await page.goto(`${baseUrl}/signin`);
	await page
		.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
		.first()
		.fill(DEFAULT_OWNER.email);
	await page.locator('input[type="password"]').first().fill(DEFAULT_OWNER.password);
	await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

/** Operation option names for resource 'video', read from the node's own description. */
function expectedOperations(description: any): string[] {
	const ops = (description?.properties ?? []).find(
		(p: any) =>
			p.name === 'operation' &&
			(!p.displayOptions?.show?.resource || p.displayOptions.show.resource.includes('video')),
	);
	return (ops?.options ?? []).map((o: any) => o.name);
}

async function openNode(
	checks: Checks,
	page: Page,
	workflowUrl: string,
	nodeName: string,
	description: any,
	artifacts: string,
	version: string,
) {
	await page.goto(workflowUrl);
	const node = page
		.locator(
			`[data-test-id="canvas-node"][data-node-name="${nodeName}"], [data-name="${nodeName}"]`,
		)
		.first();
	await node.waitFor({ timeout: 60_000 });
	await page.keyboard.press('Escape'); // closes any welcome pop-over
	const icon = node.locator('img').first();
	const iconShown = await icon
		.evaluate((el: any) => el.complete && el.naturalWidth > 0, undefined, { timeout: 10_000 })
		.catch(() => false);
	checks.that(iconShown, `the canvas shows the icon of node "${nodeName}"`);
	await page.screenshot({ path: path.join(artifacts, `editor-${version}-canvas.png`) });
	await node.dblclick();
	const panel = page.locator('[data-test-id="ndv"]').first();
	await panel.waitFor({ timeout: 30_000 });
	const params = page.locator('[data-test-id="node-parameters"]').first();
	await params.waitFor({ timeout: 30_000 });
	const text = await params.innerText();
	for (const label of ['Wait for Completion', 'Download Video'])
		checks.that(text.includes(label), `parameter panel shows "${label}"`);
	await panel.screenshot({ path: path.join(artifacts, `editor-${version}-sora-panel.png`) });

	const expected = expectedOperations(description);
	checks.that(expected.length > 0, `the description lists operations (${expected.join(', ')})`);
	await page.locator('[data-test-id="parameter-input-operation"]').first().click();
	const dropdown = page.locator('.el-select-dropdown:visible, .el-popper:visible').last();
	await dropdown.waitFor({ timeout: 10_000 });
	const shown = await dropdown.innerText();
	await page.screenshot({ path: path.join(artifacts, `editor-${version}-operations.png`) });
	const missing = expected.filter((name) => !shown.includes(name));
	checks.that(
		missing.length === 0,
		`the operation dropdown shows every operation (${expected.length})`,
		missing,
	);
	await page.keyboard.press('Escape');
}
