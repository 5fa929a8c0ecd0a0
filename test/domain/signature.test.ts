import { createHmac } from 'node:crypto';
import {
	computeWebhookSignature,
	verifyWebhookSignature,
} from '../../nodes/shared/webhookSignatures';

// Independent reference: HMAC-SHA256 over "id.timestamp.body" as raw bytes.
function reference(key: Buffer, id: string, timestamp: string, body: Buffer): string {
	const hmac = createHmac('sha256', key);
	hmac.update(`${id}.${timestamp}.`);
	hmac.update(body);
	return `v1,${hmac.digest('base64')}`;
}

const KEY = Buffer.from('a secret key of 24 bytes', 'utf8');
const SECRET = `whsec_${KEY.toString('base64')}`;
const ID = 'msg_2Lh9KRb0pzN4LePd3XiA4pvKCQ2';
const NOW = 1_767_225_600;
const BODY = Buffer.from(
	'{"id":"evt_123","object":"event","created_at":1767225600,"type":"video.completed","data":{"id":"video_123"}}',
	'utf8',
);

function headersFor(
	signature: string,
	overrides: Record<string, string | string[] | undefined> = {},
) {
	return {
		'webhook-id': ID,
		'webhook-timestamp': String(NOW),
		'webhook-signature': signature,
		...overrides,
	};
}

describe('computeWebhookSignature', () => {
	it('decodes a whsec_ secret as base64 key bytes', () => {
		expect(computeWebhookSignature(SECRET, ID, NOW, BODY)).toBe(
			reference(KEY, ID, String(NOW), BODY),
		);
	});

	it('uses the UTF-8 bytes of a secret without the prefix', () => {
		expect(computeWebhookSignature('plain secret ✓', ID, NOW, BODY)).toBe(
			reference(Buffer.from('plain secret ✓', 'utf8'), ID, String(NOW), BODY),
		);
	});

	it('accepts the body as a string (UTF-8) or a Buffer with the same result', () => {
		expect(computeWebhookSignature(SECRET, ID, NOW, BODY.toString('utf8'))).toBe(
			computeWebhookSignature(SECRET, ID, NOW, BODY),
		);
	});

	it('matches the Standard Webhooks reference vector', () => {
		// From the standard-webhooks specification test suite.
		expect(
			computeWebhookSignature(
				'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
				'msg_p5jXN8AQM9LWM0D4loKWxJek',
				1614265330,
				'{"test": 2432232314}',
			),
		).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
	});
});

