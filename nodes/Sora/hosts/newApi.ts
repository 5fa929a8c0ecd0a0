import { openaiDialect, contractCreateBody } from './openai';
import type { HostDialect } from './types';

/**
 * new-api, the open-source gateway most resellers run (QuantumNous/new-api): the contract's
 * create, retrieve, remix and content routes only; statuses refreshed from upstream about every
 * 15 s; a failed task answered as its error beside the id; every content variant answered with
 * the MP4; `/models` mixing chat and video models (Model → From List shows the video ones).
 */
export const newApiDialect: HostDialect = {
	...openaiDialect,
	family: 'newApi',
	label: 'new-api gateway',
	lacks: ['List', 'Delete', 'Edit', 'Extend', 'Character Create', 'Character Get'],
	variants: ['video'],
	takes: [],
	statusRefreshMs: 15_000,
	createBody: (request) => contractCreateBody(request, 'image'),
};
