import type { ServerMode } from '../types';
import type { HostDialect } from './host-dialect';
import { AIHUBMIX_DIALECT } from './aihubmix';
import { COMETAPI_DIALECT } from './cometapi';
import { LAOZHANG_DIALECT } from './laozhang';
import { LITELLM_DIALECT } from './litellm';
import { NEWAPI_DIALECT } from './newapi';
import { OPENROUTER_DIALECT } from './openrouter';

const DIALECTS: Partial<Record<ServerMode, HostDialect>> = {
	newapi: NEWAPI_DIALECT,
	openrouter: OPENROUTER_DIALECT,
	laozhang: LAOZHANG_DIALECT,
	litellm: LITELLM_DIALECT,
	cometapi: COMETAPI_DIALECT,
	aihubmix: AIHUBMIX_DIALECT,
};

/** The dialect of a host mode; undefined for openai, retired and gateway. */
export function hostDialect(mode: ServerMode): HostDialect | undefined {
	return DIALECTS[mode];
}
