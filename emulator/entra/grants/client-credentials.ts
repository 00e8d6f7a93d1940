import { appAccessTokenClaims } from '../claims.ts';
import { authenticateClient } from '../client-auth.ts';
import { entraErrors } from '../errors.ts';
import { param } from '../request.ts';
import { parseScopes } from '../scopes.ts';
import type { Grant } from './types.ts';

/**
 * Client credentials: an app-only token for `{resource}/.default`, as the app's service principal
 * (which has no role assignments). Like Entra, the response carries no `scope`.
 */
export const clientCredentials: Grant = async ({ params, ctx, tenant }) => {
  const client = await authenticateClient(params, ctx, tenant.tenant, { requireCredential: true });
  const scope = param(params, 'scope');
  if (!scope) throw entraErrors.missingParameter('scope');
  const scopes = parseScopes(scope, ctx.seed);
  if (!scopes.resource || !scopes.isDefault || scopes.requested.length !== 1 || scopes.oidc.length > 0) {
    throw entraErrors.clientCredentialsScope(scope);
  }
  const lifetimeSeconds = ctx.options.tokenLifetimeSeconds;
  const accessToken = await ctx.keys.sign(
    appAccessTokenClaims({
      baseUrl: ctx.baseUrl,
      tenantId: tenant.tenant.id,
      nowMs: ctx.now(),
      lifetimeSeconds,
      audience: scopes.audience ?? scopes.resource.audience,
      clientId: client.app.clientId,
      authMethod: client.method,
    }),
  );
  return {
    token_type: 'Bearer',
    expires_in: lifetimeSeconds,
    ext_expires_in: lifetimeSeconds,
    access_token: accessToken,
  };
};
