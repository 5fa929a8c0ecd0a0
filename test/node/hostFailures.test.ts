import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { runNode } from '../harness/runNode';

/**
 * Failures hosts do not call failures, in n8n's engine against a small gateway that answers as
 * new-api's and LiteLLM's sources show they do (the reference server's modes do not simulate these yet).
 */

const GEMINI_TASK = 'task_GeminiFailedWithoutAnErrorObject0000';
const REASON = 'Veo: the prompt could not be submitted (RAI filtered: child safety)';
const LITELLM_GEMINI = `video_${Buffer.from('litellm:custom_llm_provider:gemini;model_id:veo;video_id:models/veo-3.1/operations/op1').toString('base64')}`;
const LITELLM_GEMINI_DONE = `video_${Buffer.from('litellm:custom_llm_provider:gemini;model_id:veo;video_id:models/veo-3.1/operations/op2').toString('base64')}`;
const UPSTREAM = {
	error: {
		message: "Unknown parameter: 'image'.",
		type: 'invalid_request_error',
		param: 'image',
		code: 'unknown_parameter',
	},
};

let server: Server;
let baseUrl: string;
const seen: string[] = [];

function answer(response: ServerResponse, status: number, body: unknown) {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

function route(request: IncomingMessage, response: ServerResponse) {
	const path = decodeURIComponent((request.url ?? '').split('?')[0]);
	seen.push(`${request.method} ${path}`);
	if (request.method === 'POST' && path === '/v1/videos') {
		return answer(response, 400, {
			code: 'fail_to_fetch_task',
			message: JSON.stringify(UPSTREAM),
			data: null,
		});
	}
	if (path === `/v1/videos/${GEMINI_TASK}`) {
		return answer(response, 200, {
			id: GEMINI_TASK,
			task_id: GEMINI_TASK,
			object: 'video',
			model: 'veo-3.1-generate-preview',
			status: 'failed',
			progress: 100,
			created_at: 1_764_892_800,
		});
	}
	if (path === `/v1/video/generations/${GEMINI_TASK}`) {
		return answer(response, 200, {
			code: 'success',
			data: { task_id: GEMINI_TASK, status: 'FAILURE', fail_reason: REASON, progress: '100%' },
		});
	}
	if (path === `/v1/videos/${LITELLM_GEMINI}`) {
		return answer(response, 200, {
			id: LITELLM_GEMINI,
			object: 'video',
			status: 'processing',
			created_at: 1_764_892_800,
			model: 'gemini/veo-3.1-generate-preview',
		});
	}
	if (path === `/v1/videos/${LITELLM_GEMINI_DONE}`) {
		return answer(response, 200, {
			id: LITELLM_GEMINI_DONE,
			object: 'video',
			status: 'completed',
			created_at: 1_764_892_800,
			model: 'gemini/veo-3.1-generate-preview',
			seconds: '8',
		});
	}
	return answer(response, 404, {
		error: {
			message: `Invalid URL (${request.method} ${path})`,
			type: 'invalid_request_error',
			param: '',
			code: '',
		},
	});
}

beforeAll(async () => {
	server = createServer(route);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => await new Promise((resolve) => server.close(resolve)));
beforeEach(() => (seen.length = 0));

const credentials = (hostType: string) => ({ apiKey: 'sk-test', baseUrl, hostType });
const getAndWait = (videoId: string, waitOptions = {}) => ({
	resource: 'video',
	operation: 'get',
	videoId,
	waitForCompletion: true,
	downloadVideo: false,
	waitOptions: { pollIntervalSeconds: 1, ...waitOptions },
});

describe("new-api's Gemini/Vertex channels fail without an error object", () => {
	test.each(['newApi', 'auto'])(
		'Host Type %s: the wait ends with the reason from /video/generations/{id}, within one status check',
		async (hostType) => {
			const { error } = await runNode({
				credentials: credentials(hostType),
				parameters: getAndWait(GEMINI_TASK),
			});
			expect(error?.message).toBe(
				`Video generation failed: ${REASON} [item 0, video ${GEMINI_TASK}]`,
			);
			expect(seen).toEqual([
				`GET /v1/videos/${GEMINI_TASK}`,
				`GET /v1/video/generations/${GEMINI_TASK}`,
			]);
		},
	);

	test('with Continue On Fail the error item carries the reason too', async () => {
		const { items } = await runNode({
			credentials: credentials('newApi'),
			parameters: getAndWait(GEMINI_TASK),
			continueOnFail: true,
		});
		expect(String(items[0].json.error)).toContain(REASON);
	});
});

describe("LiteLLM's Gemini provider never reports a failure", () => {
	test('the timeout names the provider and its silence (Host Type Auto, recognised by the id)', async () => {
		const { error } = await runNode({
			credentials: credentials('auto'),
			parameters: getAndWait(LITELLM_GEMINI, { timeoutMinutes: 0.04 }),
		});
		expect(error?.message).toBe(
			`Timed out after 2.4 s waiting for video ${LITELLM_GEMINI} (status in_progress): LiteLLM's Gemini provider never reports a failed job (only processing or completed), so this one may have failed at Google without LiteLLM saying so [item 0, video ${LITELLM_GEMINI}]`,
		);
	}, 20_000);
});

describe("LiteLLM's providers that serve no remix", () => {
	test('a Remix of a video its Gemini provider made is refused before the paid request', async () => {
		const { error } = await runNode({
			credentials: credentials('liteLlm'),
			parameters: {
				resource: 'video',
				operation: 'remix',
				videoId: LITELLM_GEMINI_DONE,
				prompt: 'Same, at night',
			},
		});
		expect(error?.message).toBe(
			`LiteLLM's Gemini provider does not offer Remix [item 0, video ${LITELLM_GEMINI_DONE}]`,
		);
		expect(seen.filter((line) => line.startsWith('POST'))).toEqual([]);
	});
});

describe("new-api's fail_to_fetch_task", () => {
	test("shows the upstream's message and code and the model family, not the JSON blob", async () => {
		const { error } = await runNode({
			credentials: credentials('newApi'),
			parameters: {
				resource: 'video',
				operation: 'create',
				prompt: 'A boat',
				model: { __rl: true, mode: 'id', value: 'kling-v2-1' },
				waitForCompletion: false,
			},
		});
		expect(error?.message).toBe(
			"The upstream of kling-v2-1 (Kling) refused the request: Unknown parameter: 'image'. (code unknown_parameter) [item 0]",
		);
		expect(error?.description).toContain("passed on its upstream's error as fail_to_fetch_task");
		expect(seen.filter((line) => line.startsWith('POST'))).toHaveLength(1);
	});
});
