import { decodeJwt, decodeProtectedHeader, errors as joseErrors, type JWTPayload } from 'jose';
import type { EmulatorContext } from '../context.ts';
import type { SeedApp, SeedTenant } from '../seed/types.ts';
import { entraErrors, type EntraError } from './errors.ts';
import { issuerFor, v1IssuerFor } from './tenant.ts';

/**
 * Validates the user assertion of an on-behalf-of request the way Entra does: a JWT this directory
 * issued (signature with a known key, RS256), within its time range, issued by this tenant, for
 * this app (client id or an Application ID URI), and a delegated token (`scp`, `oid`).
 */

/** The claims OBO needs from a valid assertion. */
export interface UserAssertion {
  readonly oid: string;
  readonly tid: string;
  readonly upn: string | undefined;
  readonly name: string | undefined;
  readonly scp: string;
  readonly claims: JWTPayload;
}

/** Decodes header and payload or throws AADSTS50027 (not a JWT). */
export function decodeOrThrow(token: string): {
  header: ReturnType<typeof decodeProtectedHeader>;
  payload: JWTPayload;
} {
  try {
    return { header: decodeProtectedHeader(token), payload: decodeJwt(token) };
  } catch {
    throw entraErrors.malformedJwt();
  }
}

/** Maps a jose verification failure to the AADSTS error Entra sends for it. */
function fromJose(error: unknown, nowSeconds: number, payload: JWTPayload): EntraError {
  if (error instanceof joseErrors.JWTExpired)
    return entraErrors.assertionExpired(nowSeconds, payload.exp ?? 0);
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return entraErrors.assertionNotYetValid(nowSeconds, payload.nbf ?? 0);
    return entraErrors.assertionClaim(error.claim);
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return entraErrors.assertionSignature(
      'The provided signature value did not match the expected signature value.',
    );
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JOSENotSupported) {
    return entraErrors.assertionSignature(
      'The token algorithm is not supported; tokens must be signed with RS256.',
    );
  }
  return entraErrors.malformedJwt();
}

export async function validateUserAssertion(
  token: string,
  ctx: EmulatorContext,
  tenant: SeedTenant,
  app: SeedApp,
): Promise<UserAssertion> {
  const { header, payload } = decodeOrThrow(token);
  const nowSeconds = Math.floor(ctx.now() / 1000);
  if (!header.alg || header.alg.toLowerCase() === 'none') {
    throw entraErrors.assertionSignature('The token is not signed.');
  }
  if (header.kid !== ctx.keys.kid) {
    throw entraErrors.assertionSignature(
      `The key was not found., Thumbprint of key used by client: '${header.kid ?? ''}'`,
    );
  }
  try {
    await ctx.keys.verify(token, {
      currentDate: new Date(ctx.now()),
      clockTolerance: 0,
      requiredClaims: ['exp'],
    });
  } catch (error) {
    throw fromJose(error, nowSeconds, payload);
  }

  const issuers = [issuerFor(ctx.baseUrl, tenant.id), v1IssuerFor(ctx.baseUrl, tenant.id)];
  if (typeof payload.iss !== 'string' || !issuers.includes(payload.iss) || payload.tid !== tenant.id) {
    throw entraErrors.assertionIssuer(String(payload.iss ?? ''), tenant.id);
  }
  const audiences = [app.clientId, app.identifierUri, `api://${app.clientId}`].map((a) => a.toLowerCase());
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(a.toLowerCase()))) {
    throw entraErrors.assertionAudience(aud.filter(Boolean).join(', '), app.clientId, app.displayName);
  }
  const scp = typeof payload.scp === 'string' ? payload.scp.trim() : '';
  if (!scp) throw entraErrors.assertionNotDelegated();
  if (typeof payload.oid !== 'string' || !payload.oid) throw entraErrors.assertionClaim('oid');

  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    oid: payload.oid,
    tid: tenant.id,
    upn: str(payload.upn) ?? str(payload.preferred_username),
    name: str(payload.name),
    scp,
    claims: payload,
  };
}
