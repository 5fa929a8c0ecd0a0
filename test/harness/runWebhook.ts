/**
 * Runs the Sora Trigger the way n8n does for a received request, and its execution the way
 * n8n starts a workflow from a webhook:
 * - `deliver()`: n8n's body reader (raw bytes kept on `req.rawBody`; JSON parsed into `req.body`,
 *   422 from n8n itself when JSON is malformed; 413 above n8n's 16 MiB payload limit), then the
 *   node's `webhook()` in n8n-core's WebhookContext, then n8n's answer rules
 *   (`noWebhookResponse`, `webhookResponse`, whether `workflowData` starts a run).
 * - `execute()`: the webhook's items put on the trigger node in WorkflowExecute's stack, as
 *   packages/cli's prepareExecutionData does, so the engine runs the node on them.
 * - `startWebhookFront()`: a loopback HTTP server that hands real POSTs (raw bytes) to both.
 */
import { perTiming } from './harnessTime';
import { harnessAdditionalData } from './additionalData';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { SoraApi } from '../../credentials/SoraApi.credentials';
import { Sora } from '../../nodes/Sora/Sora.node';
import { SoraTrigger } from '../../nodes/SoraTrigger/SoraTrigger.node';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { binaryDataService, SORA_NODE_TYPE, type RunResult } from './runNode';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-sora.soraTrigger';
export const TRIGGER_NODE_NAME = 'Sora Trigger';
/** n8n's default N8N_PAYLOAD_SIZE_MAX (MiB): the body reader refuses more with 413. */
const N8N_PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

const nodeTypeClasses: Record<string, INodeType> = {};
const soraNode = perTiming((time) => new Sora(time));
const triggerNode = perTiming((time) => new SoraTrigger(time));
function nodeTypeOf(name: string): INodeType {
	if (name === SORA_NODE_TYPE) return soraNode();
	if (name === TRIGGER_NODE_TYPE) return triggerNode();
	return nodeTypeClasses[name];
}
const nodeTypes: INodeTypes = {
	getByName: (name: string) => nodeTypeOf(name),
	getByNameAndVersion: (name: string) => nodeTypeOf(name),
	getKnownTypes: () => ({}),
};

export interface DeliveryRequest {
	body: Buffer | string;
	headers?: Record<string, string>;
	/** Leave `req.rawBody` unset, as a host that does not keep the raw bytes would. */
	withoutRawBody?: boolean;
}

export interface WebhookAnswer {
	status: number;
	body: unknown;
	/** Whether n8n would start the workflow, and with which items. */
	started: boolean;
	workflowData?: INodeExecutionData[][];
	/** The error the node's webhook() threw (n8n then answers 500). */
	error?: Error;
}

/** The parts of an express Response that webhook nodes use, recording what they answer. */
class CapturedResponse {
	statusCode = 200;
	body: unknown;
	finished = false;
	readonly headers: Record<string, string> = {};
	status(code: number) {
		this.statusCode = code;
		return this;
	}
	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}
	json(body: unknown) {
		this.setHeader('content-type', 'application/json');
		return this.send(body);
	}
	send(body?: unknown) {
		this.body = body;
		this.finished = true;
		return this;
	}
	end(body?: unknown) {
		return this.finished ? this : this.send(body);
	}
}

function lowerCaseHeaders(headers: Record<string, string> = {}): Record<string, string> {
	return Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
	);
}

/** packages/cli's parseBody: JSON and text are parsed; a JSON parse error is n8n's own 422. */
function parseLikeN8n(
	contentType: string,
	rawBody: Buffer,
): { body?: unknown; refusal?: WebhookAnswer } {
	if (!rawBody.length) return {};
	if (contentType === 'application/json') {
		try {
			return { body: JSON.parse(rawBody.toString('utf8')) };
		} catch (error) {
			const refusal = {
				code: 422,
				message: 'Failed to parse request body',
				hint: (error as Error).message,
			};
			return { refusal: { status: 422, body: refusal, started: false } };
		}
	}
	if (contentType === 'text/plain') return { body: rawBody.toString('utf8') };
	return {};
}

