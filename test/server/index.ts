export { startReferenceServer, type ReferenceServer, type StartOptions } from './reference-server';
export { signWebhook } from './webhooks';
export { StoredVideo, MODERATION_FAILURE, type StoredCharacter } from './video';
export { fixturePath, readFixture, FIXTURES_DIR } from './fixtures';
export { GATEWAY_MODELS } from './gateway-models';
export type {
  FaultKind,
  FaultRule,
  RecordedRequest,
  ServerMode,
  ServerOptions,
  UploadedFileInfo,
  VideoError,
  VideoStatus,
} from './types';
export { ALL_FAULT_KINDS } from './types';
