import type { RequestBody } from '../body-fields';
import type { StoredVideo } from '../video';
import type { HostContext } from './host-dialect';
import { checkGoTypes, newapiDialect, taskRelayError, UPSTREAM_FAILURE, withoutNulls, type NewapiCatalog } from './newapi-family';
import type { TaskSnapshot } from './task-snapshot';

/**
 * The new-api gateway (hosts.md, "new-api"): sora-2 models on a Sora channel (seconds/size, a failed
 * task answered as its upstream error beside the id), other providers' video models on task channels
 * (no seconds/size, the result URL in `metadata.url` on the CDN listener), chat models beside them.
 */
const SORA_SIZES: Record<string, string[]> = {
  'sora-2': ['720x1280', '1280x720'],
  'sora-2-pro': ['720x1280', '1280x720', '1792x1024', '1024x1792'],
};
const DEFAULT_SORA_SIZE = '720x1280';
const DEFAULT_SORA_SECONDS = '4';
const DEFAULT_TASK_SECONDS = '5';

export const NEWAPI_MODELS: NewapiCatalog['models'] = [
  { id: 'gpt-4o-mini', owned_by: 'openai', video: false },
  { id: 'sora-2', owned_by: 'openai', video: true },
  { id: 'gpt-4.1', owned_by: 'openai', video: false },
  { id: 'sora-2-pro', owned_by: 'openai', video: true },
  { id: 'kling-v2-master', owned_by: 'kling', video: true },
  { id: 'claude-sonnet-4-5', owned_by: 'anthropic', video: false },
  { id: 'veo-3.1', owned_by: 'vertex-ai', video: true },
  { id: 'doubao-seedance-1-0-pro', owned_by: 'doubao', video: true },
  { id: 'MiniMax-Hailuo-02', owned_by: 'minimax', video: true },
];

function isSoraChannel(model: string): boolean {
  return model in SORA_SIZES;
}

function readCreate(body: RequestBody, model: string): ReturnType<NewapiCatalog['readCreate']> {
  checkGoTypes(body);
  const { seconds, duration, size } = body.fields;
  if (!isSoraChannel(model)) {
    const length = duration !== undefined && duration !== null ? String(duration) : typeof seconds === 'string' ? seconds : DEFAULT_TASK_SECONDS;
    return { seconds: length, hostFields: { channel: 'task' } };
  }
  const chosenSize = typeof size === 'string' && size !== '' ? size : DEFAULT_SORA_SIZE;
  if (!SORA_SIZES[model].includes(chosenSize)) throw taskRelayError(400, 'invalid_size', 'sora-2 size is invalid', true);
  const length = typeof seconds === 'string' && seconds !== '' ? seconds : DEFAULT_SORA_SECONDS;
  return { size: chosenSize, seconds: length, hostFields: { channel: 'sora' } };
}

function taskBody(video: StoredVideo, snapshot: TaskSnapshot, context: HostContext): Record<string, unknown> {
  const sora = video.hostFields.channel === 'sora';
  if (sora && snapshot.status === 'failed') return { id: video.id, error: UPSTREAM_FAILURE };
  const finished = snapshot.status === 'completed' || snapshot.status === 'failed';
  const common = {
    id: video.id,
    task_id: video.id,
    object: 'video',
    model: video.model,
    status: snapshot.status,
    progress: snapshot.progress,
    created_at: video.created_at,
  };
  if (sora) {
    return withoutNulls({ ...common, completed_at: finished ? Math.floor(snapshot.atMs / 1000) : null, seconds: video.seconds, size: video.size });
  }
  // task channels set completed_at from the row's update time, also while running
  const running = snapshot.status === 'in_progress';
  return withoutNulls({
    ...common,
    completed_at: finished || running ? Math.floor(snapshot.atMs / 1000) : null,
    metadata: snapshot.status === 'completed' ? { url: context.cdn.fileUrl(video.id) } : null,
    error: snapshot.status === 'failed' ? { message: UPSTREAM_FAILURE.message, code: UPSTREAM_FAILURE.code } : null,
  });
}

export const NEWAPI_DIALECT = newapiDialect({ mode: 'newapi', models: NEWAPI_MODELS, readCreate, taskBody });
