/**
 * Tests that need something a machine may lack: ffmpeg, or ../shared beside the checkout. Missing
 * under CI (`CI` set: `.ci/run`, GitHub Actions) the suite fails with `missing`, which says how to
 * get it; elsewhere the tests that need it skip and the console says why.
 */
import path from 'node:path';

/** `has`, after failing the suite under CI (or saying so on the console elsewhere) when it is false. */
export function present(has: boolean, missing: string): boolean {
	if (has) return true;
	if (process.env.CI) throw new Error(missing);
	const suite = expect.getState().testPath;
	const where = suite ? `${path.relative(path.join(__dirname, '..', '..'), suite)}: ` : '';
	console.warn(`${where}${missing}; outside CI what needs it is skipped`);
	return false;
}

/** `test` when `has`, else `test.skip` (see present). */
export function testIf(has: boolean, missing: string): jest.It {
	return present(has, missing) ? test : test.skip;
}
