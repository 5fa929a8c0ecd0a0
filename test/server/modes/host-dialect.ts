import type { ApiError } from '../api-error';
import type { RequestBody } from '../body-fields';
import type { CdnListener } from '../cdn';
import type { RouteAnswer } from '../handler-context';
import type { ServerState } from '../request-pipeline';
import type { MatchedRoute, RouteName } from '../routes';
import type { HostMode } from '../types';
import type { StoredVideo } from '../video';

/** What a host mode's route handler gets. */
export interface HostContext {
	state: ServerState;
	cdn: CdnListener;
	/** The server's absolute base URL (e.g. http://127.0.0.1:4000/api/v1). */
	baseUrl: string;
	method: string;
	path: string;
	body: RequestBody;
	query: Record<string, string>;
	params: Record<string, string>;
	/** The x-request-id of this answer (new-api quotes it in its messages). */
	requestId: string;
	/** The `job-fails` fault hit this request. */
	forceFail: boolean;
}

/** A route of a host mode; `name`/`createsJob`/`isContent` also drive the fault plan. */
export interface HostRoute extends MatchedRoute {
	handle(context: HostContext): RouteAnswer;
}

/** One host family of ../shared/contract/hosts.md. */
export interface HostDialect {
	readonly mode: HostMode;
	/** The API's base path: '/v1', or '/api/v1' for OpenRouter. */
	readonly basePath: string;
	route(method: string, path: string): HostRoute | undefined;
	/** A path or method the host does not serve. */
	notFound(method: string, fullPath: string): ApiError;
	/** undefined when `apiKey` (read from `Authorization: Bearer`) is the server's key. */
	authError(
		apiKey: string | undefined,
		expectedKey: string,
		requestId: string,
	): ApiError | undefined;
	/** A generic error (a fault, an unparsable body) in this host's shape. */
	shapeError(error: ApiError, requestId: string): ApiError;
	/** How the host announces a job's end (default: the server's Standard Webhooks `webhook`). */
	deliveryFor?(
		video: StoredVideo,
		state: ServerState & { readonly url: string },
	): (() => Promise<void>) | undefined;
}

type Handler = (context: HostContext) => RouteAnswer;

/** Builds a route table: [method, pattern with named groups, fault-plan route name, handler]. */
export function routeTable(
	entries: Array<[string, RegExp, RouteName, Handler]>,
): (method: string, path: string) => HostRoute | undefined {
	return (method, path) => {
		for (const [routeMethod, pattern, name, handle] of entries) {
			const match = routeMethod === method ? pattern.exec(path) : null;
			if (!match) continue;
			const params = Object.fromEntries(
				Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]),
			);
			return {
				name,
				params,
				handle,
				createsJob: name === 'createVideo' || name === 'remixVideo',
				isContent: name === 'videoContent',
			};
		}
		return undefined;
	};
}
