import type { Clock } from '../base/clock';
import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { checkDelivery, isOversized } from './delivery';
import {
	currentDeliveryLog,
	rememberDeliveryLog,
	wasDelivered,
	withDelivery,
} from './redeliveries';
import { signingSecretOf } from './signingSecret';
import type { VideoEvent } from './videoEvent';

/** What the trigger reads of n8n's (express) request. */
interface DeliveryRequest {
	headers: Record<string, string | string[] | undefined>;
	/** The body bytes as received: set by n8n's body reader before a webhook node runs. */
	rawBody?: unknown;
	readRawBody?: () => Promise<void>;
}

/** What the trigger writes to n8n's (express) response. */
interface DeliveryResponse {
	status(code: number): { json(body: unknown): unknown };
}

const DELIVERY_LOG_KEY = 'deliveries';

/** The raw body bytes; read through n8n's own reader when it has not read them yet. */
async function rawBodyOf(request: DeliveryRequest): Promise<Buffer | undefined> {
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		await request.readRawBody().catch(() => undefined);
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

function eventItem(webhookId: string, event: VideoEvent): INodeExecutionData {
	return {
		json: {
			type: event.type,
			videoId: event.data.id,
			webhookId,
			event: event as IDataObject,
		},
	};
}

/**
 * Answers a delivery itself, at once, before any request to the host (the engine fetches and
 * downloads afterwards), and starts the workflow only for a correctly signed, new event of a
 * selected type:
 * 413 too large · 500 no raw body or no secret · 401 bad signature · 400 not a video event ·
 * 200 `{received: true}` for the rest, also for a redelivery or an event not selected.
 */
export async function receiveDelivery(
	this: IWebhookFunctions,
	clock: Clock,
): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as DeliveryRequest;
	const response = this.getResponseObject() as unknown as DeliveryResponse;
	const answer = (status: number, body: IDataObject): IWebhookResponseData => {
		response.status(status).json(body);
		return { noWebhookResponse: true };
	};

	const headers = request.headers ?? {};
	const nowSeconds = Math.floor(clock.now() / 1000);
	const rawBody = isOversized(headers, undefined) ? undefined : await rawBodyOf(request);
	const check = checkDelivery({
		headers,
		rawBody,
		secret: await signingSecretOf(this),
		nowSeconds,
	});
	if (!check.ok) return answer(check.status, { received: false, error: check.message });

	// From here to the log's update there is no await: a concurrent copy cannot slip in between.
	const staticData = this.getWorkflowStaticData('node');
	const triggerKey = `${this.getWorkflow().id ?? ''}:${this.getNode().id ?? this.getNode().name}`;
	const log = currentDeliveryLog(triggerKey, staticData[DELIVERY_LOG_KEY]);
	if (wasDelivered(log, check.webhookId, nowSeconds)) {
		return answer(200, { received: true, ignored: 'redelivery' });
	}
	const events = this.getNodeParameter('events', []) as string[];
	if (!events.includes(check.event.type)) {
		return answer(200, { received: true, ignored: 'event not selected' });
	}
	const updated = withDelivery(log, check.webhookId, nowSeconds);
	staticData[DELIVERY_LOG_KEY] = updated;
	rememberDeliveryLog(triggerKey, updated);

	response.status(200).json({ received: true });
	return { noWebhookResponse: true, workflowData: [[eventItem(check.webhookId, check.event)]] };
}
