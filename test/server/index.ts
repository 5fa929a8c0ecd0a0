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
export { ALL_FAULT_KINDS, HOST_MODES, isHostMode, type HostMode } from './types';
export type { CdnListener, CdnRequest } from './cdn';
export { NEWAPI_MODELS } from './modes/newapi';
export { LAOZHANG_MODELS } from './modes/laozhang';
export { DEFAULT_REFRESH_MS } from './modes/task-snapshot';
export {
	OPENROUTER_VIDEO_MODELS,
	OPENROUTER_CHAT_MODELS,
	type OpenRouterVideoModel,
} from './modes/openrouter-models';
export { DEFAULT_CALLBACK_SECRET, openRouterEventFor } from './modes/openrouter';
export {
	openRouterDelivery,
	signOpenRouterWebhook,
	type OpenRouterDelivery,
	type OpenRouterEvent,
} from './modes/openrouter-webhooks';
