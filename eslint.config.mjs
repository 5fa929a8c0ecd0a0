import { config } from '@n8n/node-cli/eslint';

// n8n's own community-node lint setup, unchanged: nothing is switched off for nodes/ or credentials/.
export default config;
