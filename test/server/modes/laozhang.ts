import type { RequestBody } from '../body-fields';
import type { StoredVideo } from '../video';
import type { HostContext } from './host-dialect';
import { checkGoTypes, newapiDialect, taskRelayError, UPSTREAM_FAILURE, withoutNulls, type NewapiCatalog } from './newapi-family';
import type { TaskSnapshot } from './task-snapshot';

/**
 * LaoZhang API (hosts.md, "LaoZhang"): a new-api derivative (same routes, auth, error shapes, lagging
 * table) serving Meta's Muse models: `muse-video` (5, 8 or 10 s; 10 when omitted) and
 * `muse-video-20s` … `muse-video-60s` (their fixed length). When completed, the task carries
 * `video_url` on the CDN listener (no auth); /content works too.
 */
const MUSE_SECONDS = ['5', '8', '10'];
const DEFAULT_MUSE_SECONDS = '10';
const FIXED_LENGTHS = [20, 30, 40, 50, 60];
const ASPECT_SIZES: Record<string, string> = { '16:9': '1280x720', '9:16': '720x1280', '1:1': '960x960' };
const IMAGE_URL = /^(https?:\/\/|data:image\/[\w.+-]+;base64,)/;

export const LAOZHANG_MODELS: NewapiCatalog['models'] = [
  { id: 'gpt-4o-mini', owned_by: 'openai', video: false },
  { id: 'muse-video', owned_by: 'meta', video: true },
  ...FIXED_LENGTHS.map((length) => ({ id: `muse-video-${length}s`, owned_by: 'meta', video: true })),
  { id: 'claude-sonnet-4-5', owned_by: 'anthropic', video: false },
  { id: 'gemini-2.5-flash', owned_by: 'google', video: false },
];

function fixedLength(model: string): string | undefined {
  return /^muse-video-(\d+)s$/.exec(model)?.[1];
}

function readCreate(body: RequestBody, model: string): ReturnType<NewapiCatalog['readCreate']> {
  checkGoTypes(body);
  const refuse = (message: string) => taskRelayError(400, 'invalid_request', message, true);
  const { seconds, aspect_ratio: aspectRatio, size, image, last_frame: lastFrame, video_url: videoUrl } = body.fields;
  const fixed = fixedLength(model);
  let length: string;
  if (fixed) {
    if (seconds !== undefined && seconds !== fixed) throw refuse(`${model} makes ${fixed} s videos: seconds must be '${fixed}' or omitted`);
    length = fixed;
  } else {
    length = typeof seconds === 'string' && seconds !== '' ? seconds : DEFAULT_MUSE_SECONDS;
    if (!MUSE_SECONDS.includes(length)) throw refuse(`muse-video seconds must be one of ${MUSE_SECONDS.join(', ')}`);
  }
  if (aspectRatio !== undefined && size !== undefined) throw refuse('send aspect_ratio or size, not both');
  if (aspectRatio !== undefined && !(typeof aspectRatio === 'string' && aspectRatio in ASPECT_SIZES)) {
    throw refuse(`aspect_ratio must be one of ${Object.keys(ASPECT_SIZES).join(', ')}`);
  }
  if (size !== undefined && !(typeof size === 'string' && /^\d+x\d+$/.test(size))) throw refuse('size must be WIDTHxHEIGHT');
  for (const [name, value] of [['image', image], ['last_frame', lastFrame]] as const) {
    if (value !== undefined && !(typeof value === 'string' && IMAGE_URL.test(value))) throw refuse(`${name} must be an image URL or a data URL`);
  }
  if (videoUrl !== undefined && !(typeof videoUrl === 'string' && /^https?:\/\//.test(videoUrl))) throw refuse('video_url must be an http(s) URL');
  const chosenSize = typeof size === 'string' ? size : ASPECT_SIZES[typeof aspectRatio === 'string' ? aspectRatio : '16:9'];
  return { size: chosenSize, seconds: length, hostFields: { channel: 'muse' } };
}

function taskBody(video: StoredVideo, snapshot: TaskSnapshot, context: HostContext): Record<string, unknown> {
  const finished = snapshot.status === 'completed' || snapshot.status === 'failed';
  return withoutNulls({
    id: video.id,
    task_id: video.id,
    object: 'video',
    model: video.model,
    status: snapshot.status,
    progress: snapshot.progress,
    created_at: video.created_at,
    completed_at: finished ? Math.floor(snapshot.atMs / 1000) : null,
    seconds: video.seconds,
    size: video.size,
    video_url: snapshot.status === 'completed' ? context.cdn.fileUrl(video.id) : null,
    error: snapshot.status === 'failed' ? { message: UPSTREAM_FAILURE.message, code: UPSTREAM_FAILURE.code } : null,
  });
}

export const LAOZHANG_DIALECT = newapiDialect({ mode: 'laozhang', models: LAOZHANG_MODELS, readCreate, taskBody });
