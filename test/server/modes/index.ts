import type { ServerMode } from '../types';
import type { HostDialect } from './host-dialect';
import { LAOZHANG_DIALECT } from './laozhang';
import { NEWAPI_DIALECT } from './newapi';
import { OPENROUTER_DIALECT } from './openrouter';

const DIALECTS: Partial<Record<ServerMode, HostDialect>> = {
  newapi: NEWAPI_DIALECT,
  openrouter: OPENROUTER_DIALECT,
  laozhang: LAOZHANG_DIALECT,
};

/** The dialect of a host mode; undefined for openai, retired and gateway. */
export function hostDialect(mode: ServerMode): HostDialect | undefined {
  return DIALECTS[mode];
}
