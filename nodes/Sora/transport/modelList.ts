import type { ModelChoice } from '../hosts';
import type { SoraClient } from './client';
import type { Attempt, SoraResponse } from './exchange';
import { failureOf, type SoraRequest } from './request';
import { policyOf } from './retryPolicy';

const MODEL_LIST: SoraRequest = { method: 'GET', route: { operation: 'Model List' } };

/**
 * The host's model list (a free GET), read once per execution and path: the menu, the checks of a
 * create and the host's identification all read it here.
 */
export class ModelList {
	private readonly answers = new Map<string, Promise<Attempt>>();

	constructor(private readonly client: SoraClient) {}

	/** The models the host lists; its HTTP error or failure as the node's error. */
	async models(): Promise<ModelChoice[]> {
		const result = await this.answer();
		if ('response' in result && result.response.status < 400)
			return this.client.host.readModels(result.response.body);
		if ('response' in result) throw this.client.errorFor(MODEL_LIST, result.response, {});
		const failure = failureOf(result, this.client.time.clock.now())!;
		throw this.client.failedError(MODEL_LIST, failure, policyOf('safe'), {});
	}

	/** The answer (or the failure) of the one request per path. */
	answer(): Promise<Attempt> {
		const path = this.client.host.modelListPath;
		let answer = this.answers.get(path);
		if (!answer) {
			answer = this.client.send<SoraResponse>(MODEL_LIST, policyOf('safe'), {}).then(
				(sent): Attempt =>
					'kept' in sent
						? { response: sent.kept }
						: 'refused' in sent
							? { response: sent.refused }
							: { failure: sent.failed },
				(error: unknown) => ({
					failure: { kind: 'network', code: 'UNKNOWN', sent: false, cause: String(error) },
				}),
			);
			this.answers.set(path, answer);
		}
		return answer;
	}
}
