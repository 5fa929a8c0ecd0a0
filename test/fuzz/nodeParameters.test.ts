/**
 * Fuzzing the Sora node's parameters (random strings, huge values, wrong types, unicode,
 * expressions resolving to objects/arrays/null, wrong binary data) in n8n-core's engine against
 * the reference server. Every case must end, within its time limit, in a result or a clear error
 * (message or error item): never a rejected run, a raw JavaScript error, a hang or a timer overflow.
 * Seeded: FUZZ_SEED=<n> FUZZ_CASES=<n> npx jest test/fuzz/nodeParameters reproduces a run.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { HarnessItem } from '../harness/inputNode';
import { startReferenceServer, type ReferenceServer } from '../server';
import { readFixture } from '../server/fixtures';
import { runCase, type CaseOutcome } from './harness';
import { Random } from './random';

/**
 * Bugs the fuzzer finds and nobody has fixed yet (each with a test.failing below holding its
 * minimal case): a failure matching one is listed, not failed. None open now; the fixed ones
 * keep their minimal case as a regular test below.
 */
const KNOWN_BUGS: Array<{ id: string; matches: (mutations: string[], detail: string) => boolean }> =
	[];

const SEED = Number(process.env.FUZZ_SEED ?? 20261001);
const CASES = Number(process.env.FUZZ_CASES ?? 120);
const CASE_LIMIT_MS = 8_000;

let server: ReferenceServer;
beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 50 });
});
afterAll(async () => await server.close());

const model = { __rl: true, mode: 'id', value: 'sora-2' };
const fastWait = { pollIntervalSeconds: 1, timeoutMinutes: 0.1 };

/** Valid parameters of each operation, and the names worth mutating. */
const OPERATIONS: Record<string, { base: INodeParameters; fields: string[] }> = {
	create: {
		base: {
			resource: 'video',
			operation: 'create',
			prompt: 'A paper boat',
			model,
			duration: 4,
			size: '720x1280',
			waitOptions: fastWait,
		},
		fields: [
			'prompt',
			'model',
			'duration',
			'aspectRatio',
			'resolution',
			'size',
			'customSize',
			'referenceImage',
			'referenceImageBinaryProperty',
			'referenceImageUrl',
			'lastFrame',
			'lastFrameBinaryProperty',
			'lastFrameUrl',
			'options.generateAudio',
			'options.seed',
			'options.negativePrompt',
			'waitForCompletion',
			'downloadVideo',
			'binaryPropertyName',
			'options',
			'options.additionalBodyFields',
			'options.characterIds',
			'options.maxEstimatedCostUsd',
			'waitOptions',
			'waitOptions.maxConcurrentJobs',
			'waitOptions.pollIntervalSeconds',
			'waitOptions.timeoutMinutes',
			'waitOptions.onTimeout',
		],
	},
	remix: {
		base: {
			resource: 'video',
			operation: 'remix',
			videoId: 'SEEDED',
			prompt: 'Again',
			waitOptions: fastWait,
		},
		fields: [
			'videoId',
			'prompt',
			'options',
			'options.additionalBodyFields',
			'waitForCompletion',
			'binaryPropertyName',
		],
	},
	edit: {
		base: {
			resource: 'video',
			operation: 'edit',
			videoSource: 'id',
			videoId: 'SEEDED',
			prompt: 'Edit',
			waitOptions: fastWait,
		},
		fields: [
			'videoSource',
			'videoId',
			'videoBinaryProperty',
			'prompt',
			'options.additionalBodyFields',
			'waitForCompletion',
		],
	},
	extend: {
		base: {
			resource: 'video',
			operation: 'extend',
			videoSource: 'id',
			videoId: 'SEEDED',
			prompt: 'More',
			duration: 4,
			waitOptions: fastWait,
		},
		fields: [
			'videoSource',
			'videoId',
			'videoBinaryProperty',
			'prompt',
			'duration',
			'options.additionalBodyFields',
		],
	},
	get: {
		base: { resource: 'video', operation: 'get', videoId: 'SEEDED', waitOptions: fastWait },
		fields: [
			'videoId',
			'waitForCompletion',
			'downloadVideo',
			'binaryPropertyName',
			'waitOptions.onTimeout',
		],
	},
	download: {
		base: { resource: 'video', operation: 'download', videoId: 'SEEDED' },
		fields: ['videoId', 'variant', 'binaryPropertyName'],
	},
	list: {
		base: { resource: 'video', operation: 'list', returnAll: false, limit: 5 },
		fields: ['returnAll', 'limit', 'order'],
	},
	delete: {
		base: { resource: 'video', operation: 'delete', videoId: 'SEEDED' },
		fields: ['videoId'],
	},
	characterCreate: {
		base: { resource: 'character', operation: 'create', name: 'Mia', videoBinaryProperty: 'data' },
		fields: ['name', 'videoBinaryProperty'],
	},
	characterGet: {
		base: { resource: 'character', operation: 'get', characterId: 'char_x' },
		fields: ['characterId'],
	},
	unknown: { base: { resource: 'video', operation: 'create' }, fields: ['resource', 'operation'] },
};

