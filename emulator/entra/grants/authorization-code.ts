import { createHash } from 'node:crypto';
import { authenticateClient } from '../client-auth.ts';
import { entraErrors } from '../errors.ts';
import { param } from '../request.ts';
import type { PendingCode } from '../state.ts';
import { findUserByOid } from '../users.ts';
import { redeemStoredGrant } from './issue.ts';
import type { Grant } from './types.ts';

/** RFC 7636: does `verifier` match the code's challenge? */
export function pkceMatches(
  code: Pick<PendingCode, 'codeChallenge' | 'codeChallengeMethod'>,
  verifier: string,
): boolean {
  if (!code.codeChallenge) return false;
  const derived =
    code.codeChallengeMethod === 'S256'
      ? createHash('sha256').update(verifier).digest('base64url')
      : verifier;
  return derived === code.codeChallenge;
}

/**
 * Authorization code redemption (with PKCE). A code is single-use (AADSTS54005 on reuse; any
 * redemption attempt consumes it), lives 10 minutes (AADSTS70008), is bound to its client and
 * redirect URI (AADSTS500112). Public clients must use PKCE; cross-origin (SPA) redemption always
 * must (AADSTS9002325).
 */
export const authorizationCode: Grant = async ({ params, ctx, state, tenant, origin }) => {
  const client = await authenticateClient(params, ctx, tenant.tenant, { requireCredential: false });
  const codeValue = param(params, 'code');
  if (!codeValue) throw entraErrors.missingParameter('code');
  const redirectUri = param(params, 'redirect_uri');
  if (!redirectUri) throw entraErrors.missingParameter('redirect_uri');

  const code = state.codes.get(codeValue);
  if (!code || code.clientId !== client.app.clientId) throw entraErrors.invalidCode();
  if (code.redeemed) throw entraErrors.codeRedeemed();
  code.redeemed = true;
  if (ctx.now() > code.expiresAt) throw entraErrors.grantExpired();
  if (redirectUri !== code.redirectUri) throw entraErrors.replyAddressMismatch(redirectUri, code.redirectUri);

  const verifier = param(params, 'code_verifier');
  if (code.codeChallenge) {
    if (!verifier) throw entraErrors.missingParameter('code_verifier');
    if (!pkceMatches(code, verifier)) throw entraErrors.pkceMismatch();
  } else if (origin) {
    throw entraErrors.pkceRequiredCrossOrigin();
  } else if (client.method === 'none') {
    throw entraErrors.missingClientCredential();
  }

  const user = findUserByOid(ctx, code.oid);
  if (!user) throw entraErrors.invalidCode();
  return redeemStoredGrant({
    ctx,
    state,
    tenant: tenant.tenant,
    app: client.app,
    user,
    authMethod: client.method,
    params,
    grantedScope: code.scope,
    nonce: code.nonce,
  });
};
