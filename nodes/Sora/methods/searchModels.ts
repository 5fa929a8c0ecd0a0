import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SoraClient } from '../transport/client';

/**
 * Model → From List: the host's own list (each family reads its own path: OpenRouter's
 * /videos/models with each model's durations and resolutions, new-api's mixed /models of which
 * the video models are shown). When the list cannot be read, one entry says so instead of guessing names.
 */
export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const matches = (id: string) => !filter || id.toLowerCase().includes(filter.toLowerCase());
	let reason = 'the host listed no models';
	try {
		const client = await SoraClient.connect(this);
		const models = await client.listModels();
		const videoModels = models.filter((m) => m.isVideo);
		const shown = (videoModels.length ? videoModels : models)
			.filter((m) => matches(m.id))
			.sort((a, b) => a.id.localeCompare(b.id));
		if (models.length) {
			return {
				results: shown.map((m) => ({
					name: m.detail ? `${m.id} (${m.detail})` : m.id,
					value: m.id,
				})),
			};
		}
	} catch (error) {
		reason = (error as Error).message;
		this.logger.debug(`Sora: listing models failed: ${reason}`);
	}
	return { results: [{ name: `No model list (${reason.slice(0, 80)}): use By ID`, value: '' }] };
}
