import { NodeOperationError } from 'n8n-workflow';

import type { ErrorScope } from '../../base/errorScope';
import type { HostDialect } from '../hosts';
import {
	channelLacksError,
	invalidIdError,
	notOfferedError,
	type HostInWords,
} from './failureMessages';
import type { SoraRequest } from './request';
import { InvalidIdError, menuOperationOf, targetOf, videoIdOf, type Target } from './routes';

/** Where a request goes on this host: its route's target, with the request's own query added. */
export function resolveTarget(
	dialect: HostDialect,
	request: Pick<SoraRequest, 'route' | 'qs'>,
): Target {
	const target = targetOf(dialect, request.route);
	if ('url' in target || !request.qs) return target;
	return { ...target, qs: { ...target.qs, ...request.qs } };
}

/**
 * Where a request goes, refused before anything is sent when an id is not one, or when the host (or
 * the channel that made the video) does not serve the operation.
 */
export function servedTarget(
	dialect: HostDialect,
	request: SoraRequest,
	scope: ErrorScope,
	host: HostInWords,
): Target {
	let target: Target;
	try {
		target = resolveTarget(dialect, request);
	} catch (error) {
		if (error instanceof InvalidIdError) throw invalidIdError(host.node, error, scope);
		throw new NodeOperationError(host.node, (error as Error).message, {
			itemIndex: scope.itemIndex,
		});
	}
	if ('url' in target) return target;
	const operation = menuOperationOf(request.route);
	const what = `${request.method} ${target.path}`;
	if (dialect.lacks.includes(operation)) throw notOfferedError(host, operation, scope, what);
	const videoId = videoIdOf(request.route);
	const channel = videoId ? dialect.lacksForVideo?.(operation, videoId) : undefined;
	if (channel) throw channelLacksError(host, channel, operation, videoId!, scope, what);
	return target;
}
