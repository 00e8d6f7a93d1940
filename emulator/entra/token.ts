import type { Stats } from '../context.ts';
import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { corsHeaders, originOf, preflight, type CorsPolicy } from './cors.ts';
import { EntraError, entraErrorResponse, entraErrors, entraHeaders } from './errors.ts';
import { authorizationCode } from './grants/authorization-code.ts';
import { clientCredentials } from './grants/client-credentials.ts';
import { JWT_BEARER_GRANT, onBehalfOf } from './grants/on-behalf-of.ts';
import { refreshToken } from './grants/refresh-token.ts';
import type { Grant } from './grants/types.ts';
import { param, readForm, type EntraRequest } from './request.ts';

/** The token endpoint answers CORS for loopback origins (SPA redirect URIs), like Entra. */
export const TOKEN_CORS: CorsPolicy = { allow: 'local', methods: ['POST', 'OPTIONS'] };

interface GrantEntry {
  readonly grant: Grant;
  readonly counter: keyof Stats['token'];
}

const GRANTS: ReadonlyMap<string, GrantEntry> = new Map([
  [JWT_BEARER_GRANT, { grant: onBehalfOf, counter: 'obo' }],
  ['authorization_code', { grant: authorizationCode, counter: 'authorization_code' }],
  ['client_credentials', { grant: clientCredentials, counter: 'client_credentials' }],
  ['refresh_token', { grant: refreshToken, counter: 'refresh_token' }],
]);

/**
 * `/{tenant}/oauth2/v2.0/token`: form-encoded POST only. Dispatches on `grant_type`, counts each
 * request in `ctx.stats.token`, and renders success and AADSTS errors with Entra's headers.
 */
export async function tokenEndpoint(request: EntraRequest): Promise<EmuResponse> {
  const { req, meta } = request;
  if (req.method === 'OPTIONS') return preflight(req, TOKEN_CORS);
  const cors = corsHeaders(req, TOKEN_CORS);
  try {
    if (req.method !== 'POST') throw entraErrors.postOnly(req.method);
    const params = await readForm(req);
    const grantType = param(params, 'grant_type');
    if (!grantType) throw entraErrors.missingParameter('grant_type');
    const entry = GRANTS.get(grantType);
    if (!entry) throw entraErrors.unsupportedGrantType(grantType);
    request.ctx.stats.token[entry.counter] += 1;
    const body = await entry.grant({ ...request, params, origin: originOf(req) });
    return json(200, body, { ...entraHeaders(meta), ...cors });
  } catch (error) {
    if (error instanceof EntraError) return entraErrorResponse(error, meta, cors);
    throw error;
  }
}
