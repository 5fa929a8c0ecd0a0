import { readFixture, startReferenceServer, type ReferenceServer } from './index';
import { call, expectApiError, formWith } from './test-client';

let server: ReferenceServer;

beforeAll(async () => {
	server = await startReferenceServer({ generationMs: 60_000 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const create = (json: Record<string, unknown>) => call(server, 'POST', '/videos', { json });

describe('POST /videos parameters', () => {
	it('requires a prompt of 1 to 32000 characters', async () => {
		const missing = expectApiError(
			await create({ seconds: '4' }),
			400,
			'missing_required_parameter',
		);
		expect(missing.param).toBe('prompt');
		expectApiError(await create({ prompt: '' }), 400, 'empty_string');
		expectApiError(await create({ prompt: 'x'.repeat(32001) }), 400, 'string_above_max_length');
		expect((await create({ prompt: 'x'.repeat(32000) })).status).toBe(200);
		expect(server.createCount).toBe(1);
	});

	it('takes seconds 4, 8, 12, 16, 20 as strings (and numbers), nothing else', async () => {
		for (const seconds of ['4', '8', '12', '16', '20', 12]) {
			const created = await create({ prompt: 'A cat', seconds });
			expect(created.status).toBe(200);
			expect(created.json.seconds).toBe(String(seconds));
		}
		const error = expectApiError(
			await create({ prompt: 'A cat', seconds: '5' }),
			400,
			'invalid_value',
		);
		expect(error.param).toBe('seconds');
	});

	it('takes the sizes of each model family; other models are free', async () => {
		expect((await create({ prompt: 'A cat', size: '1280x720' })).status).toBe(200);
		expectApiError(await create({ prompt: 'A cat', size: '1792x1024' }), 400, 'invalid_value');
		expectApiError(
			await create({ prompt: 'A cat', model: 'sora-2-2025-12-08', size: '1920x1080' }),
			400,
			'invalid_value',
		);
		for (const size of ['1024x1792', '1792x1024', '1080x1920', '1920x1080']) {
			expect((await create({ prompt: 'A cat', model: 'sora-2-pro', size })).status).toBe(200);
		}
		expect(
			(await create({ prompt: 'A cat', model: 'sora-2-pro-2025-10-06', size: '1920x1080' })).status,
		).toBe(200);
		const other = await create({ prompt: 'A cat', model: 'another-video-model', size: '640x640' });
		expect(other.json).toMatchObject({ model: 'another-video-model', size: '640x640' });
	});

	it('accepts up to 2 existing characters', async () => {
		const character = await call(server, 'POST', '/videos/characters', {
			form: formWith({ name: 'Mochi' }, { video: 'video.mp4' }),
		});
		const id = character.json.id;
		expect((await create({ prompt: 'Mochi dances', characters: [{ id }, { id }] })).status).toBe(
			200,
		);
		expectApiError(
			await create({ prompt: 'Mochi', characters: [{ id }, { id }, { id }] }),
			400,
			'array_above_max_length',
		);
		expectApiError(
			await create({ prompt: 'Mochi', characters: [{ id: 'char_unknown' }] }),
			400,
			'invalid_value',
		);
	});

	it('answers a malformed JSON body with 400', async () => {
		const answer = await call(server, 'POST', '/videos', {
			headers: { 'content-type': 'application/json' },
			raw: '{"prompt": "A c',
		});
		expect(expectApiError(answer, 400).message).toMatch(/could not parse the JSON body/);
		expect(server.contractViolations).toEqual([
			expect.stringMatching(/^POST \/videos request: We could not parse/),
		]);
	});
});

describe('input_reference', () => {
	it.each([
		['input-720x1280.png', '720x1280', 'sora-2'],
		['input-1280x720.jpg', '1280x720', 'sora-2'],
		['input-720x1280.webp', '720x1280', 'sora-2'],
		['input-1024x1792.png', '1024x1792', 'sora-2-pro'],
	])('accepts %s for size %s', async (file, size, model) => {
		const form = formWith({ prompt: 'A cat', size, model }, { input_reference: file });
		const created = await call(server, 'POST', '/videos', { form });
		expect(created.status).toBe(200);
		expect(server.requests[0].form).toEqual({ prompt: 'A cat', size, model });
		expect(server.requests[0].files?.input_reference).toMatchObject({
			filename: file,
			size: readFixture(file).length,
		});
		expect(server.contractViolations).toEqual([]);
	});

	it('rejects a GIF and an image of the wrong size', async () => {
		const gif = formWith({ prompt: 'A cat' }, { input_reference: 'input-720x1280.gif' });
		expectApiError(await call(server, 'POST', '/videos', { form: gif }), 400, 'unsupported_file');
		const small = formWith({ prompt: 'A cat' }, { input_reference: 'input-640x480.png' });
		const error = expectApiError(await call(server, 'POST', '/videos', { form: small }), 400);
		expect(error.message).toBe('Inpaint image must match the requested width and height');
		const wrongOrientation = formWith(
			{ prompt: 'A cat' },
			{ input_reference: 'input-1280x720.jpg' },
		);
		expectApiError(await call(server, 'POST', '/videos', { form: wrongOrientation }), 400);
	});

	it('checks a data URL by its bytes and takes an http URL as it is', async () => {
		const dataUrl = `data:image/png;base64,${readFixture('input-720x1280.png').toString('base64')}`;
		expect(
			(await create({ prompt: 'A cat', input_reference: { image_url: dataUrl } })).status,
		).toBe(200);
		const wrong = `data:image/png;base64,${readFixture('input-640x480.png').toString('base64')}`;
		expectApiError(await create({ prompt: 'A cat', input_reference: { image_url: wrong } }), 400);
		expect(
			(
				await create({
					prompt: 'A cat',
					input_reference: { image_url: 'https://example.com/cat.png' },
				})
			).status,
		).toBe(200);
		expectApiError(await create({ prompt: 'A cat', input_reference: {} }), 400, 'invalid_value');
		const viaForm = formWith({ prompt: 'A cat', 'input_reference[image_url]': dataUrl });
		expect((await call(server, 'POST', '/videos', { form: viaForm })).status).toBe(200);
	});
});
