import type { Problem } from '../../domain/problem';
import type { CanonicalCreate, ModelChoice } from '../../hosts/types';
import type { SoraClient } from '../../transport/client';

/** Seconds, resolution and aspect ratio checked against what the host lists for the model, before the paid call. */
export async function checkAgainstListedModel(
	client: SoraClient,
	request: CanonicalCreate,
	itemIndex: number,
): Promise<Problem | undefined> {
	const check = client.host.checkAgainstModel;
	if (!check || !request.model) return undefined;
	let models: ModelChoice[];
	try {
		models = await client.listModels();
	} catch (error) {
		client.logger.debug(
			`Sora: the model list could not be read, so item ${itemIndex} is not checked against it: ${(error as Error).message}`,
		);
		return undefined;
	}
	const model = models.find((m) => m.id === request.model);
	return model ? check(request, model) : undefined;
}