export interface TriggerHarnessOptions {
	parameters?: INodeParameters;
	credentials?: ICredentialDataDecryptedObject;
	mode?: WorkflowExecuteMode;
	/** The same id models the same workflow loaded again (n8n does so for every request); default: a new one. */
	workflowId?: string;
}

let executionCounter = 0;
let workflowCounter = 0;

/** One active Sora Trigger workflow: its static data (the delivery log) lives as long as the harness. */
export class TriggerHarness {
	readonly workflow: Workflow;
	readonly node: INode;
	private readonly credentialsHelper: HarnessCredentialsHelper;
	private readonly mode: WorkflowExecuteMode;

	constructor(options: TriggerHarnessOptions = {}) {
		this.mode = options.mode ?? 'webhook';
		this.credentialsHelper = new HarnessCredentialsHelper(
			{ soraApi: new SoraApi() },
			{ soraApi: options.credentials ?? {} },
		);
		this.node = {
			id: 'sora-trigger',
			name: TRIGGER_NODE_NAME,
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'c0ffee00-5012-4d1e-9a7e-000000000001',
			parameters: options.parameters ?? {},
			credentials: { soraApi: { id: 'cred-1', name: 'Sora account' } },
		};
		this.workflow = new Workflow({
			id: options.workflowId ?? `harness-trigger-workflow-${++workflowCounter}`,
			name: 'Trigger harness',
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			staticData: {},
			settings: {},
		});
	}

	/** The node as the Workflow holds it: its parameters completed with the defaults. */
	get workflowNode(): INode {
		return this.workflow.getNode(TRIGGER_NODE_NAME)!;
	}

	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.workflowNode);
	}

	private additionalData(
		extra: Partial<IWorkflowExecuteAdditionalData> = {},
	): IWorkflowExecuteAdditionalData {
		return harnessAdditionalData(this.credentialsHelper, extra);
	}

	private webhookData(additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		return {
			httpMethod: 'POST',
			node: TRIGGER_NODE_NAME,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: new SoraTrigger().description.webhooks![0],
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
		};
	}

	/** What n8n does when the workflow is activated (or listens for a test event): checkExists, else create. */
	async activate(): Promise<boolean> {
		const additionalData = this.additionalData();
		const methods = triggerNode().webhookMethods!.default!;
		const context = new HookContext(
			this.workflow,
			this.workflowNode,
			additionalData,
			this.mode,
			'activate',
			this.webhookData(additionalData),
		);
		if (await methods.checkExists.call(context)) return true;
		return await methods.create.call(context);
	}

	/** What n8n does with one POST to the trigger's webhook URL, up to the answer. */
	async deliver(delivery: DeliveryRequest): Promise<WebhookAnswer> {
		const rawBody = Buffer.isBuffer(delivery.body)
			? delivery.body
			: Buffer.from(delivery.body, 'utf8');
		if (rawBody.length > N8N_PAYLOAD_SIZE_MAX)
			return { status: 413, body: { message: 'request entity too large' }, started: false };
		const headers: Record<string, string> = {
			'content-length': String(rawBody.length),
			...lowerCaseHeaders(delivery.headers),
		};
		const contentType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		const parsed = parseLikeN8n(contentType, rawBody);
		if (parsed.refusal) return parsed.refusal;

		const request = {
			method: 'POST',
			url: '/webhook',
			headers,
			params: {},
			query: {},
			contentType,
			encoding: 'utf-8',
			body: parsed.body,
			...(delivery.withoutRawBody ? {} : { rawBody }),
			readRawBody: async () => {},
			header: (name: string) => headers[name.toLowerCase()],
		};
		const response = new CapturedResponse();
		const additionalData = this.additionalData({
			httpRequest: request,
			httpResponse: response,
		} as never);
		const webhookData = this.webhookData(additionalData);
		const context = new WebhookContext(
			this.workflow,
			this.workflowNode,
			additionalData,
			this.mode,
			webhookData,
			[],
			null,
		);
		let result: IWebhookResponseData;
		try {
			result = await triggerNode().webhook!.call(context);
		} catch (error) {
			return {
				status: 500,
				body: { message: 'Workflow Webhook Error: Workflow could not be started!' },
				started: false,
				error: error as Error,
			};
		}
		return this.answerFor(result, response);
	}

	/** packages/cli's handleImmediateWebhookResponse and onReceived answer. */
	private answerFor(result: IWebhookResponseData, response: CapturedResponse): WebhookAnswer {
		const started = result.workflowData !== undefined;
		const workflowData = result.workflowData;
		if (result.noWebhookResponse === true) {
			if (!response.finished)
				throw new Error(
					'webhook() claimed to have answered but wrote no response: the caller would hang',
				);
			return { status: response.statusCode, body: response.body, started, workflowData };
		}
		if (!started)
			return {
				status: 200,
				body: result.webhookResponse ?? { message: 'Webhook call received' },
				started,
			};
		return {
			status: 200,
			body: result.webhookResponse ?? { message: 'Workflow was started' },
			started,
			workflowData,
		};
	}

	/** Runs the workflow n8n would start: the webhook's items on the trigger node, then the engine. */
	async execute(workflowData: INodeExecutionData[][]): Promise<RunResult> {
		await binaryDataService();
		const executionId = `harness-webhook-${++executionCounter}`;
		const workflowBase = {
			id: this.workflow.id,
			name: 'Trigger harness',
			active: true,
			isArchived: false,
			nodes: [this.node],
			connections: {},
			settings: {},
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		} as unknown as IWorkflowBase;
		const additionalData = this.additionalData({ executionId });
		additionalData.hooks = new ExecutionLifecycleHooks(this.mode, executionId, workflowBase);
		const runExecutionData = {
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [
					{ node: this.workflowNode, data: { main: workflowData }, source: null },
				],
			},
		} as unknown as IRunExecutionData;
		const run = await new WorkflowExecute(
			additionalData,
			this.mode,
			runExecutionData,
		).processRunExecutionData(this.workflow);
		const taskData = run.data.resultData.runData[TRIGGER_NODE_NAME]?.[0];
		return {
			items: taskData?.data?.main?.[0] ?? [],
			outputs: (taskData?.data?.main ?? []).map((items) => items ?? []),
			error: (taskData?.error ?? run.data.resultData.error) as RunResult['error'],
			run,
		};
	}

	/** deliver(), then the execution when the delivery starts one. */
	async receive(
		delivery: DeliveryRequest,
	): Promise<{ answer: WebhookAnswer; run?: Promise<RunResult> }> {
		const answer = await this.deliver(delivery);
		return {
			answer,
			run: answer.started && answer.workflowData ? this.execute(answer.workflowData) : undefined,
		};
	}
}

