import {
	dialectFor,
	familyOfAnswer,
	familyOfModelId,
	familyOfModelList,
	DIALECTS,
	type HostDialect,
} from '../hosts';
import type { Attempt } from './exchange';

/**
 * Which host family is behind Base URL: the credential's Host Type, or under Auto the Base URL's
 * host, refined by the host's first telling answer or (before a create whose keys differ per
 * host) by its free model list. Its dialect says how every request is spelled and read.
 */
export class HostIdentity {
	private identification?: Promise<void>;

	private constructor(
		private current: HostDialect,
		/** Whether the credential or Base URL says the family (no answer changes it then). */
		readonly known: boolean,
	) {}

	static of(hostType: unknown, baseUrl: string): HostIdentity {
		const { dialect, chosen } = dialectFor(hostType, baseUrl);
		return new HostIdentity(dialect, chosen);
	}

	get dialect(): HostDialect {
		return this.current;
	}

	/** A successful JSON answer: new-api's and LiteLLM's answers name their family. */
	learnFrom(body: unknown): void {
		if (this.known) return;
		const family = familyOfAnswer(body);
		if (family) this.current = DIALECTS[family];
	}

	/**
	 * Under Auto, with a Base URL of no known family and no telling answer yet: the free model
	 * list (or the model id's provider prefix) says which family serves it. At most one model
	 * list per execution: `modelList` is the client's cached reader.
	 */
	async identify(modelList: () => Promise<Attempt>, model?: string): Promise<void> {
		if (this.known || this.current !== DIALECTS.openai) return;
		this.identification ??= modelList().then((result) => {
			const listed =
				'response' in result && result.response.status < 300
					? familyOfModelList(result.response.body, result.response.headers)
					: undefined;
			const family = listed ?? familyOfModelId(model);
			if (family && this.current === DIALECTS.openai) this.current = DIALECTS[family];
		});
		await this.identification;
	}
}
