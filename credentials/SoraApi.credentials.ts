import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
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
			default: 'https://api.openai.com/v1',
			description:
				"Root of a host that serves the Videos API (/videos). OpenAI's own hosted Sora API was retired on 2026-09-24: use your gateway's or server's URL, e.g. https://gateway.example.com/v1.",
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
			description: 'Extra headers for gateways that route or bill by header',
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'={{$credentials.authHeader === "apiKey" ? "api-key" : "Authorization"}}':
					'={{$credentials.authHeader === "apiKey" ? $credentials.apiKey : "Bearer " + $credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/videos',
			qs: { limit: 1 },
		},
	};
}
