import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../base/credential';
import {
	MISSING_SECRET_HELP,
	MISSING_SECRET_MESSAGE,
	SHORT_SECRET_HELP,
	signingSecretProblem,
} from './delivery';

/** The parts of n8n's hook and webhook contexts that reading the secret needs. */
interface SecretContext {
	getNode(): INode;
	getNodeParameter(name: string, fallback?: unknown): unknown;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string): Promise<T>;
}

/** The trigger's own Signing Secret when set, else the credential's Webhook Signing Secret; '' when neither. */
export async function signingSecretOf(ctx: SecretContext): Promise<string> {
	const options = (ctx.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const own = typeof options.signingSecret === 'string' ? options.signingSecret.trim() : '';
	if (own) return own;
	// Without a credential there is no secret to read; the caller refuses with a message that says so.
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE).catch(() => undefined);
	return typeof credentials?.webhookSecret === 'string' ? credentials.webhookSecret.trim() : '';
}

/**
 * Refuses to listen without a secret or with one whose key is too short to prove anything, so
 * that an endpoint that anyone can sign for is never switched on.
 */
export async function assertSigningSecret(ctx: SecretContext): Promise<void> {
	const problem = signingSecretProblem(await signingSecretOf(ctx));
	if (!problem) return;
	throw new NodeOperationError(ctx.getNode(), problem, {
		description: problem === MISSING_SECRET_MESSAGE ? MISSING_SECRET_HELP : SHORT_SECRET_HELP,
	});
}
