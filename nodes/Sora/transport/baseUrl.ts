import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

const USER_INFO = /^(\s*[a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;

/** A URL as it may be shown: its `user:password@` replaced by `***@`. */
export function withoutUserInfo(url: string): string {
	return url.replace(USER_INFO, '$1***@');
}

/**
 * The credential's Base URL, trimmed and without a trailing slash; refused when it is not an
 * http(s) URL or when it carries user info (`https://user:password@host/v1`).
 *
 * User info is refused, not stripped: the node authenticates with API Key (Bearer or api-key) and
 * Custom Headers only, so a password in the URL would either be dropped in silence (the user
 * thinks it is sent) or go out as an extra Basic Authorization header next to the key, and every
 * message that names Base URL would have to hide it. A clear refusal at the first request says
 * where the key belongs; the refusal itself never shows the password.
 */
export function readBaseUrl(node: INode, value: unknown): string {
	const baseUrl = String(value ?? '')
		.trim()
		.replace(/\/+$/, '');
	const shown = withoutUserInfo(baseUrl);
	if (!/^https?:\/\/[^/]/i.test(baseUrl) || !parses(baseUrl)) {
		throw new NodeOperationError(
			node,
			`Base URL in the Sora API credential is ${baseUrl ? `"${shown}", not an http(s) URL` : 'empty'}`,
			{
				description:
					'Set it to the root of the host that serves /videos, e.g. https://openrouter.ai/api/v1 or https://your-gateway.example.com/v1.',
			},
		);
	}
	if (USER_INFO.test(baseUrl)) {
		throw new NodeOperationError(
			node,
			`Base URL in the Sora API credential contains a user name or password ("${shown}")`,
			{
				description:
					"Remove the user:password@ part from Base URL. The node signs in with the credential's API Key (sent as Authorization: Bearer or api-key); put any other header the gateway needs in Custom Headers.",
			},
		);
	}
	return baseUrl;
}

function parses(url: string): boolean {
	try {
		return Boolean(new URL(url));
	} catch {
		return false;
	}
}
