import { startReferenceServer } from '../server';
import { call, formWith } from '../server/test-client';
import { findOperation, validateRequest, validateResponse } from './contract';
import { formToObject } from './form-fields';

const video = {
	id: 'video_1',
	object: 'video',
	model: 'sora-2',
	status: 'completed',
	progress: 100,
	created_at: 1,
	completed_at: 2,
	expires_at: 3602,
	prompt: 'A cat',
	size: '720x1280',
	seconds: '8',
	remixed_from_video_id: null,
	error: null,
};

describe('validateRequest', () => {
	it('finds each of the ten operations by path or template', () => {
		expect(findOperation('POST', '/videos/characters')?.template).toBe('/videos/characters');
		expect(findOperation('GET', '/v1/videos/characters/char_1')?.template).toBe(
			'/videos/characters/{character_id}',
		);
		expect(findOperation('GET', '/videos/video_1/content')?.template).toBe(
			'/videos/{video_id}/content',
		);
		expect(findOperation('POST', '/videos/edits')?.template).toBe('/videos/edits');
		expect(findOperation('PATCH', '/videos/video_1')).toBeUndefined();
	});

	it('accepts valid requests, with the widened seconds and sizes', () => {
		expect(
			validateRequest('POST', '/videos', {
				json: {
					prompt: 'A cat',
					model: 'sora-2-pro',
					seconds: '20',
					size: '1920x1080',
					quality: 'x',
				},
			}),
		).toEqual([]);
		expect(
			validateRequest('GET', '/videos', {
				query: { limit: '100', order: 'asc', after: 'video_1' },
			}),
		).toEqual([]);
		expect(validateRequest('POST', '/videos/video_1/remix', { json: { prompt: 'Again' } })).toEqual(
			[],
		);
		expect(
			validateRequest('POST', '/videos/extensions', {
				form: { prompt: 'More', seconds: '4' },
				files: { video: {} },
			}),
		).toEqual([]);
		expect(
			validateRequest('POST', '/videos/characters', {
				form: { name: 'Mochi' },
				files: { video: {} },
			}),
		).toEqual([]);
	});

	it('catches bad requests', () => {
		expect(validateRequest('POST', '/videos', { json: { prompt: 'A cat', seconds: 8 } })).toEqual([
			'POST /videos request: /seconds must be string',
			'POST /videos request: /seconds must be equal to one of the allowed values (4, 8, 12, 16, 20)',
		]);
		expect(validateRequest('POST', '/videos', { json: { seconds: '5' } })).toEqual([
			"POST /videos request: (root) must have required property 'prompt'",
			'POST /videos request: /seconds must be equal to one of the allowed values (4, 8, 12, 16, 20)',
		]);
		expect(validateRequest('GET', '/videos', { query: { limit: '500', page: '2' } })).toEqual([
			"GET /videos request: query 'limit' must be <= 100",
			"GET /videos request: unexpected query parameter 'page'",
		]);
		expect(validateRequest('POST', '/videos/characters', { json: { name: 'Mochi' } })).toHaveLength(
			1,
		);
		expect(
			validateRequest('POST', '/videos/extensions', {
				json: { prompt: 'More', video: { id: 'v' } },
			}),
		).toHaveLength(1);
		expect(validateRequest('POST', '/videos')).toEqual([
			'POST /videos request: the request body is missing',
		]);
		expect(validateRequest('PUT', '/videos/video_1')).toEqual([
			'PUT /videos/video_1 request: not an operation of the contract',
		]);
	});

	it('skips size/seconds checks for non-sora models in gateway mode only', () => {
		const body = { json: { prompt: 'A cat', model: 'gw-video-1', seconds: 5, size: '720x720' } };
		expect(validateRequest('POST', '/videos', body)).toHaveLength(3);
		expect(validateRequest('POST', '/videos', body, { mode: 'gateway' })).toEqual([]);
		const sora = { json: { prompt: 'A cat', model: 'sora-2', seconds: 5 } };
		expect(validateRequest('POST', '/videos', sora, { mode: 'gateway' })).toHaveLength(2);
	});

	it('reads multipart bracket keys and JSON text as objects', () => {
		expect(
			formToObject(
				{
					'video[id]': 'video_1',
					'characters[0][id]': 'char_1',
					input_reference: '{"image_url":"https://x.test/a.png"}',
				},
				['f'],
			),
		).toEqual({
			video: { id: 'video_1' },
			characters: [{ id: 'char_1' }],
			input_reference: { image_url: 'https://x.test/a.png' },
			f: '(binary)',
		});
		expect(
			validateRequest('POST', '/videos/edits', { form: { prompt: 'x', 'video[id]': 'video_1' } }),
		).toEqual([]);
	});
});

describe('validateResponse', () => {
	it('checks video objects, lists and deletions', () => {
		expect(validateResponse('GET', '/videos/video_1', 200, 'application/json', video)).toEqual([]);
		const list = {
			object: 'list',
			data: [video],
			first_id: 'video_1',
			last_id: 'video_1',
			has_more: false,
		};
		expect(
			validateResponse('GET', '/videos', 200, 'application/json; charset=utf-8', list),
		).toEqual([]);
		expect(
			validateResponse('DELETE', '/videos/video_1', 200, 'application/json', {
				id: 'video_1',
				object: 'video.deleted',
				deleted: true,
			}),
		).toEqual([]);
		const { progress: _progress, ...withoutProgress } = video;
		expect(
			validateResponse('GET', '/videos/video_1', 200, 'application/json', withoutProgress),
		).toEqual(["GET /videos/video_1 response 200: (root) must have required property 'progress'"]);
		expect(validateResponse('GET', '/videos/video_1', 200, 'text/plain', video)).toHaveLength(1);
	});

	it('requires the error shape on 4xx/5xx and ignores binary content', () => {
		const error = {
			error: { message: 'x', type: 'invalid_request_error', param: null, code: null },
		};
		expect(validateResponse('GET', '/videos/video_1', 404, 'application/json', error)).toEqual([]);
		expect(
			validateResponse('GET', '/videos/video_1', 500, 'application/json', { message: 'boom' }),
		).toHaveLength(1);
		expect(validateResponse('GET', '/videos/video_1/content', 200, 'video/mp4', undefined)).toEqual(
			[],
		);
	});
});

describe('the reference server records contract violations', () => {
	it('reports what a bad client sends and stays quiet for a good one', async () => {
		const server = await startReferenceServer({ generationMs: 60_000 });
		try {
			await call(server, 'POST', '/videos', {
				json: { prompt: 'A cat', seconds: '8', size: '1280x720' },
			});
			await call(server, 'POST', '/videos', {
				form: formWith(
					{ prompt: 'A cat', seconds: '4' },
					{ input_reference: 'input-720x1280.png' },
				),
			});
			expect(server.contractViolations).toEqual([]);
			await call(server, 'POST', '/videos', { json: { prompt: 'A cat', seconds: 8 } });
			await call(server, 'GET', '/videos', { query: { limit: 500 } });
			expect(server.contractViolations).toEqual([
				'POST /videos request: /seconds must be string',
				'POST /videos request: /seconds must be equal to one of the allowed values (4, 8, 12, 16, 20)',
				"GET /videos request: query 'limit' must be <= 100",
			]);
		} finally {
			await server.close();
		}
	});
});
