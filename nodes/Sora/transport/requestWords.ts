import type { HostDialect } from '../hosts';
import type { RequestInWords } from './failureMessages';
import { redactSecrets } from './redact';
import type { SoraRequest } from './request';
import { targetOf } from './routes';

/** A request in words for errors and logs: its method, where it goes (secrets masked), its operation. */
export function describeRequest(
	dialect: HostDialect,
	request: Pick<SoraRequest, 'method' | 'route'>,
	secrets: readonly string[],
): RequestInWords {
	let where: string;
	try {
		const target = targetOf(dialect, request.route);
		where = 'url' in target ? target.url : target.path;
	} catch {
		where = request.route.operation;
	}
	return {
		method: request.method,
		target: redactSecrets(where, secrets),
		operation: request.route.operation,
	};
}
