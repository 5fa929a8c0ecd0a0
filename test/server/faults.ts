import type { MatchedRoute } from './routes';
import { ALL_FAULT_KINDS, type FaultKind, type FaultRule } from './types';

/** Whether a fault kind makes sense for a request to this route. */
export function faultApplies(kind: FaultKind, route: MatchedRoute): boolean {
	switch (kind) {
		case 'server-error-after-processing':
		case 'reset-after-processing':
		case 'job-fails':
			return route.createsJob;
		case 'mid-download-reset':
		case 'truncated-body':
		case 'expired':
			return route.isContent;
		case 'malformed-json':
			return !route.isContent;
		default:
			return true;
	}
}

/** Deterministic PRNG, so a seeded soak run sees the same faults every time. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Chooses the fault for each request: injected rules first (in order), then the seeded rates. */
export class FaultPlan {
	private rules: Array<{ rule: FaultRule; remaining: number }> = [];
	private random: () => number;

	constructor(seed = 1) {
		this.random = mulberry32(seed);
	}

	reseed(seed = 1): void {
		this.random = mulberry32(seed);
	}

	inject(rule: FaultRule): void {
		this.rules.push({ rule, remaining: rule.count ?? 1 });
	}

	clear(): void {
		this.rules = [];
	}

	pick(
		method: string,
		path: string,
		route: MatchedRoute,
		rates: Partial<Record<FaultKind, number>> = {},
	): FaultKind | undefined {
		const ruleEntry = this.rules.find(
			({ rule, remaining }) =>
				remaining > 0 && faultApplies(rule.kind, route) && ruleMatches(rule, method, path),
		);
		if (ruleEntry) {
			ruleEntry.remaining -= 1;
			this.rules = this.rules.filter((entry) => entry.remaining > 0);
			return ruleEntry.rule.kind;
		}
		for (const kind of ALL_FAULT_KINDS) {
			const rate = rates[kind] ?? 0;
			if (rate > 0 && faultApplies(kind, route) && this.random() < rate) return kind;
		}
		return undefined;
	}
}

function ruleMatches(rule: FaultRule, method: string, path: string): boolean {
	if (rule.method && rule.method.toUpperCase() !== method) return false;
	if (rule.path === undefined) return true;
	if (rule.path instanceof RegExp) return rule.path.test(path);
	const wanted = rule.path.replace(/^\/v1(?=\/)/, '').split('/');
	const actual = path.split('/');
	return (
		wanted.length === actual.length &&
		wanted.every((part, i) => part === actual[i] || /^\{.+\}$/.test(part))
	);
}
