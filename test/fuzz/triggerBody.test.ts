/**
 * Fuzzing the Sora Trigger's deliveries: random bytes, huge JSON, deep nesting, wrong types for
 * every field, missing data.id, odd headers and content types, signed and unsigned. Every
 * delivery must get an answer within its time limit: 200 (started only for a correctly signed
 * video event), or a 4xx with a message (n8n's own 413/422 included); never a thrown webhook(),
 * a 5xx (with a secret set), a hang, or a start for something that is not a signed video event.
 * Started runs are executed too (Fetch Video on, against the reference server): they end in items
 * or a clear error. A sample goes over real HTTP (undici) through the harness's front.
 * Seeded: FUZZ_SEED=<n> FUZZ_CASES=<n> npx jest test/fuzz/triggerBody reproduces a run.
 */
import { createHmac } from 'node:crypto';

import { request } from 'undici';

import {
	startWebhookFront,
	TriggerHarness,
	type DeliveryRequest,
	type WebhookAnswer,
} from '../harness/runWebhook';
import { startReferenceServer, type ReferenceServer } from '../server';
import { call } from '../server/test-client';
import { newSecret, nowSeconds } from '../trigger/deliveries';
import { RAW_JS_ERROR } from './harness';
import { Random } from './random';

const SEED = Number(process.env.FUZZ_SEED ?? 777);
const CASES = Number(process.env.FUZZ_CASES ?? 1500);
const DELIVERY_LIMIT_MS = 3_000;
const RUN_LIMIT_MS = 8_000;

const secret = newSecret();
let server: ReferenceServer;
let videoId: string;

beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 60_000 });
	const created = await call(server, 'POST', '/videos', {
		json: { prompt: 'fuzz', model: 'sora-2', seconds: '4', size: '720x1280' },
	});
	videoId = created.json.id as string;
	server.completeNow(videoId);
});
afterAll(async () => await server.close());

/** A nested array as JSON text (JSON.stringify itself cannot build one this deep). */
function deepJson(depth: number): string {
	return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

interface BodyCase {
	label: string;
	body: Buffer | string;
	/** Whether this is a video event with a string type and a non-empty string data.id. */
	isVideoEvent: boolean;
}

function bodyCase(random: Random): BodyCase {
	const id = `evt_fuzz_${random.int(0, 1e9)}`;
	const event = (type: unknown, data: unknown, extra: object = {}) =>
		JSON.stringify({ id, object: 'event', created_at: nowSeconds(), type, data, ...extra });
	switch (random.int(0, 12)) {
		case 0:
			return {
				label: 'random bytes',
				body: random.bytes(random.int(0, 2048)),
				isVideoEvent: false,
			};
		case 1:
			return { label: 'random string', body: random.string(200), isVideoEvent: false };
		case 2:
			return {
				label: 'valid event',
				body: event(random.pick(['video.completed', 'video.failed']), { id: videoId }),
				isVideoEvent: true,
			};
		case 3: {
			const type = random.value();
			const ok = typeof type === 'string' && type !== '';
			return {
				label: `type ${JSON.stringify(type)?.slice(0, 40)}`,
				body: event(type, { id: videoId }),
				isVideoEvent: ok,
			};
		}
		case 4: {
			const data = random.value();
			const ok =
				!!data &&
				typeof data === 'object' &&
				!Array.isArray(data) &&
				typeof (data as { id?: unknown }).id === 'string' &&
				(data as { id: string }).id !== '';
			return {
				label: `data ${JSON.stringify(data)?.slice(0, 40)}`,
				body: event('video.completed', data),
				isVideoEvent: ok,
			};
		}
		case 5: {
			const dataId = random.value();
			const ok = typeof dataId === 'string' && dataId !== '';
			return {
				label: `data.id ${JSON.stringify(dataId)?.slice(0, 40)}`,
				body: event('video.completed', { id: dataId }),
				isVideoEvent: ok,
			};
		}
		case 6:
			return {
				label: 'missing data.id',
				body: event('video.completed', { status: 'completed' }),
				isVideoEvent: false,
			};
		case 7:
			return {
				label: 'missing data',
				body: JSON.stringify({ id, type: 'video.completed' }),
				isVideoEvent: false,
			};
		case 8:
			return {
				label: 'huge JSON under 1 MiB',
				body: event(
					'video.completed',
					{ id: videoId },
					{ pad: 'p'.repeat(random.int(500_000, 1_000_000)) },
				),
				isVideoEvent: true,
			};
		case 9:
			return {
				label: 'huge JSON over 1 MiB',
				body: event('video.completed', { id: videoId }, { pad: 'p'.repeat(1_100_000) }),
				isVideoEvent: false,
			};
		case 10: {
			const depth = random.pick([100, 5_000, 50_000]);
			const text = event('video.completed', { id: videoId }).replace(
				/}$/,
				`,"deep":${deepJson(depth)}}`,
			);
			return { label: `deep nesting ${depth}`, body: text, isVideoEvent: true };
		}
		case 11:
			return {
				label: 'JSON of another type',
				body: JSON.stringify(
					random.pick([
						null,
						7,
						'x',
						[1, 2],
						true,
						[{ type: 'video.completed', data: { id: videoId } }],
					]),
				),
				isVideoEvent: false,
			};
		default:
			return {
				label: 'truncated JSON',
				body: event('video.completed', { id: videoId }).slice(0, random.int(1, 60)),
				isVideoEvent: false,
			};
	}
}

