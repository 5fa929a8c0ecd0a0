import { describeMatrix } from './matrix';

/** new-api's channels (models.md 1.2) in n8n's engine: asked → measured, refused before paying, failed with the reason. */
describe("matrix: new-api's channels", () => describeMatrix('newapi'));
