import { randomBytes } from 'node:crypto';

export function newId(prefix: 'video_' | 'char_' | 'evt_' | 'req_'): string {
	return prefix + randomBytes(12).toString('hex');
}

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}
