import type { IBinaryData } from 'n8n-workflow';

import { inlineResultOf } from '../../nodes/Sora/domain/inlineResult';
import { storeDataUrlContent } from '../../nodes/Sora/engine/dataUrlContent';
import { readCanonicalVideo } from '../../nodes/Sora/hosts/answers';
import type { SoraClient } from '../../nodes/Sora/transport/client';
import { readFixture } from '../server/fixtures';

const MP4 = readFixture('video.mp4');
const dataUrl = (bytes: Buffer) => `data:video/mp4;base64,${bytes.toString('base64')}`;

describe('a data: result in the status answer (new-api Vertex)', () => {
	const answer = {
		id: 'task_1',
		object: 'video',
		status: 'completed',
		metadata: { url: dataUrl(MP4), other: 1 },
	};

	it('is kept off the video JSON (a short note instead), and still reachable for the download', () => {
		const video = readCanonicalVideo(answer)!;
		expect(video.metadata).toEqual({
			url: expect.stringMatching(/^data:video\/mp4 \([\d.]+ MiB in the host's answer/),
			other: 1,
		});
		expect(JSON.stringify({ ...video })).not.toMatch(/base64/);
		expect(inlineResultOf(video)).toBe(answer.metadata.url);
		expect(inlineResultOf({ ...video })).toBeUndefined();
		expect(video.resultUrl).toBeUndefined();
	});

	it('is never a failed task reason', () => {
		const video = readCanonicalVideo({ ...answer, status: 'failed' })!;
		expect(video.error?.message).toBeUndefined();
	});

	const stored: Array<{ bytes: Buffer; mimeType?: string }> = [];
	const store = {
		prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) => {
			stored.push({ bytes: data, mimeType });
			return { data: '', mimeType: mimeType ?? '', fileName } as IBinaryData;
		},
		getBinaryMetadata: async () => ({}) as never,
	};
	const client = {
		node: { name: 'Sora' },
		host: { label: 'new-api gateway' },
	} as unknown as SoraClient;
	const keep = (url: string, maxBytes?: number) =>
		storeDataUrlContent(client, store as never, url, 'task_1.mp4', { itemIndex: 0 }, { maxBytes });

	it('decodes to the exact bytes, measured', async () => {
		stored.length = 0;
		const kept = await keep(dataUrl(MP4));
		expect(Buffer.compare(stored[0].bytes, MP4)).toBe(0);
		expect(stored[0].mimeType).toBe('video/mp4');
		expect(kept.measured).toMatchObject({ bytes: MP4.length });
	});

	it('refuses what is not base64, an MP4 cut short, and a file above Max Download Size', async () => {
		await expect(keep('data:video/mp4;base64,@@@@')).rejects.toThrow(
			"The video in the host's answer is not base64 data",
		);
		await expect(keep(dataUrl(MP4.subarray(0, Math.floor(MP4.length / 2))))).rejects.toThrow(
			/^The video in the host's answer is cut short/,
		);
		await expect(keep(dataUrl(MP4), 100)).rejects.toThrow(
			/^The video is larger than Max Download Size/,
		);
	});
});
