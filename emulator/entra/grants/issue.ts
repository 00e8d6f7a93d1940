import type { EmulatorContext } from '../../context.ts';
import type { SeedApp, SeedTenant } from '../../seed/types.ts';
import { clientInfo, delegatedAccessTokenClaims, idTokenClaims, type ClientAuthMethod } from '../claims.ts';
import { entraErrors } from '../errors.ts';
import { param } from '../request.ts';
import { parseScopes, responseScope, type RequestedScopes } from '../scopes.ts';
import { opaque, REFRESH_TOKEN_LIFETIME_MS, type EntraState } from '../state.ts';
import { hasConsented, type DirectoryUser } from '../users.ts';
import type { TokenResponseBody } from './types.ts';

/** Microsoft Graph's app id: the audience of access tokens asked for with OIDC scopes only. */
const GRAPH_AUDIENCE = '00000003-0000-0000-c000-000000000000';

/**
 * Client capabilities from the `claims` request parameter (CAE: `{"access_token":{"xms_cc":{"values":["cp1"]}}}`).
 * Malformed JSON is an invalid request, as in Entra.
 */
export function capabilitiesOf(params: URLSearchParams): string[] {
  const raw = param(params, 'claims');
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw entraErrors.invalidParameter('claims', raw);
  }
  const values = (parsed as { access_token?: { xms_cc?: { values?: unknown } } } | null)?.access_token?.xms_cc
    ?.values;
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
}

export interface DelegatedIssue {
  readonly ctx: EmulatorContext;
  readonly state: EntraState;
  readonly tenant: SeedTenant;
  readonly app: SeedApp;
  readonly user: DirectoryUser;
  readonly scopes: RequestedScopes;
  readonly authMethod: ClientAuthMethod;
  readonly params: URLSearchParams;
  /** The `nonce` of the sign-in the grant comes from (authorization code), echoed in the id_token. */
  readonly nonce?: string | undefined;
}

/**
 * Signs a delegated access token and shapes the response as Entra does for every user grant (on-behalf-of
 * included): an `id_token` and `client_info` when the user's identity is asked for (`openid` or `profile`), also
 * without `client_info=1`; `client_info` alone when only `client_info=1` is sent; a `refresh_token` when
 * `offline_access` is asked for; and the `scope` of `responseScope`. MSAL Python's OBO flow depends on the
 * id_token and client_info: azure-identity's `OnBehalfOfCredential` finds its cached token through the account
 * they create, and without them makes a new OBO request on every `get_token`.
 */
export async function issueDelegated(issue: DelegatedIssue): Promise<TokenResponseBody> {
  const { ctx, tenant, app, user, scopes, params } = issue;
  const lifetimeSeconds = ctx.options.tokenLifetimeSeconds;
  const common = { baseUrl: ctx.baseUrl, tenantId: tenant.id, nowMs: ctx.now(), lifetimeSeconds };
  const subject = { oid: user.oid, upn: user.upn, name: user.name };
  const oidcGranted = scopes.oidc.filter((s) => s !== 'offline_access');

  const accessToken = await ctx.keys.sign(
    delegatedAccessTokenClaims({
      ...common,
      user: subject,
      audience: scopes.audience ?? GRAPH_AUDIENCE,
      scp: scopes.resource ? scopes.permissions.join(' ') : oidcGranted.join(' '),
      clientId: app.clientId,
      authMethod: issue.authMethod,
      capabilities: capabilitiesOf(params),
    }),
  );

  // Entra's sign-in answer: an id_token and client_info when the request asks for the user's identity
  // (`openid` / `profile`); client_info also when MSAL asks for it explicitly (`client_info=1`).
  const identity = scopes.oidc.includes('openid') || scopes.oidc.includes('profile');
  const idToken = identity
    ? await ctx.keys.sign(
        idTokenClaims({
          ...common,
          user: subject,
          clientId: app.clientId,
          nonce: issue.nonce,
          oidc: scopes.oidc,
        }),
      )
    : undefined;
  let refreshToken: string | undefined;
  if (scopes.oidc.includes('offline_access')) {
    refreshToken = opaque(48);
    issue.state.refreshTokens.set(refreshToken, {
      clientId: app.clientId,
      oid: user.oid,
      scope: [...scopes.requested, ...scopes.oidc].join(' '),
      expiresAt: ctx.now() + REFRESH_TOKEN_LIFETIME_MS,
    });
  }

  return {
    token_type: 'Bearer',
    scope: responseScope(scopes),
    expires_in: lifetimeSeconds,
    ext_expires_in: lifetimeSeconds,
    access_token: accessToken,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    ...(idToken ? { id_token: idToken } : {}),
    ...(identity || param(params, 'client_info') === '1'
      ? { client_info: clientInfo(user.oid, tenant.id) }
      : {}),
  };
}

export interface StoredGrantRedemption extends Omit<DelegatedIssue, 'scopes' | 'nonce'> {
  /** The scopes the code or refresh token was granted for; used when the request names none. */
  readonly grantedScope: string;
  readonly nonce: string | undefined;
}

/**
 * Redeems a stored user grant (authorization code or refresh token): the request's `scope`, or the
 * grant's first resource; the user must still consent; then a sign-in token response.
 */
export function redeemStoredGrant(redemption: StoredGrantRedemption): Promise<TokenResponseBody> {
  const { ctx, app, user, params, grantedScope, nonce, ...rest } = redemption;
  const requested = param(params, 'scope');
  const scopes = requested
    ? parseScopes(requested, ctx.seed)
    : parseScopes(grantedScope, ctx.seed, { multipleResources: 'first' });
  if (!hasConsented(ctx, user)) throw entraErrors.consentRequired(app.clientId, app.displayName);
  return issueDelegated({ ...rest, ctx, app, user, params, scopes, nonce });
}