type Signing = 'signed' | 'unsigned' | 'wrong-secret' | 'expired' | 'garbage-headers';

/** Standard Webhooks signature over raw bytes (the server's signWebhook takes text). */
function signBytes(signingSecret: string, id: string, timestamp: number, bytes: Buffer): string {
	const key = Buffer.from(signingSecret.slice('whsec_'.length), 'base64');
	return `v1,${createHmac('sha256', key)
		.update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), bytes]))
		.digest('base64')}`;
}

function delivery(random: Random, body: BodyCase, signing: Signing): DeliveryRequest {
	const raw = typeof body.body === 'string' ? Buffer.from(body.body, 'utf8') : body.body;
	const id = `msg_${random.int(0, 1e9)}`;
	const timestamp = signing === 'expired' ? nowSeconds() - 3_600 : nowSeconds();
	const headers: Record<string, string> = {
		'content-type': random.pick([
			'application/json',
			'application/json',
			'text/plain',
			'',
			'application/octet-stream',
			'application/x-www-form-urlencoded',
			'application/json; charset=utf-8',
		]),
		'webhook-id': id,
		'webhook-timestamp': String(timestamp),
	};
	if (!headers['content-type']) delete headers['content-type'];
	if (signing === 'signed' || signing === 'expired')
		headers['webhook-signature'] = signBytes(secret, id, timestamp, raw);
	if (signing === 'wrong-secret')
		headers['webhook-signature'] = signBytes(newSecret(), id, timestamp, raw);
	if (signing === 'garbage-headers') {
		headers['webhook-signature'] = random.pick([
			'v1,',
			'v1',
			',',
			'v2,abc',
			`v1,${'A'.repeat(100_000)}`,
			Array.from({ length: 500 }, () => 'v1,x').join(' '),
			random.string(50),
		]);
		headers['webhook-timestamp'] = random.pick([
			'',
			'-5',
			'1e10',
			'9'.repeat(400),
			'NaN',
			' 12 ',
			String(timestamp),
		]);
		headers['webhook-id'] = random.pick(['', ' ', 'x'.repeat(10_000), random.string(30)]);
		for (const key of Object.keys(headers)) if (headers[key] === '') delete headers[key];
	}
	return { body: raw, headers };
}

function withLimit<T>(promise: Promise<T>, ms: number): Promise<T | 'late'> {
	let timer: NodeJS.Timeout | undefined;
	return Promise.race([
		promise,
		new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms))),
	]).finally(() => clearTimeout(timer));
}

function answerProblem(
	answer: WebhookAnswer,
	body: BodyCase,
	signing: Signing,
): string | undefined {
	if (answer.error) return `webhook() threw: ${answer.error.message}`;
	if (answer.status >= 500) return `answered ${answer.status}`;
	if (![200, 400, 401, 413, 422].includes(answer.status)) return `answered ${answer.status}`;
	if (answer.status !== 200) {
		const message =
			(answer.body as { error?: unknown; message?: unknown } | undefined)?.error ??
			(answer.body as { message?: unknown })?.message;
		if (typeof message !== 'string' || !message.trim())
			return `a ${answer.status} without a message`;
		if (RAW_JS_ERROR.test(message))
			return `a ${answer.status} with a raw JavaScript error: ${message}`;
	}
	if (answer.started && (signing !== 'signed' || !body.isVideoEvent))
		return `started a workflow for ${signing} ${body.label}`;
	return undefined;
}

