import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

const HELP =
	'Set it to the root of the host that serves /videos, e.g. https://openrouter.ai/api/v1 or https://your-gateway.example.com/v1.';

/**
 * The credential's Base URL, trimmed of trailing slashes, or an error that says what is wrong
 * with it. A user name or password in it is refused: it would travel in every URL, log line and
 * error text; the key belongs in API Key (or a custom header).
 */
export function readBaseUrl(node: INode, value: unknown): string {
	const baseUrl = String(value ?? '')
		.trim()
		.replace(/\/+$/, '');
	let url: URL | undefined;
	try {
		url = /^https?:\/\/[^/]/i.test(baseUrl) ? new URL(baseUrl) : undefined;
	} catch {
		url = undefined;
	}
	if (!url) {
		throw new NodeOperationError(
			node,
			`Base URL in the Sora API credential is ${baseUrl ? `${baseUrl.includes('@') ? 'set' : `"${baseUrl}"`}, not an http(s) URL` : 'empty'}`,
			{ description: HELP },
		);
	}
	if (url.username || url.password) {
		throw new NodeOperationError(
			node,
			'Base URL in the Sora API credential carries a user name or password',
			{
				description: `Remove the "user:password@" part from Base URL (${url.protocol}//${url.host}${url.pathname}): it would be sent and shown with every URL. Put the key in API Key, or in a custom header of the credential.`,
			},
		);
	}
	return baseUrl;
}
