/** The credential both nodes use: the host, its key, and the webhook signing secret. */
export const CREDENTIAL_TYPE = 'soraApi';