export interface WebhookFront {
	url: string;
	answers: WebhookAnswer[];
	/** Resolves with the execution of the next delivery that starts one (in order). */
	nextRun(): Promise<RunResult>;
	close(): Promise<void>;
}

/** A loopback HTTP server in front of the harness: real POSTs, raw bytes, n8n's answers. */
export async function startWebhookFront(harness: TriggerHarness): Promise<WebhookFront> {
	const answers: WebhookAnswer[] = [];
	const runs: Array<Promise<RunResult>> = [];
	const waiters: Array<(run: Promise<RunResult>) => void> = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const headers = Object.fromEntries(
				Object.entries(req.headers).map(([name, value]) => [
					name,
					Array.isArray(value) ? value.join(', ') : String(value),
				]),
			);
			void harness.receive({ body: Buffer.concat(chunks), headers }).then(({ answer, run }) => {
				answers.push(answer);
				res
					.writeHead(answer.status, { 'content-type': 'application/json' })
					.end(JSON.stringify(answer.body ?? ''));
				if (!run) return;
				const waiter = waiters.shift();
				if (waiter) waiter(run);
				else runs.push(run);
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/${harness.node.webhookId}/webhook`;
	return {
		url,
		answers,
		nextRun: () => {
			const ready = runs.shift();
			return (
				ready ??
				new Promise<RunResult>((resolve, reject) =>
					waiters.push((run) => run.then(resolve, reject)),
				)
			);
		},
		close: async () => {
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
		},
	};
}