describe('verifyWebhookSignature', () => {
	const good = reference(KEY, ID, String(NOW), BODY);

	it('accepts a correct signature', () => {
		expect(
			verifyWebhookSignature({
				secret: SECRET,
				headers: headersFor(good),
				rawBody: BODY,
				nowSeconds: NOW,
			}),
		).toEqual({
			ok: true,
		});
	});

	it('accepts a signature among several, ignoring other versions', () => {
		const wrong = reference(Buffer.from('old key'), ID, String(NOW), BODY);
		const header = `v1a,${good.slice(3)} ${wrong}   v2,abc ${good}`;
		expect(
			verifyWebhookSignature({
				secret: SECRET,
				headers: headersFor(header),
				rawBody: BODY,
				nowSeconds: NOW,
			}),
		).toEqual({
			ok: true,
		});
	});

	it('refuses a valid signature tagged with another version', () => {
		const header = `v2,${good.slice(3)}`;
		expect(
			verifyWebhookSignature({
				secret: SECRET,
				headers: headersFor(header),
				rawBody: BODY,
				nowSeconds: NOW,
			}),
		).toEqual({
			ok: false,
			reason: 'bad-signature',
		});
	});

	it('matches header names in any case and accepts repeated signature headers', () => {
		const headers = {
			'Webhook-Id': ID,
			'WEBHOOK-TIMESTAMP': [String(NOW)],
			'Webhook-Signature': ['v1,bm90IGl0', good],
		};
		expect(
			verifyWebhookSignature({ secret: SECRET, headers, rawBody: BODY, nowSeconds: NOW }),
		).toEqual({ ok: true });
	});

	it('refuses the wrong secret', () => {
		expect(
			verifyWebhookSignature({
				secret: `whsec_${Buffer.from('another key').toString('base64')}`,
				headers: headersFor(good),
				rawBody: BODY,
				nowSeconds: NOW,
			}),
		).toEqual({ ok: false, reason: 'bad-signature' });
	});

	it('does not treat a whsec_ secret as its literal text', () => {
		const literal = reference(Buffer.from(SECRET, 'utf8'), ID, String(NOW), BODY);
		expect(
			verifyWebhookSignature({
				secret: SECRET,
				headers: headersFor(literal),
				rawBody: BODY,
				nowSeconds: NOW,
			}),
		).toEqual({ ok: false, reason: 'bad-signature' });
	});

	it('verifies the raw body bytes exactly', () => {
		const latin1 = Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]); // {"n":"é"} in Latin-1, not UTF-8
		const signature = reference(KEY, ID, String(NOW), latin1);
		expect(
			verifyWebhookSignature({
				secret: SECRET,
				headers: headersFor(signature),
				rawBody: latin1,
				nowSeconds: NOW,
			}),
		).toEqual({ ok: true });
		// Re-encoding through a string would change the bytes and break the signature.
		const reEncoded = Buffer.from(latin1.toString('utf8'), 'utf8');
		expect(reEncoded.equals(latin1)).toBe(false);
		expect(
			verifyWebhookSignature({
				secret: SECRET,
				headers: headersFor(signature),
				rawBody: reEncoded,
				nowSeconds: NOW,
			}),
		).toEqual({ ok: false, reason: 'bad-signature' });
		// Whitespace differences after JSON re-serialisation also break it.
		const reformatted = Buffer.from(JSON.stringify(JSON.parse(BODY.toString()), null, 1));
		expect(
			verifyWebhookSignature({
				secret: SECRET,
				headers: headersFor(good),
				rawBody: reformatted,
				nowSeconds: NOW,
			}),
		).toEqual({ ok: false, reason: 'bad-signature' });
	});

	it('refuses a tampered id or timestamp', () => {
		expect(
			verifyWebhookSignature({
				secret: SECRET,
				headers: headersFor(good, { 'webhook-id': 'msg_other' }),
				rawBody: BODY,
				nowSeconds: NOW,
			}),
		).toEqual({ ok: false, reason: 'bad-signature' });
		expect(
			verifyWebhookSignature({
				secret: SECRET,
				headers: headersFor(good, { 'webhook-timestamp': String(NOW + 1) }),
				rawBody: BODY,
				nowSeconds: NOW,
			}),
		).toEqual({ ok: false, reason: 'bad-signature' });
	});

	it('refuses malformed and truncated signatures', () => {
		for (const header of [
			'v1,',
			'v1',
			good.slice(0, -2),
			`${good}x`,
			'garbage',
			`v1,${'A'.repeat(44)}`,
		]) {
			expect(
				verifyWebhookSignature({
					secret: SECRET,
					headers: headersFor(header),
					rawBody: BODY,
					nowSeconds: NOW,
				}),
			).toEqual({ ok: false, reason: 'bad-signature' });
		}
	});

	describe('timestamps', () => {
		function at(timestamp: number, nowSeconds: number, toleranceSeconds?: number) {
			const signature = reference(KEY, ID, String(timestamp), BODY);
			return verifyWebhookSignature({
				secret: SECRET,
				headers: headersFor(signature, { 'webhook-timestamp': String(timestamp) }),
				rawBody: BODY,
				nowSeconds,
				toleranceSeconds,
			});
		}

		it('accepts up to 300 s in the past or the future', () => {
			expect(at(NOW - 300, NOW)).toEqual({ ok: true });
			expect(at(NOW + 300, NOW)).toEqual({ ok: true });
		});

		it('refuses an expired timestamp', () => {
			expect(at(NOW - 301, NOW)).toEqual({ ok: false, reason: 'timestamp-out-of-tolerance' });
			expect(at(NOW - 86_400, NOW)).toEqual({ ok: false, reason: 'timestamp-out-of-tolerance' });
		});

		it('refuses a timestamp from the future', () => {
			expect(at(NOW + 301, NOW)).toEqual({ ok: false, reason: 'timestamp-out-of-tolerance' });
		});

		it('honours a custom tolerance', () => {
			expect(at(NOW - 20, NOW, 10)).toEqual({ ok: false, reason: 'timestamp-out-of-tolerance' });
			expect(at(NOW - 600, NOW, 900)).toEqual({ ok: true });
		});

		it.each(['abc', '1.5', '-100', '', '1e9', ' '])('refuses the timestamp %p', (timestamp) => {
			const result = verifyWebhookSignature({
				secret: SECRET,
				headers: headersFor(good, { 'webhook-timestamp': timestamp }),
				rawBody: BODY,
				nowSeconds: NOW,
			});
			expect(result.ok).toBe(false);
			if (!result.ok) expect(['bad-timestamp', 'missing-headers']).toContain(result.reason);
		});

		it('reports bad-timestamp for a non-numeric value', () => {
			expect(
				verifyWebhookSignature({
					secret: SECRET,
					headers: headersFor(good, { 'webhook-timestamp': 'yesterday' }),
					rawBody: BODY,
					nowSeconds: NOW,
				}),
			).toEqual({ ok: false, reason: 'bad-timestamp' });
		});
	});

	it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
		'refuses a request without %s',
		(name) => {
			const headers: Record<string, string | undefined> = headersFor(good);
			delete headers[name];
			expect(
				verifyWebhookSignature({ secret: SECRET, headers, rawBody: BODY, nowSeconds: NOW }),
			).toEqual({
				ok: false,
				reason: 'missing-headers',
			});
			expect(
				verifyWebhookSignature({
					secret: SECRET,
					headers: { ...headersFor(good), [name]: '' },
					rawBody: BODY,
					nowSeconds: NOW,
				}),
			).toEqual({ ok: false, reason: 'missing-headers' });
		},
	);

	it.each(['', '   ', 'whsec_'])('refuses to verify with the secret %p', (secret) => {
		expect(
			verifyWebhookSignature({ secret, headers: headersFor(good), rawBody: BODY, nowSeconds: NOW }),
		).toEqual({
			ok: false,
			reason: 'no-secret',
		});
	});

	it('round-trips with computeWebhookSignature', () => {
		const signature = computeWebhookSignature('my-plain-secret', ID, NOW, BODY);
		expect(
			verifyWebhookSignature({
				secret: 'my-plain-secret',
				headers: headersFor(signature),
				rawBody: BODY,
				nowSeconds: NOW + 12,
			}),
		).toEqual({ ok: true });
	});
});
