import { describeMatrix } from './matrix';
import { pairsOf } from './pairs';

/** LiteLLM, LaoZhang, CometAPI, AiHubMix and OpenRouter (models.md 2-4) in n8n's engine. */
describe('matrix: LiteLLM', () => describeMatrix('litellm', pairsOf('litellm')));
describe('matrix: LaoZhang', () => describeMatrix('laozhang', pairsOf('laozhang')));
describe('matrix: CometAPI', () => describeMatrix('cometapi', pairsOf('cometapi')));
describe('matrix: AiHubMix', () => describeMatrix('aihubmix', pairsOf('aihubmix')));
describe('matrix: OpenRouter', () => describeMatrix('openrouter', pairsOf('openrouter')));
