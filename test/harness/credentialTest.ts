import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INode,
	INodeTypes,
} from 'n8n-workflow';

import { SoraApi } from '../../credentials/SoraApi.credentials';

const nodeTypes: INodeTypes = {
	getByName: () => undefined as never,
	getByNameAndVersion: () => undefined as never,
	getKnownTypes: () => ({}),
};

/**
 * Runs the credential's test request the way n8n's credential tester does: each expression of
 * `test.request` resolved against `$credentials`, the type's `authenticate` applied, then sent.
 */
export async function runCredentialTest(credentials: ICredentialDataDecryptedObject) {
	const type = new SoraApi();
	const node = {
		id: 'cred-test',
		name: 'Credential test',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as INode;
	const workflow = new Workflow({
		id: 'cred-test',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: {},
	});
	const resolve = (value: unknown) =>
		typeof value === 'string' && value.startsWith('=')
			? String(
					workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					) ?? '',
				)
			: value;
	const request = type.test.request;
	const options: IHttpRequestOptions = {
		url: String(resolve(request.url)),
		method: request.method ?? 'GET',
		headers: {},
	};
	const authenticated = await type.authenticate(credentials, options);
	const url = `${String(resolve(request.baseURL))}${authenticated.url}`;
	const response = await fetch(url, {
		method: authenticated.method,
		headers: authenticated.headers as Record<string, string>,
		// n8n honours disableFollowRedirect: a 3xx is the test's answer, its Location never asked.
		redirect: request.disableFollowRedirect ? 'manual' : 'follow',
	});
	return {
		url,
		status: response.status,
		ok: response.ok,
		headers: authenticated.headers as Record<string, string>,
	};
}