describe(`fuzzing the trigger's deliveries (seed ${SEED}, ${CASES} cases)`, () => {
	test('every delivery is answered in time with 200 or a 4xx with a message, and starts only for signed video events', async () => {
		const random = new Random(SEED);
		const harness = new TriggerHarness({
			parameters: { fetchVideo: true },
			credentials: { apiKey: 'sk-test', baseUrl: server.url, webhookSecret: secret },
		});
		const problems: string[] = [];
		const statuses: Record<string, number> = {};
		let started = 0;
		const t0 = Date.now();
		for (let index = 0; index < CASES && Date.now() - t0 < 22_000; index++) {
			const body = bodyCase(random);
			const signing = random.pick<Signing>([
				'signed',
				'signed',
				'unsigned',
				'wrong-secret',
				'expired',
				'garbage-headers',
			]);
			const received = await withLimit(
				harness.receive(delivery(random, body, signing)),
				DELIVERY_LIMIT_MS,
			).catch((error: Error) => error);
			const where = `case ${index} (${signing}, ${body.label})`;
			if (received === 'late') {
				problems.push(`${where}: no answer within ${DELIVERY_LIMIT_MS} ms`);
				continue;
			}
			if (received instanceof Error) {
				problems.push(`${where}: rejected: ${received.message}`);
				continue;
			}
			const { answer, run } = received;
			statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
			const problem = answerProblem(answer, body, signing);
			if (problem) problems.push(`${where}: ${problem}`);
			if (!run) continue;
			started++;
			const result = await withLimit(run, RUN_LIMIT_MS).catch((error: Error) => error);
			if (result === 'late')
				problems.push(`${where}: the started run did not end within ${RUN_LIMIT_MS} ms`);
			else if (result instanceof Error)
				problems.push(`${where}: the started run rejected: ${result.message}`);
			else if (result.error && (!result.error.message || RAW_JS_ERROR.test(result.error.message)))
				problems.push(`${where}: run error unclear: ${result.error.message}`);
		}
		if (process.env.FUZZ_VERBOSE)
			console.log(JSON.stringify({ seed: SEED, statuses, started, problems }, null, 2));
		expect(problems).toEqual([]);
		expect(started).toBeGreaterThan(0);
	}, 60_000);

	test('over real HTTP (undici, through the harness front): random bodies get an answer, never a hang or a dropped connection', async () => {
		const random = new Random(SEED + 1);
		// (video.failed events always fetch the video, so the runs need the host too)
		const harness = new TriggerHarness({
			parameters: { fetchVideo: false },
			credentials: { apiKey: 'sk-test', baseUrl: server.url, webhookSecret: secret },
		});
		const front = await startWebhookFront(harness);
		const problems: string[] = [];
		try {
			for (let index = 0; index < 40; index++) {
				const body = bodyCase(random);
				const signing = random.pick<Signing>(['signed', 'unsigned', 'garbage-headers']);
				const { body: payload, headers: raw } = delivery(random, body, signing);
				// HTTP itself cannot carry control characters or non-latin1 text in a header value
				const headers = Object.fromEntries(
					Object.entries(raw ?? {}).map(([name, value]) => [
						name,
						value.replace(/[^\x20-\x7e]/g, '?'),
					]),
				);
				const answer = await withLimit(
					request(front.url, {
						method: 'POST',
						body: payload,
						headers,
						headersTimeout: DELIVERY_LIMIT_MS,
						bodyTimeout: DELIVERY_LIMIT_MS,
					}).then(async (r) => ({ status: r.statusCode, text: await r.body.text() })),
					DELIVERY_LIMIT_MS + 500,
				).catch((error: Error) => error);
				if (answer === 'late' || answer instanceof Error)
					problems.push(
						`case ${index} (${signing}, ${body.label}): ${answer === 'late' ? 'no answer' : answer.message}`,
					);
				else if (answer.status >= 500)
					problems.push(
						`case ${index} (${signing}, ${body.label}): ${answer.status} ${answer.text.slice(0, 200)}`,
					);
			}
			const started = front.answers.filter((a) => a.started).length;
			for (let n = 0; n < started; n++) {
				const run = await withLimit(front.nextRun(), RUN_LIMIT_MS);
				if (run === 'late') problems.push(`run ${n}: did not end within ${RUN_LIMIT_MS} ms`);
				else if (run.error && RAW_JS_ERROR.test(run.error.message))
					problems.push(`run ${n}: ${run.error.message}`);
			}
		} finally {
			await front.close();
		}
		expect(problems).toEqual([]);
	}, 40_000);
});
