import { describeMatrix } from './matrix';
import { DECEMBER_PAIRS, pairsOf } from './pairs';

/** new-api's ids and families of December (issue 25) in n8n's engine, as the others (a file of their own: jest runs it beside them). */
describe("matrix: new-api's channels, December's ids", () =>
	describeMatrix('newapi', pairsOf('newapi', DECEMBER_PAIRS)));
