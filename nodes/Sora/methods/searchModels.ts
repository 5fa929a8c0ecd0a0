import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SORA_MODELS } from '../domain/contract';
import { SoraClient } from '../transport/client';

interface ModelEntry {
	id?: unknown;
	[field: string]: unknown;
}

const VIDEO_NAME = /sora|video|veo|kling|wan|hailuo|seedance|runway|gen-?\d|luma|ray-|pika|hunyuan|ltx|mochi|vidu/i;

function declaresVideo(model: ModelEntry): boolean | undefined {
	const declared = [model.type, model.modality, model.modalities, model.output_modalities, model.capabilities]
		.filter((value) => value !== undefined);
	if (!declared.length) return undefined;
	return JSON.stringify(declared).toLowerCase().includes('video');
}

/** Keeps video models when the host's list says which they are (or their names do), else everything. */
export function videoModelIds(models: ModelEntry[]): string[] {
	const ids = models.filter((m) => typeof m.id === 'string');
	const declared = ids.filter((m) => declaresVideo(m) === true);
	if (declared.length) return declared.map((m) => m.id as string);
	const named = ids.filter((m) => VIDEO_NAME.test(m.id as string));
	return (named.length ? named : ids).map((m) => m.id as string);
}

export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const matches = (id: string) => !filter || id.toLowerCase().includes(filter.toLowerCase());
	try {
		const client = await SoraClient.connect(this);
		const { body } = await client.call<{ data?: ModelEntry[] }>({ method: 'GET', path: '/models' }, 'safe', {});
		const ids = videoModelIds(Array.isArray(body?.data) ? body.data : []).sort();
		if (ids.length) return { results: ids.filter(matches).map((id) => ({ name: id, value: id })) };
	} catch (error) {
		this.logger.debug(`Sora: listing models failed: ${(error as Error).message}`);
	}
	return {
		results: SORA_MODELS.filter(matches).map((id) => ({
			name: `${id} (the host's model list could not be read; use By ID for other models)`,
			value: id,
		})),
	};
}
