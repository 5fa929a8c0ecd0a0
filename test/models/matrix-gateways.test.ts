import { describeMatrix } from './matrix';

/** LiteLLM, LaoZhang, CometAPI, AiHubMix and OpenRouter (models.md 2-4) in n8n's engine. */
describe('matrix: LiteLLM', () => describeMatrix('litellm'));
describe('matrix: LaoZhang', () => describeMatrix('laozhang'));
describe('matrix: CometAPI', () => describeMatrix('cometapi'));
describe('matrix: AiHubMix', () => describeMatrix('aihubmix'));
describe('matrix: OpenRouter', () => describeMatrix('openrouter'));
