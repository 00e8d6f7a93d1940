import { validateUserAssertion } from '../assertion.ts';
import { authenticateClient } from '../client-auth.ts';
import { entraErrors } from '../errors.ts';
import { param } from '../request.ts';
import { parseScopes } from '../scopes.ts';
import { findUserByOid, hasConsented } from '../users.ts';
import { issueDelegated } from './issue.ts';
import type { Grant } from './types.ts';

/** `urn:ietf:params:oauth:grant-type:jwt-bearer` with `requested_token_use=on_behalf_of`. */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * On-behalf-of: a confidential client trades the user's token to it (`assertion`) for a token to a
 * downstream resource (ARM). Checks, in Entra's order: client credentials, parameters, the
 * assertion (AADSTS50013 family), the user, and the user's consent (AADSTS65001 consent_required).
 */
export const onBehalfOf: Grant = async ({ params, ctx, state, tenant }) => {
  const client = await authenticateClient(params, ctx, tenant.tenant, { requireCredential: true });
  const use = param(params, 'requested_token_use');
  if (!use) throw entraErrors.missingParameter('requested_token_use');
  if (use !== 'on_behalf_of') throw entraErrors.invalidParameter('requested_token_use', use);
  const assertionToken = param(params, 'assertion');
  if (!assertionToken) throw entraErrors.missingParameter('assertion');
  const scope = param(params, 'scope');
  if (!scope) throw entraErrors.missingParameter('scope');
  const scopes = parseScopes(scope, ctx.seed);
  if (!scopes.resource) throw entraErrors.noResourceScope(scope);

  const assertion = await validateUserAssertion(assertionToken, ctx, tenant.tenant, client.app);
  const user = findUserByOid(ctx, assertion.oid);
  if (!user) throw entraErrors.userNotFound(assertion.oid, tenant.tenant.name);
  if (scopes.resource.requiresConsent && !hasConsented(ctx, user)) {
    throw entraErrors.consentRequired(client.app.clientId, client.app.displayName);
  }
  return issueDelegated({
    ctx,
    state,
    tenant: tenant.tenant,
    app: client.app,
    user,
    scopes,
    authMethod: client.method,
    params,
  });
};
