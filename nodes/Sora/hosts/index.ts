import { aiHubMixDialect } from './aiHubMix';
import { cometApiDialect } from './cometApi';
import { laoZhangDialect } from './laoZhang';
import { liteLlmDialect, providerOfVideoId } from './liteLlm';
import { newApiDialect } from './newApi';
import { openaiDialect } from './openai';
import { openRouterDialect } from './openRouter';
import type { HostDialect, HostFamily, HostOperation } from './types';

export type {
	CanonicalCreate,
	Channel,
	ContentLocation,
	HostDialect,
	HostFamily,
	HostOperation,
	HostType,
	ModelChoice,
} from './types';
export { readErrorBody, type ErrorBody } from './answers';
export { checkCreate } from './openai';

export const DIALECTS: Readonly<Record<HostFamily, HostDialect>> = {
	openai: openaiDialect,
	newApi: newApiDialect,
	laoZhang: laoZhangDialect,
	openRouter: openRouterDialect,
	liteLlm: liteLlmDialect,
	cometApi: cometApiDialect,
	aiHubMix: aiHubMixDialect,
};

function hostnameOf(baseUrl: string): string {
	const match = /^[a-z]+:\/\/([^/:?#]+)/i.exec(baseUrl.trim());
	return match ? match[1].toLowerCase() : '';
}

const hostIs = (hostname: string, domain: string) =>
	hostname === domain || hostname.endsWith(`.${domain}`);

/** The family a Base URL names, when its host is one the node knows. */
export function familyOfBaseUrl(baseUrl: string): HostFamily | undefined {
	const hostname = hostnameOf(baseUrl);
	if (hostIs(hostname, 'openrouter.ai')) return 'openRouter';
	if (hostIs(hostname, 'laozhang.ai')) return 'laoZhang';
	if (hostIs(hostname, 'cometapi.com')) return 'cometApi';
	if (hostIs(hostname, 'aihubmix.com')) return 'aiHubMix';
	return undefined;
}

/** OpenAI's and Azure's own hosts, whose Videos API is switched off. */
export function isRetiredHost(baseUrl: string): boolean {
	const hostname = hostnameOf(baseUrl);
	return hostIs(hostname, 'api.openai.com') || hostname.endsWith('.openai.azure.com');
}

/** The dialect for the credential's Host Type; Auto picks by Base URL, else the OpenAI contract. */
export function dialectFor(
	hostType: unknown,
	baseUrl: string,
): { dialect: HostDialect; chosen: boolean } {
	if (typeof hostType === 'string' && hostType in DIALECTS)
		return { dialect: DIALECTS[hostType as HostFamily], chosen: true };
	const family = familyOfBaseUrl(baseUrl);
	return { dialect: DIALECTS[family ?? 'openai'], chosen: family !== undefined };
}

/**
 * Auto, refined by an answer: new-api's video answers carry its `task_` id twice (`id` and
 * `task_id`), which no other family does; LiteLLM's ids are `video_` + base64 of "litellm:…".
 * That family's limits, refresh pace and failure readers apply from then on.
 */
export function familyOfAnswer(body: unknown): HostFamily | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const { id, task_id: taskId } = body as Record<string, unknown>;
	if (typeof id !== 'string') return undefined;
	if (id.startsWith('task_') && id === taskId) return 'newApi';
	return providerOfVideoId(id) !== undefined ? 'liteLlm' : undefined;
}

/**
 * Auto, before the first create of a family whose keys differ per host: the free model list's
 * marks (new-api's `success: true` and `supported_endpoint_types`; LiteLLM's `x-litellm-*` headers).
 */
export function familyOfModelList(
	body: unknown,
	headers: Record<string, unknown> = {},
): HostFamily | undefined {
	if (Object.keys(headers).some((name) => name.toLowerCase().startsWith('x-litellm-')))
		return 'liteLlm';
	if (!body || typeof body !== 'object') return undefined;
	const { success, data } = body as { success?: unknown; data?: unknown };
	if (!Array.isArray(data)) return undefined;
	const marked = data.some(
		(model) => !!model && typeof model === 'object' && 'supported_endpoint_types' in model,
	);
	return success === true || marked ? 'newApi' : undefined;
}

/** LiteLLM's provider prefixes that no other family uses in model ids. */
export function familyOfModelId(model: string | undefined): HostFamily | undefined {
	return /^(gemini|vertex_ai|runwayml)\//.test(model ?? '') ? 'liteLlm' : undefined;
}

/** Which menu entry a request belongs to, from its method and path (for "does not offer" messages). */
export function operationOf(method: string, path: string): HostOperation | undefined {
	const segments = path.split('?')[0].split('/').filter(Boolean);
	if (segments[0] === 'models' || (segments[0] === 'videos' && segments[1] === 'models'))
		return 'Model List';
	if (segments[0] !== 'videos') return undefined;
	const [, second, third] = segments;
	if (second === 'characters') return method === 'POST' ? 'Character Create' : 'Character Get';
	if (second === 'edits') return 'Edit';
	if (second === 'extensions') return 'Extend';
	if (second === undefined) return method === 'POST' ? 'Create' : 'List';
	if (third === 'remix') return 'Remix';
	if (third === 'content') return 'Download';
	if (third === undefined) return method === 'DELETE' ? 'Delete' : 'Get';
	return undefined;
}