function binaryVariants(random: Random): HarnessItem['binary'] {
	const png = readFixture('input-720x1280.png');
	const mp4 = readFixture('video.mp4');
	const kind = random.int(0, 9);
	const file = (data: Buffer, fileName: string, mimeType: string) => ({
		data: { data, fileName, mimeType },
	});
	switch (kind) {
		case 0:
			return file(Buffer.alloc(0), 'empty.png', 'image/png');
		case 1:
			return file(png.subarray(0, random.int(1, 33)), 'truncated.png', 'image/png');
		case 2:
			return file(random.bytes(random.int(1, 4096)), 'random.png', 'image/png');
		case 3:
			return file(
				Buffer.concat([png.subarray(0, 16), Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])]),
				'huge.png',
				'image/png',
			);
		case 4:
			return file(png, 'ok.png', 'image/png');
		case 5:
			return file(mp4.subarray(0, random.int(0, 64)), 'cut.mp4', 'video/mp4');
		case 6:
			return file(mp4, 'ok.mp4', 'video/mp4');
		case 7:
			return file(
				Buffer.from([0xff, 0xd8, 0xff, ...random.bytes(random.int(0, 40))]),
				'jpeg.jpg',
				'image/jpeg',
			);
		case 8:
			return file(
				Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8X', 'latin1'),
				'webp.webp',
				'image/webp',
			);
		// ('__proto__' as a key would make the harness's own Input node set the prototype of item.binary: not something n8n produces)
		default:
			return {
				[random.pick(['other', 'constructor', 'toString', ''])]: {
					data: png,
					fileName: 'x.png',
					mimeType: 'image/png',
				},
			};
	}
}

function setPath(target: INodeParameters, path: string, value: unknown) {
	const [head, child] = path.split('.');
	if (!child) {
		if (value === undefined) delete target[head];
		else target[head] = value as never;
		return;
	}
	const current = target[head];
	const bag = (
		current && typeof current === 'object' && !Array.isArray(current)
			? { ...(current as object) }
			: {}
	) as INodeParameters;
	if (value === undefined) delete bag[child];
	else bag[child] = value as never;
	target[head] = bag;
}

interface FuzzCase {
	index: number;
	operation: string;
	parameters: INodeParameters;
	items: HarnessItem[];
	continueOnFail: boolean;
	mutations: string[];
}

