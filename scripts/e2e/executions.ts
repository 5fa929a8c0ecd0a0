/**
 * Reads a running n8n's executions through its REST API (as the editor's Executions tab does).
 * Execution data comes in n8n's `flatted` format: parsed with n8n's own copy of flatted.
 */
import path from 'node:path';
import type { N8nRuntime } from './provision';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	finished?: boolean;
}

export async function listExecutions(
	baseUrl: string,
	cookie: string,
	workflowId: string,
): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const res = await fetch(`${baseUrl}/rest/executions?filter=${filter}&limit=100`, {
		headers: { cookie },
	});
	if (!res.ok) throw new Error(`GET /rest/executions: HTTP ${res.status} ${await res.text()}`);
	const body = (await res.json()) as any;
	return (body.data?.results ?? []).map((e: any) => ({ ...e, id: String(e.id) }));
}

/** The run data (IRun.data) of one execution. */
export async function executionData(
	runtime: N8nRuntime,
	baseUrl: string,
	cookie: string,
	id: string,
): Promise<any> {
	const res = await fetch(`${baseUrl}/rest/executions/${id}`, { headers: { cookie } });
	if (!res.ok) throw new Error(`GET /rest/executions/${id}: HTTP ${res.status}`);
	const body = (await res.json()) as any;
	const data = body.data?.data;
	if (typeof data !== 'string') return data;
	const flatted = require(require.resolve('flatted', { paths: [path.dirname(runtime.bin)] }));
	return flatted.parse(data);
}

const RUNNING = new Set(['new', 'running', 'waiting', 'unknown']);

/** Polls until `count(executions)` holds and none of them is still running. */
export async function waitForExecutions(
	baseUrl: string,
	cookie: string,
	workflowId: string,
	done: (executions: ExecutionSummary[]) => boolean,
	timeoutMs: number,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	let executions: ExecutionSummary[] = [];
	while (Date.now() < deadline) {
		executions = await listExecutions(baseUrl, cookie, workflowId);
		if (done(executions) && !executions.some((e) => RUNNING.has(e.status))) return executions;
		await new Promise((r) => setTimeout(r, 500));
	}
	return executions;
}
