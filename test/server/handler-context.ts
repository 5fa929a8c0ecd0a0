import type { RequestBody } from './body-fields';
import type { MatchedRoute } from './routes';
import type { ServerMode, ServerOptions } from './types';
import type { StoredCharacter, StoredVideo } from './video';

export type ContentVariant = 'video' | 'thumbnail' | 'spritesheet';

export type ResolvedOptions = ServerOptions & {
	apiKey: string;
	generationMs: number;
	mode: ServerMode;
};

/** What a route handler gets: the parsed request and the server's state. */
export interface HandlerContext {
	options: ResolvedOptions;
	videos: Map<string, StoredVideo>;
	characters: Map<string, StoredCharacter>;
	body: RequestBody;
	query: Record<string, string>;
	params: MatchedRoute['params'];
	/** The `job-fails` fault hit this request. */
	forceFail: boolean;
	/** Stores a new job, counts it and arranges its webhook. */
	addJob(video: StoredVideo): void;
}

export type RouteAnswer =
	| { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
	| { kind: 'content'; video: StoredVideo; variant: ContentVariant }
	/** A JSON body that needs the served MP4 (new-api's Vertex channel answers the video inside it). */
	| { kind: 'jsonLater'; status: number; body: () => Promise<unknown> };

export function jsonAnswer(body: unknown, headers?: Record<string, string>): RouteAnswer {
	return { kind: 'json', status: 200, body, headers };
}
