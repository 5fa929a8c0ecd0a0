import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class SoraApi implements ICredentialType {
	name = 'soraApi';

	displayName = 'Sora API';

	icon = 'file:sora.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-sora/n8n-nodes-sora#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://openrouter.ai/api/v1',
			description:
				"Root of a host that serves the Videos API (/videos): e.g. https://openrouter.ai/api/v1, https://api.laozhang.ai/v1, https://api.cometapi.com/v1, https://aihubmix.com/v1, your LiteLLM proxy's or your new-api gateway's https://…/v1, without user:password@ (the key goes in API Key). OpenAI's own hosted Sora API was retired on 2026-09-24.",
		},
		{
			displayName: 'Host Type',
			name: 'hostType',
			type: 'options',
			default: 'auto',
			description:
				'Which dialect of the Videos API the host speaks. Auto picks it from the Base URL and from what the host answers.',
			options: [
				{
					name: 'Auto',
					value: 'auto',
					description:
						'By Base URL (openrouter.ai, laozhang.ai, cometapi.com, aihubmix.com) and the answers (new-api, LiteLLM); otherwise OpenAI-compatible',
				},
				{ name: 'AiHubMix', value: 'aiHubMix', description: 'aihubmix.com (no List)' },
				{ name: 'CometAPI', value: 'cometApi', description: 'cometapi.com (no List or Delete)' },
				{ name: 'LaoZhang API', value: 'laoZhang' },
				{
					name: 'LiteLLM Proxy',
					value: 'liteLlm',
					description:
						'Providers by model prefix: openai/, azure/, gemini/, vertex_ai/, runwayml/ (no Delete)',
				},
				{
					name: 'New-API Gateway',
					value: 'newApi',
					description: 'The open-source gateway most resellers run (no List or Delete)',
				},
				{
					name: 'OpenAI-Compatible',
					value: 'openai',
					description: 'The OpenAI contract: Azure, Merge, self-hosted servers',
				},
				{ name: 'OpenRouter', value: 'openRouter' },
			],
		},
		{
			displayName: 'Auth Header',
			name: 'authHeader',
			type: 'options',
			options: [
				{
					name: 'Authorization: Bearer (OpenAI and Most Gateways)',
					value: 'bearer',
				},
				{
					name: 'Api-Key (Azure OpenAI)',
					value: 'apiKey',
				},
			],
			default: 'bearer',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			description: 'Sent as the OpenAI-Organization header when set',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description: 'Sent as the OpenAI-Project header when set',
		},
		{
			displayName: 'Custom Headers',
			name: 'customHeaders',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Header',
			description:
				"Extra headers for gateways that route or bill by header: sent only to Base URL's origin, their values masked in every error message",
			options: [
				{
					displayName: 'Header',
					name: 'header',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							typeOptions: { password: true },
							default: '',
						},
					],
				},
			],
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The provider's webhook signing secret (whsec_…), used by the Sora Trigger to verify deliveries",
		},
	];

	/** The key, the organization and project, and the custom headers: on every request, the credential test's too. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: Record<string, string> = {};
		if (credentials.organizationId)
			headers['OpenAI-Organization'] = String(credentials.organizationId);
		if (credentials.projectId) headers['OpenAI-Project'] = String(credentials.projectId);
		const custom = (
			credentials.customHeaders as { header?: Array<{ name?: string; value?: string }> } | undefined
		)?.header;
		for (const { name, value } of custom ?? []) {
			if (name?.trim()) headers[name.trim()] = value ?? '';
		}
		const key = String(credentials.apiKey ?? '');
		if (credentials.authHeader === 'apiKey') headers['api-key'] = key;
		else headers.Authorization = `Bearer ${key}`;
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), ...headers } };
	}

	// A free request every family serves and that needs the key: OpenRouter's /key (its /models
	// answers without one), the model list elsewhere.
	// Never redirected: a redirect would carry the key to wherever the host points.
	test: ICredentialTestRequest = {
		request: {
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '={{$credentials.hostType === "openRouter" || (($credentials.hostType || "auto") === "auto" && $credentials.baseUrl.includes("openrouter.ai")) ? "/key" : "/models"}}',
		},
	};
}
