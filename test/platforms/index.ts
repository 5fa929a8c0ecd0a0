export { startDiscord, DISCORD_MAX_REQUEST_BYTES, type DiscordStandIn } from './discord';
export { startInstagram, type InstagramStandIn } from './instagram';
export { readMp4Facts } from './mp4Facts';
export { startS3, type S3StandIn } from './s3';
export { startTelegram, TELEGRAM_MAX_UPLOAD_BYTES, type TelegramStandIn } from './telegram';
export { startTikTok, type TikTokStandIn } from './tiktok';
export type { StandIn, StandInRequest } from './standIn';
