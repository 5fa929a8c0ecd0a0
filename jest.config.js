/**
 * `npm test`: every test but the slow suites (the soak, the webhook load test, the fuzzing), which
 * `npm run test:slow` runs (jest.slow.config.js). The node's own waits are milliseconds in both
 * (test/harness/fastTiming.ts).
 */
const { availableParallelism } = require('node:os');

const slowSuites = [
	'test/reliability/soak.test.ts',
	'test/reliability/webhookLoad.test.ts',
	'test/fuzz/',
];

/** @type {import('jest').Config} */
const base = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
	setupFiles: ['<rootDir>/test/harness/fastTiming.ts'],
	testTimeout: 60000,
	// The suites mostly wait on the loopback reference server, not the CPU (2 cores ran 2 workers at
	// 132% CPU): one worker more than there are cores.
	maxWorkers: availableParallelism() + 1,
	globalSetup: '<rootDir>/test/setup/ffmpeg.global.ts',
};

module.exports = {
	...base,
	testPathIgnorePatterns: ['/node_modules/', ...slowSuites.map((suite) => `<rootDir>/${suite}`)],
};

/** The slow suites alone, one at a time (load tests), (not a Jest option: jest.slow.config.js reads it). */
Object.defineProperty(module.exports, 'slow', {
	value: {
		...base,
		maxWorkers: 1,
		testMatch: slowSuites.map(
			(suite) => `<rootDir>/${suite}${suite.endsWith('/') ? '**/*.test.ts' : ''}`,
		),
	},
});
