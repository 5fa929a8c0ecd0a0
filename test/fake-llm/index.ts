/**
 * A fake OpenAI chat-completions server on loopback, for driving n8n's AI Agent in tests: the first
 * request of a conversation is answered with one call of the first tool offered, whose string
 * arguments are filled (a key containing "prompt" gets `toolPrompt`); once the request carries the
 * tool's result, the answer is a final text quoting the video id (and status) found in that result.
 * Answers JSON, or server-sent events when the request asks to stream. Records every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeLlmRequest {
	path: string;
	body: any;
}

export interface FakeLlm {
	/** Base URL including /v1, as OpenAI credentials take it. */
	url: string;
	requests: FakeLlmRequest[];
	close(): Promise<void>;
}

interface ChatMessage {
	role: string;
	content?: unknown;
	tool_calls?: unknown[];
}

const MODEL = 'gpt-4o-mini';

function toolArguments(tool: any, toolPrompt: string): Record<string, unknown> {
	const properties: Record<string, { type?: string }> =
		tool?.function?.parameters?.properties ?? {};
	const args: Record<string, unknown> = {};
	for (const [key, schema] of Object.entries(properties)) {
		if (/prompt/i.test(key)) args[key] = toolPrompt;
		else if (schema.type === 'number' || schema.type === 'integer') args[key] = 4;
		else if (schema.type === 'boolean') args[key] = false;
		else args[key] = '';
	}
	return args;
}

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content
			.map((part: any) => (typeof part === 'string' ? part : (part?.text ?? '')))
			.join('');
	return JSON.stringify(content ?? '');
}

/** The final answer: the video id and status the tool returned. */
export function finalAnswer(toolResult: string): string {
	const id = /video_[A-Za-z0-9_-]+|task_[A-Za-z0-9_-]+/.exec(toolResult)?.[0];
	const status = /"status"\s*:\s*"([a-z_]+)"/.exec(toolResult)?.[1];
	return id
		? `Your video is ${status ?? 'started'}. Video ID: ${id}.`
		: `The tool returned no video id: ${toolResult.slice(0, 200)}`;
}

function reply(
	body: any,
	toolPrompt: string,
): { message: Record<string, unknown>; finish: string } {
	const messages: ChatMessage[] = Array.isArray(body?.messages) ? body.messages : [];
	const toolMessage = [...messages].reverse().find((m) => m.role === 'tool');
	const tool = Array.isArray(body?.tools) ? body.tools[0] : undefined;
	if (!toolMessage && tool) {
		const call = {
			id: `call_${messages.length}`,
			type: 'function',
			function: {
				name: tool.function.name,
				arguments: JSON.stringify(toolArguments(tool, toolPrompt)),
			},
		};
		return {
			message: { role: 'assistant', content: null, tool_calls: [call] },
			finish: 'tool_calls',
		};
	}
	return {
		message: {
			role: 'assistant',
			content: finalAnswer(toolMessage ? textOf(toolMessage.content) : ''),
		},
		finish: 'stop',
	};
}

function send(res: ServerResponse, status: number, json: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(json));
}

function stream(res: ServerResponse, id: string, message: Record<string, unknown>, finish: string) {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const chunk = (delta: unknown, finishReason: string | null) =>
		res.write(
			`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: MODEL, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`,
		);
	const calls = (message.tool_calls as any[] | undefined)?.map((call, index) => ({
		index,
		...call,
	}));
	chunk(
		{
			role: 'assistant',
			...(calls ? { content: null, tool_calls: calls } : { content: message.content }),
		},
		null,
	);
	chunk({}, finish);
	res.write('data: [DONE]\n\n');
	res.end();
}

export async function startFakeLlm(options: {
	toolPrompt: string;
	port?: number;
}): Promise<FakeLlm> {
	const requests: FakeLlmRequest[] = [];
	let count = 0;
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const path = (req.url ?? '').split('?')[0];
			let body: any;
			try {
				body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
			} catch {
				return send(res, 400, {
					error: { message: 'body is not JSON', type: 'invalid_request_error' },
				});
			}
			requests.push({ path, body });
			if (req.method === 'GET' && path.endsWith('/models'))
				return send(res, 200, {
					object: 'list',
					data: [{ id: MODEL, object: 'model', owned_by: 'fake' }],
				});
			if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
				return send(res, 404, {
					error: {
						message: `${req.method} ${path} is not served by the fake`,
						type: 'invalid_request_error',
					},
				});
			}
			const id = `chatcmpl-fake-${++count}`;
			const { message, finish } = reply(body, options.toolPrompt);
			if (body?.stream) return stream(res, id, message, finish);
			send(res, 200, {
				id,
				object: 'chat.completion',
				created: Math.floor(Date.now() / 1000),
				model: MODEL,
				choices: [{ index: 0, message, finish_reason: finish }],
				usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
