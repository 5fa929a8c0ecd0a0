import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ContentVariant } from '../domain/contract';
import type { AskedVideo } from '../domain/media';
import type { ModelFamilyId } from '../models/registry';
import type { EstimatedCost } from '../models/pricing';
import type { SoraClient, SoraRequest } from '../transport/client';

/** What an item asks the wait engine to do, decided before any paid request is sent. */
export interface PreparedJob {
	/** The paid request that starts the job; absent when an existing video is watched. */
	request?: SoraRequest;
	videoId?: string;
	model?: string;
	/** undefined: the operation costs nothing; null: cost unknown (no list price known, no Price per Second). */
	estimate?: EstimatedCost | null;
	wait: boolean;
	download?: ContentVariant;
	binaryPropertyName: string;
	/** What the user asked for (Create, Remix, Extend): the delivered MP4 is compared with it. */
	asked?: AskedVideo;
	/** The model family recognised from the model id (`unknown` when none is). */
	family?: ModelFamilyId;
}

/** Operations that create or watch videos: prepared for all items first, then run by the wait engine. */
export interface JobOperation {
	kind: 'job';
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, client: SoraClient, itemIndex: number): Promise<PreparedJob>;
}

/** Operations that answer with one request (or one per page) per item. */
export interface ItemOperation {
	kind: 'item';
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		client: SoraClient,
		itemIndex: number,
	): Promise<Array<IDataObject | INodeExecutionData>>;
}

export type Operation = JobOperation | ItemOperation;
