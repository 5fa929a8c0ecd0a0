import { describeMatrix } from './matrix';
import { FIRST_PAIRS, pairsOf } from './pairs';

/** new-api's channels (models.md 1.2) in n8n's engine: asked → measured, refused before paying, failed with the reason. */
describe("matrix: new-api's channels", () =>
	describeMatrix('newapi', pairsOf('newapi', FIRST_PAIRS)));
