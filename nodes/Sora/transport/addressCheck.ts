/**
 * Where a URL's host sits, from its literal text alone (no DNS: names that resolve inside are n8n's
 * SSRF guard's job, N8N_SSRF_PROTECTION_ENABLED). WHATWG URL parsing has already turned every
 * IPv4 spelling (0x7f.1, 2130706433, 127.1) into dotted decimal, and IPv6 into its short form.
 */
export type AddressClass =
	| 'public'
	| 'loopback'
	| 'private'
	| 'linkLocal'
	| 'uniqueLocal'
	| 'cgnat'
	| 'unspecified'
	| 'ipv4Mapped';

const CLASS_WORDS: Record<AddressClass, string> = {
	public: 'a public address',
	loopback: 'a loopback address',
	private: 'a private network address',
	linkLocal: 'a link-local address (cloud metadata endpoints live there)',
	uniqueLocal: 'a unique-local IPv6 address',
	cgnat: 'a carrier-grade NAT address',
	unspecified: 'an unspecified address (0.0.0.0)',
	ipv4Mapped: 'an IPv4-mapped IPv6 address',
};

export function describeAddressClass(addressClass: AddressClass): string {
	return CLASS_WORDS[addressClass];
}

function ipv4Octets(host: string): number[] | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
	const octets = parts.map(Number);
	return octets.every((octet) => octet <= 255) ? octets : undefined;
}

function classOfIpv4([a, b]: number[]): AddressClass {
	if (a === 127) return 'loopback';
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
	if (a === 169 && b === 254) return 'linkLocal';
	if (a === 100 && b >= 64 && b <= 127) return 'cgnat';
	if (a === 0) return 'unspecified';
	return 'public';
}

/** The eight 16-bit groups of an IPv6 literal (without brackets), or undefined. */
function ipv6Groups(host: string): number[] | undefined {
	if (!host.includes(':')) return undefined;
	let text = host.toLowerCase();
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (dotted) {
		const octets = ipv4Octets(dotted[1]);
		if (!octets) return undefined;
		const tail = `${((octets[0] << 8) | octets[1]).toString(16)}:${((octets[2] << 8) | octets[3]).toString(16)}`;
		text = text.slice(0, -dotted[1].length) + tail;
	}
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const parse = (half: string) => (half ? half.split(':').map((group) => parseInt(group, 16)) : []);
	const head = parse(halves[0]);
	const tail = halves.length === 2 ? parse(halves[1]) : [];
	const missing = 8 - head.length - tail.length;
	if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
	const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
	return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff)
		? groups
		: undefined;
}

function classOfIpv6(groups: number[]): AddressClass {
	const allZeroUntil = (end: number) => groups.slice(0, end).every((group) => group === 0);
	if (allZeroUntil(7) && groups[7] === 1) return 'loopback';
	if (allZeroUntil(8)) return 'unspecified';
	if (allZeroUntil(5) && groups[5] === 0xffff) return 'ipv4Mapped';
	if ((groups[0] & 0xffc0) === 0xfe80) return 'linkLocal';
	if ((groups[0] & 0xfe00) === 0xfc00) return 'uniqueLocal';
	return 'public';
}

/** The class of a URL's hostname (as `new URL(...).hostname` gives it); a DNS name is `public`. */
export function addressClassOf(hostname: string): AddressClass {
	const host = hostname
		.toLowerCase()
		.replace(/^\[|\]$/g, '')
		.replace(/\.$/, '');
	if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
	const octets = ipv4Octets(host);
	if (octets) return classOfIpv4(octets);
	const groups = ipv6Groups(host);
	if (!groups) return 'public';
	const addressClass = classOfIpv6(groups);
	if (addressClass !== 'ipv4Mapped') return addressClass;
	// An IPv4-mapped address reaches its IPv4 address: classed as that one where it is inside.
	const embedded = classOfIpv4([
		groups[6] >> 8,
		groups[6] & 0xff,
		groups[7] >> 8,
		groups[7] & 0xff,
	]);
	return embedded === 'public' ? 'ipv4Mapped' : embedded;
}

/**
 * Why a URL the host named (a result file, a redirect hop off Base URL's origin) must not be
 * fetched, or undefined. A host inside a network is reached only when Base URL's own host is in
 * the same class (a self-hosted gateway beside its storage); link-local never (metadata endpoints).
 */
export function refusalOfHostNamedUrl(target: URL, base: URL): string | undefined {
	if (target.protocol !== 'https:' && target.protocol !== 'http:')
		return `its scheme ${target.protocol} is not http(s)`;
	if (base.protocol === 'https:' && target.protocol !== 'https:')
		return 'it is plain http while Base URL is https';
	if (target.username || target.password) return 'it carries a user name or password';
	const targetClass = addressClassOf(target.hostname);
	if (targetClass === 'public') return undefined;
	if (targetClass === 'linkLocal') return `its host is ${describeAddressClass(targetClass)}`;
	if (addressClassOf(base.hostname) === targetClass) return undefined;
	return `its host is ${describeAddressClass(targetClass)} and Base URL's is not`;
}
