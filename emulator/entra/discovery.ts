import { json } from '../http/respond.ts';
import type { EmuRequest, EmuResponse } from '../http/types.ts';
import { corsHeaders, preflight, type CorsPolicy } from './cors.ts';
import type { EntraRequest } from './request.ts';
import { endpointTenant, issuerTenant, type RoutedTenant } from './tenant.ts';

/**
 * OpenID Connect discovery, v2 (`/{tenant}/v2.0/.well-known/openid-configuration`) and v1
 * (`/{tenant}/.well-known/openid-configuration`). Endpoints live on the emulator's own host, so
 * MSAL's issuer check (same scheme + host + port as the authority) passes.
 */

/** CORS of public documents (discovery, JWKS): readable from any origin. */
export const PUBLIC_DOC_POLICY: CorsPolicy = { allow: '*', methods: ['GET', 'OPTIONS'] };

/** CORS headers of a public document, for any request. */
export const publicDocCors = (req: EmuRequest) => corsHeaders(req, PUBLIC_DOC_POLICY);

/** Headers of public documents: CORS and a day of caching, as Entra sends. */
export const publicDocHeaders = (req: EmuRequest) => ({
  ...publicDocCors(req),
  'cache-control': 'max-age=86400, private',
});

/** Answers a CORS preflight for a public document, or undefined for other methods. */
export function publicDocPreflight(req: EmuRequest): EmuResponse | undefined {
  return req.method === 'OPTIONS' ? preflight(req, PUBLIC_DOC_POLICY) : undefined;
}

export function openIdConfigurationV2(baseUrl: string, t: RoutedTenant): Record<string, unknown> {
  const base = `${baseUrl}/${endpointTenant(t)}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${baseUrl}/${issuerTenant(t)}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nbf',
      'nonce',
      'name',
      'preferred_username',
      'oid',
      'tid',
      'ver',
      'email',
    ],
    tenant_region_scope: null,
    cloud_instance_name: new URL(baseUrl).host,
  };
}

export function openIdConfigurationV1(baseUrl: string, t: RoutedTenant): Record<string, unknown> {
  const base = `${baseUrl}/${endpointTenant(t)}`;
  return {
    token_endpoint: `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: ['openid'],
    issuer: `${baseUrl}/${issuerTenant(t)}/`,
    authorization_endpoint: `${base}/oauth2/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/logout`,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nbf',
      'name',
      'oid',
      'tid',
      'upn',
      'unique_name',
      'ver',
    ],
    tenant_region_scope: null,
    cloud_instance_name: new URL(baseUrl).host,
  };
}

function discovery(version: 'v1' | 'v2') {
  return async ({ req, ctx, tenant }: EntraRequest): Promise<EmuResponse> => {
    const pre = publicDocPreflight(req);
    if (pre) return pre;
    ctx.stats.discovery += 1;
    const doc =
      version === 'v2'
        ? openIdConfigurationV2(ctx.baseUrl, tenant)
        : openIdConfigurationV1(ctx.baseUrl, tenant);
    return json(200, doc, publicDocHeaders(req));
  };
}

export const discoveryV2 = discovery('v2');
export const discoveryV1 = discovery('v1');
