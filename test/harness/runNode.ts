import { prepareN8nEnvironment } from './environment';
prepareN8nEnvironment();

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	BinaryDataConfig,
	BinaryDataService,
	ErrorReporter,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	WorkflowExecute,
} from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
} from 'n8n-workflow';

import { SoraApi } from '../../credentials/SoraApi.credentials';
import { Sora } from '../../nodes/Sora/Sora.node';
import { harnessAdditionalData } from './additionalData';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { HarnessInput, registerItems, type HarnessItem } from './inputNode';
import { perTiming } from './harnessTime';
import { CapturingLogger } from './logger';

export const SORA_NODE_TYPE = 'n8n-nodes-sora.sora';
const soraNode = perTiming((time) => new Sora(time));
const nodeTypeClasses: Record<string, INodeType> = {
	'harness.input': new HarnessInput(),
};

export function registerNodeType(name: string, nodeType: INodeType) {
	nodeTypeClasses[name] = nodeType;
}

const nodeTypes: INodeTypes = {
	getByName: (name: string) =>
		(nodeTypeClasses[name] ?? (name === SORA_NODE_TYPE ? soraNode() : undefined)) as
			| INodeType
			| IVersionedNodeType,
	getByNameAndVersion: (name: string) =>
		nodeTypeClasses[name] ?? (name === SORA_NODE_TYPE ? soraNode() : undefined)!,
	getKnownTypes: () => ({}),
};

export const logger = new CapturingLogger();
Container.set(Logger, logger as unknown as Logger);
const credentialsHelper = new HarnessCredentialsHelper({ soraApi: new SoraApi() }, {});

let binaryDataReady: Promise<void> | undefined;
export async function binaryDataService(): Promise<BinaryDataService> {
	if (!binaryDataReady) {
		const config = Container.get(BinaryDataConfig);
		config.mode = 'filesystem';
		const service = new BinaryDataService(
			config,
			Container.get(ErrorReporter),
			logger as unknown as Logger,
		);
		Container.set(BinaryDataService, service);
		binaryDataReady = service.init();
	}
	const service = Container.get(BinaryDataService);
	await binaryDataReady;
	return service;
}

export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	return await (await binaryDataService()).getAsBuffer(binary);
}

export interface RunOptions {
	parameters: INodeParameters;
	items?: HarnessItem[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** The node's Settings → On Error (wins over continueOnFail): 'continueErrorOutput' adds n8n's error output. */
	onError?: INode['onError'];
	nodeType?: string;
	executionId?: string;
}

export interface RunResult {
	/** The items of the first output. */
	items: INodeExecutionData[];
	/** Every main output's items (two with Route by Status). */
	outputs: INodeExecutionData[][];
	error?: Error & { description?: string | null; httpCode?: string | null };
	run: IRun;
}

export interface RunningNode {
	result: Promise<RunResult>;
	cancel(): void;
}

let executionCounter = 0;

/** Runs the node inside n8n-core's WorkflowExecute: Input → node under test. */
export function startNode(options: RunOptions): RunningNode {
	const executionId = options.executionId ?? `harness-${++executionCounter}`;
	const nodes: INode[] = [
		{
			id: 'input',
			name: 'Input',
			type: 'harness.input',
			typeVersion: 1,
			position: [0, 0],
			parameters: { key: registerItems(options.items ?? [{ json: {} }]) },
		},
		{
			id: 'node-under-test',
			name: 'Node',
			type: options.nodeType ?? SORA_NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { soraApi: { id: 'cred-1', name: 'Sora account' } },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			...(options.onError ? { onError: options.onError } : {}),
		},
	];
	const connections = { Input: { main: [[{ node: 'Node', type: 'main' as const, index: 0 }]] } };
	const workflowData: IWorkflowBase = {
		id: 'harness-workflow',
		name: 'Harness',
		active: false,
		isArchived: false,
		nodes,
		connections,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings: {},
	});

	credentialsHelper.setValues({ soraApi: options.credentials ?? {} });
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const additionalData = harnessAdditionalData(credentialsHelper, { hooks, executionId });

	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	let cancelled = false;
	let pending: { cancel(): void } | undefined;
	const result = (async (): Promise<RunResult> => {
		await binaryDataService();
		if (cancelled) throw new Error('cancelled before start');
		const promise = execution.processRunExecutionData(workflow);
		pending = promise;
		const run = await promise;
		const taskData = run.data.resultData.runData.Node?.[0];
		return {
			items: taskData?.data?.main?.[0] ?? [],
			outputs: (taskData?.data?.main ?? []).map((items) => items ?? []),
			error: (taskData?.error ?? run.data.resultData.error) as RunResult['error'],
			run,
		};
	})();
	return {
		result,
		cancel: () => {
			cancelled = true;
			pending?.cancel();
		},
	};
}

/** Calls one of the node's list-search methods the way the editor does (a real LoadOptionsContext). */
export async function searchList(
	method: string,
	credentials: ICredentialDataDecryptedObject,
	filter?: string,
) {
	const node: INode = {
		id: 'node-under-test',
		name: 'Node',
		type: SORA_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'video', operation: 'create' },
		credentials: { soraApi: { id: 'cred-1', name: 'Sora account' } },
	};
	const workflow = new Workflow({
		id: 'harness-workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: {},
	});
	credentialsHelper.setValues({ soraApi: credentials });
	const additionalData = harnessAdditionalData(credentialsHelper);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.model');
	const search = (soraNode() as Sora).methods.listSearch[method as 'searchModels'];
	return await search.call(context, filter);
}

/** Calls one of the node's loadOptions methods as the editor does, with the node's current parameters (e.g. the chosen model). */
export async function loadOptions(
	method: string,
	credentials: ICredentialDataDecryptedObject,
	parameters: INodeParameters,
) {
	const node: INode = {
		id: 'node-under-test',
		name: 'Node',
		type: SORA_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { soraApi: { id: 'cred-1', name: 'Sora account' } },
	};
	const workflow = new Workflow({
		id: 'harness-workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: {},
	});
	credentialsHelper.setValues({ soraApi: credentials });
	const additionalData = harnessAdditionalData(credentialsHelper, {
		currentNodeParameters: parameters,
	});
	const context = new LoadOptionsContext(workflow, node, additionalData, `parameters.${method}`);
	const methods = (soraNode() as Sora).methods.loadOptions as Record<
		string,
		(this: LoadOptionsContext) => Promise<unknown>
	>;
	return (await methods[method].call(context)) as Array<{
		name: string;
		value: string | number;
		description?: string;
	}>;
}

export async function runNode(options: RunOptions): Promise<RunResult> {
	return await startNode(options).result;
}
