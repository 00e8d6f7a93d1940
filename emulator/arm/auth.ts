import { errors as joseErrors, type JWTPayload } from 'jose';
import type { EmulatorContext } from '../context.ts';
import { ARM_AUDIENCES, ArmError, armErrors } from './errors.ts';

/** The authenticated caller of an ARM request, from its access token's claims. */
export interface Caller {
  /** Object id of the user (or of the app's service principal). RBAC is evaluated for it. */
  readonly oid: string;
  readonly tenantId: string;
  /** `upn` (users); undefined for app tokens. */
  readonly upn: string | undefined;
  /** The client application the token was issued to (`appid` / `azp`). */
  readonly appId: string | undefined;
  /** What ARM's 403 message calls the client: the UPN for users, the app id for apps. */
  readonly displayName: string;
}

/** ARM tolerates this much clock skew on `exp`/`nbf`, like Azure's front door. */
export const CLOCK_SKEW_SECONDS = 300;

/** ARM's `WWW-Authenticate` challenge (also the shape ARM uses for CAE claims challenges). */
export function bearerChallenge(authorizationUri: string, description: string): string {
  const quoted = (text: string) => text.replace(/["\\]/g, '');
  return `Bearer authorization_uri="${quoted(authorizationUri)}", error="invalid_token", error_description="${quoted(description)}"`;
}

/**
 * Authenticates an ARM request from its `Authorization: Bearer` header: RS256 signature by the emulator's
 * key, ARM audience, `exp`/`nbf` (5 min skew), the emulator's tenant, and an `oid`. Throws `ArmError` 401s
 * with ARM's codes (`AuthenticationFailed`, `InvalidAuthenticationToken`, `ExpiredAuthenticationToken`,
 * `InvalidAuthenticationTokenAudience`, `InvalidAuthenticationTokenTenant`), each with a challenge.
 */
export async function authenticate(
  authorization: string | undefined,
  ctx: Pick<EmulatorContext, 'keys' | 'now' | 'seed' | 'baseUrl'>,
): Promise<Caller> {
  const authority = `${ctx.baseUrl}/${ctx.seed.tenant.id}`;
  const challenge = (error: ArmError, description = error.message) =>
    error.withHeaders({
      'www-authenticate': bearerChallenge(authority, description),
      'x-ms-failure-cause': 'gateway',
    });

  if (!authorization || authorization.trim() === '') {
    throw challenge(
      armErrors.authorizationHeaderMissing(),
      "The authentication failed because of missing 'Authorization' header.",
    );
  }
  const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i.exec(authorization);
  if (!match) {
    throw challenge(
      armErrors.authorizationHeaderInvalid(),
      "The 'Authorization' header is provided in an invalid format.",
    );
  }

  const now = ctx.now();
  let claims: JWTPayload;
  try {
    claims = await ctx.keys.verify(match[1]!, {
      audience: [...ARM_AUDIENCES],
      currentDate: new Date(now),
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp'],
    });
  } catch (error) {
    throw challenge(tokenError(error, now));
  }

  const tenantId = typeof claims.tid === 'string' ? claims.tid : '';
  if (tenantId.toLowerCase() !== ctx.seed.tenant.id.toLowerCase()) {
    throw challenge(armErrors.invalidAuthenticationTokenTenant(String(claims.iss ?? ''), authority));
  }
  const oid = typeof claims.oid === 'string' && claims.oid !== '' ? claims.oid : undefined;
  if (!oid) {
    throw challenge(
      armErrors.invalidAuthenticationToken(
        "The received access token is not valid: at least one of the claims 'puid' or 'altsecid' or 'oid' should be " +
          'present. If you are accessing as application please make sure service principal is properly created in the tenant.',
      ),
    );
  }
  const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const upn = str(claims.upn) ?? str(claims.unique_name) ?? str(claims.preferred_username);
  const appId = str(claims.appid) ?? str(claims.azp);
  const isApp = claims.idtyp === 'app';
  return {
    oid,
    tenantId,
    upn: isApp ? undefined : upn,
    appId,
    displayName: (isApp ? appId : upn) ?? appId ?? oid,
  };
}

/** Maps a jose verification failure to ARM's 401. */
function tokenError(error: unknown, now: number): ArmError {
  if (error instanceof joseErrors.JWTExpired) {
    const exp = typeof error.payload.exp === 'number' ? error.payload.exp * 1000 : now;
    return armErrors.expiredAuthenticationToken(exp, now);
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      const aud = error.payload.aud;
      return armErrors.invalidAuthenticationTokenAudience(
        Array.isArray(aud) ? aud.join(',') : String(aud ?? ''),
      );
    }
    if (error.claim === 'nbf')
      return armErrors.invalidAuthenticationToken('The access token is not yet valid.');
    return armErrors.invalidAuthenticationToken(
      `The access token is invalid: claim '${error.claim}' ${error.reason}.`,
    );
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return armErrors.invalidAuthenticationToken('The access token signature is invalid.');
  }
  return armErrors.invalidAuthenticationToken();
}
