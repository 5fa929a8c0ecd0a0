/**
 * What the editor asks a running n8n for a host-mode credential, through the same REST endpoints:
 * the credential test (POST /rest/credentials/test, the "Retry"/"Save" test of the credential modal)
 * and Model "From List" (POST /rest/dynamic-node-parameters/resource-locator-results).
 */
import type { ReferenceServer } from '../../test/server';
import type { Checks } from './checks';
import type { HostModeSpec } from './hosts-modes';
import {
	CUSTOM_HEADER,
	SORA_TYPE,
	credentialId,
	credentialName,
	hostCredential,
} from './hosts-workflows';

async function postJson(
	url: string,
	cookie: string,
	body: unknown,
): Promise<{ status: number; json: any; text: string }> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json', 'browser-id': 'sora-e2e' },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, json, text };
}

/** The credential test passes with the right key and fails with a wrong one, each with one request to the family's test path. */
export async function checkCredentialTest(
	checks: Checks,
	spec: HostModeSpec,
	n8nUrl: string,
	cookie: string,
	server: ReferenceServer,
	apiKey: string,
): Promise<void> {
	const testPath = spec.hostType === 'openRouter' ? '/key' : '/models';
	for (const [label, key, expected] of [
		['the right key', apiKey, 'OK'],
		['a wrong key', 'sk-e2e-wrong', 'Error'],
	] as const) {
		const before = server.requests.length;
		const credentials = hostCredential(spec, server.url, key);
		const answer = await postJson(`${n8nUrl}/rest/credentials/test`, cookie, { credentials });
		const result = answer.json?.data ?? answer.json;
		checks.equal(
			result?.status,
			expected,
			`credential test with ${label} (${result?.message ?? answer.text.slice(0, 200)})`,
		);
		// n8n's tester may send a refused test request twice (2.41.1 does); each must be the family's test path.
		const requests = server.requests.slice(before);
		const sent = requests.map((r) => `${r.method} ${r.path} ${r.status}`);
		const header = CUSTOM_HEADER.toLowerCase();
		checks.that(
			requests.length > 0 &&
				requests.every(
					(r) => r.headers[header] === spec.mode && r.headers.authorization === `Bearer ${key}`,
				),
			`credential test with ${label}: sent the key and the ${CUSTOM_HEADER} header, as the node does`,
			requests.map((r) => r.headers),
		);
		checks.that(
			sent.length > 0 && sent.every((r) => r.startsWith(`GET ${testPath} `)),
			`credential test with ${label}: GET ${testPath} (${sent.join(', ')})`,
			sent,
		);
	}
}

/** Model "From List" shows the family's video models (and no chat model). */
export async function checkModelList(
	checks: Checks,
	spec: HostModeSpec,
	n8nUrl: string,
	cookie: string,
): Promise<void> {
	const answer = await postJson(
		`${n8nUrl}/rest/dynamic-node-parameters/resource-locator-results`,
		cookie,
		{
			path: 'model',
			methodName: 'searchModels',
			nodeTypeAndVersion: { name: SORA_TYPE, version: 1 },
			currentNodeParameters: {
				resource: 'video',
				operation: 'create',
				model: { __rl: true, mode: 'list', value: '' },
			},
			credentials: { soraApi: { id: credentialId(spec), name: credentialName(spec) } },
		},
	);
	const results: { name: string; value: string }[] = answer.json?.data?.results ?? [];
	checks.equal(answer.status, 200, 'Model From List: HTTP status');
	const values = results.map((r) => r.value);
	checks.that(
		spec.listed.every((m) => values.includes(m)),
		`Model From List shows ${spec.listed.join(', ')} (${results.map((r) => r.name).join('; ')})`,
		answer.json ?? answer.text,
	);
	checks.that(
		!spec.notListed.some((m) => values.includes(m)),
		`Model From List shows no chat model (${spec.notListed.join(', ')})`,
		values,
	);
}
