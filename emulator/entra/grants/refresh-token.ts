import { authenticateClient } from '../client-auth.ts';
import { entraErrors } from '../errors.ts';
import { param } from '../request.ts';
import { findUserByOid } from '../users.ts';
import { redeemStoredGrant } from './issue.ts';
import type { Grant } from './types.ts';

/**
 * Refresh token redemption (MSAL's silent renewal after the dev sign-in). Like Entra's, a refresh
 * token is multi-resource: it can be redeemed for any resource the user consented to, and each
 * redemption returns a new refresh token.
 */
export const refreshToken: Grant = async ({ params, ctx, state, tenant }) => {
  const client = await authenticateClient(params, ctx, tenant.tenant, { requireCredential: false });
  const token = param(params, 'refresh_token');
  if (!token) throw entraErrors.missingParameter('refresh_token');
  const grant = state.refreshTokens.get(token);
  if (!grant || grant.clientId !== client.app.clientId) throw entraErrors.invalidRefreshToken();
  if (ctx.now() > grant.expiresAt) {
    state.refreshTokens.delete(token);
    throw entraErrors.grantExpired();
  }
  const user = findUserByOid(ctx, grant.oid);
  if (!user) throw entraErrors.invalidRefreshToken();
  return redeemStoredGrant({
    ctx,
    state,
    tenant: tenant.tenant,
    app: client.app,
    user,
    authMethod: client.method,
    params,
    grantedScope: grant.scope,
    nonce: undefined,
  });
};