function makeCase(random: Random, index: number, seededVideo: string): FuzzCase {
	const operation = random.pick(Object.keys(OPERATIONS));
	const spec = OPERATIONS[operation];
	const parameters = JSON.parse(
		JSON.stringify(spec.base).replaceAll('SEEDED', seededVideo),
	) as INodeParameters;
	const mutations: string[] = [];
	for (let n = random.int(1, 3); n > 0; n--) {
		const field = random.pick(spec.fields);
		let value = random.value();
		// Wait caps are the user's to set; keep them from making a case legitimately slow.
		if (field === 'waitOptions' && value && typeof value === 'object' && !Array.isArray(value))
			value = { ...fastWait, ...(value as object) };
		if (
			/pollIntervalSeconds|timeoutMinutes/.test(field) &&
			typeof value === 'number' &&
			value > 0.2 &&
			value < 1e6
		)
			value = 0.1;
		setPath(parameters, field, value);
		mutations.push(`${field}=${JSON.stringify(value)?.slice(0, 80)}`);
	}
	if (operation === 'create' && random.bool(0.3)) setPath(parameters, 'referenceImage', 'binary');
	if ((operation === 'edit' || operation === 'extend') && random.bool(0.3))
		setPath(parameters, 'videoSource', 'binary');
	const items: HarnessItem[] = Array.from({ length: random.int(1, 3) }, () => ({
		json: {
			value: random.value(),
			obj: { a: random.value() },
			arr: [random.value(), random.value()],
			huge: 'y'.repeat(random.pick([10, 100_000])),
		} as never,
		...(random.bool(0.6) ? { binary: binaryVariants(random) } : {}),
	}));
	return { index, operation, parameters, items, continueOnFail: random.bool(0.5), mutations };
}

describe(`fuzzing the node's parameters (seed ${SEED}, ${CASES} cases)`, () => {
	test('every case ends within its time limit in a result or a clear error', async () => {
		const random = new Random(SEED);
		const seeded = await fetch(`${server.url}/videos`, {
			method: 'POST',
			headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
			body: JSON.stringify({
				prompt: 'fuzz source',
				model: 'sora-2',
				seconds: '4',
				size: '720x1280',
			}),
		}).then((r) => r.json() as Promise<{ id: string }>);
		server.completeNow(seeded.id);

		const failures: Array<{ case: FuzzCase; outcome: CaseOutcome }> = [];
		const verdicts: Record<string, number> = {};
		const objectShown: string[] = [];
		const known: string[] = [];
		const started = Date.now();
		for (let index = 0; index < CASES; index++) {
			const fuzzCase = makeCase(random, index, seeded.id);
			const outcome = await runCase(
				{
					parameters: fuzzCase.parameters,
					items: fuzzCase.items,
					continueOnFail: fuzzCase.continueOnFail,
					credentials: { apiKey: 'sk-test', baseUrl: server.url },
				},
				CASE_LIMIT_MS,
			);
			verdicts[outcome.verdict] = (verdicts[outcome.verdict] ?? 0) + 1;
			if (outcome.verdict === 'ok-object-in-message')
				objectShown.push(
					`${fuzzCase.operation} ${fuzzCase.mutations.join(' ')} → ${outcome.detail}`,
				);
			else if (
				outcome.verdict !== 'ok' &&
				KNOWN_BUGS.some((bug) => bug.matches(fuzzCase.mutations, outcome.detail))
			)
				known.push(`${fuzzCase.operation} ${fuzzCase.mutations.join(' ')}`);
			else if (outcome.verdict !== 'ok')
				failures.push({
					case: fuzzCase,
					outcome: { verdict: outcome.verdict, detail: outcome.detail, ms: outcome.ms },
				});
			if (Date.now() - started > 25_000) break;
		}
		const report = failures.map(({ case: c, outcome }) => ({
			case: c.index,
			operation: c.operation,
			mutations: c.mutations,
			continueOnFail: c.continueOnFail,
			verdict: outcome.verdict,
			detail: outcome.detail,
		}));
		if (process.env.FUZZ_VERBOSE)
			console.log(JSON.stringify({ seed: SEED, verdicts, report, objectShown, known }, null, 2));
		expect(report).toEqual([]);
	}, 60_000);
});

// The bugs it found, as minimal cases, run in npm test: test/node/fuzzFindings.test.ts.
