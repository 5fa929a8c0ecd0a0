/** Seeded generators for fuzzing: the same seed gives the same cases, so a failure reproduces. */
import { mulberry32 } from '../server/faults';

export class Random {
	private readonly next: () => number;

	constructor(readonly seed: number) {
		this.next = mulberry32(seed);
	}

	float(): number {
		return this.next();
	}

	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	bool(p = 0.5): boolean {
		return this.next() < p;
	}

	pick<T>(values: readonly T[]): T {
		return values[Math.floor(this.next() * values.length)];
	}

	bytes(length: number): Buffer {
		const out = Buffer.alloc(length);
		for (let i = 0; i < length; i++) out[i] = Math.floor(this.next() * 256);
		return out;
	}

	/** A string from one of several alphabets: ASCII, control characters, unicode, emoji, RTL, lone surrogates. */
	string(maxLength = 40): string {
		const length = this.int(0, maxLength);
		const alphabet = this.pick(ALPHABETS);
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
		return out;
	}

	/** A value of any JSON-ish type, sometimes nested, sometimes huge. */
	value(depth = 0): unknown {
		switch (this.int(0, 13)) {
			case 0:
				return this.string();
			case 1:
				return this.pick(SPECIAL_STRINGS);
			case 2:
				return this.pick(SPECIAL_NUMBERS);
			case 3:
				return this.int(-1000, 1000);
			case 4:
				return this.bool();
			case 5:
				return null;
			case 6:
				return undefined;
			case 7:
				return depth > 2 ? [] : Array.from({ length: this.int(0, 4) }, () => this.value(depth + 1));
			case 8:
				return depth > 2
					? {}
					: Object.fromEntries(
							Array.from({ length: this.int(0, 4) }, () => [
								this.pick(KEYS),
								this.value(depth + 1),
							]),
						);
			case 9:
				return 'x'.repeat(this.pick([1_000, 10_000, 100_000]));
			case 10:
				return this.pick(EXPRESSIONS);
			case 11:
				return this.string(5) + this.pick(SPECIAL_STRINGS);
			case 12:
				return {
					__rl: true,
					mode: this.pick(['id', 'list', 'url', 'nope']),
					value: depth > 2 ? 'x' : this.value(depth + 1),
				};
			default:
				return this.pick([
					'sora-2',
					'sora-2-pro',
					'4',
					'8',
					'12',
					'720x1280',
					'1280x720',
					'video_123',
					'data',
					'',
				]);
		}
	}
}

const ALPHABETS = [
	'abcdefghijklmnopqrstuvwxyz0123456789 ',
	'\u0000\u0001\u0007\b\t\n\v\f\r\u001b\u007f',
	'äöüßéèçñ漢字かなカナ한글ЖЩЯ',
	'😀🎬🚢🌧️👩‍👩‍👧‍👦🏳️‍🌈',
	'\u202e\u200f\u05d0\u05d1\u0627\u0644\u200b\ufeff',
	'\ud800\udfff\udc00\ud83d',
	'{}[]"\'\\/$`=;,:<>&%',
];

const SPECIAL_STRINGS = [
	'',
	' ',
	'\n',
	'null',
	'undefined',
	'NaN',
	'[object Object]',
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'../../etc/passwd',
	'%00',
	'%2e%2e%2f',
	'video_../../x',
	'?a=b&c',
	'#frag',
	'https://',
	'data:',
	'data:image/png;base64,',
	'data:image/png;base64,!!!!',
	'data:text/html;base64,PGgxPg==',
	'javascript:alert(1)',
	'file:///etc/passwd',
	'http://[::1',
	'9'.repeat(400),
	'-1',
	'1e309',
	'0x10',
	'sora-2\u0000',
	'Sora-2-PRO',
	' sora-2 ',
	'4.0',
	'04',
	'720X1280',
	'720x1280x3',
	'{"seed": 7}',
	'{"prompt": "x"}',
	'{"__proto__": {"polluted": true}}',
	'[]',
	'[1,2]',
	'{',
	'"string"',
	'7',
	'true',
	'a,b,c',
	',,,',
	'char_1, char_2, char_3',
	'={{',
	'{{ $json }}',
];

const SPECIAL_NUMBERS = [
	0,
	-0,
	-1,
	0.5,
	1e-9,
	1e308,
	-1e308,
	Number.MAX_SAFE_INTEGER,
	2 ** 31,
	2 ** 53 + 1,
	Infinity,
	-Infinity,
	NaN,
];

const KEYS = [
	'a',
	'seed',
	'prompt',
	'model',
	'__proto__',
	'constructor',
	'header',
	'name',
	'value',
	'id',
	'',
];

/** n8n expressions that resolve (per item) to the wrong type, or fail. */
const EXPRESSIONS = [
	'={{ $json.value }}',
	'={{ $json.obj }}',
	'={{ $json.arr }}',
	'={{ null }}',
	'={{ undefined }}',
	'={{ [1, 2, 3] }}',
	'={{ { a: 1 } }}',
	'={{ 42 }}',
	'={{ true }}',
	'={{ "x".repeat(50000) }}',
	'={{ $json.missing.deep }}',
	'={{ $json.value.toUpperCase() }}',
	'={{ (() => { throw new Error("boom") })() }}',
	'={{ $binary }}',
	'={{ $json }}',
	'={{ NaN }}',
	'={{ 1/0 }}',
	'={{ $json.huge }}',
];
