import {
  createRemoteJWKSet,
  customFetch,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { TokenValidator } from '../domain/services.ts';
import type { SignedInUser } from '../domain/user.ts';
import type { FetchLike } from '../net/https-fetch.ts';
import { jwksFetch, JwksUnavailableError } from './jwks-fetch.ts';
import { entraUnavailable, invalidToken } from './errors.ts';
import { issuersForTenant } from './issuers.ts';
import { hasScope } from './scopes.ts';

/** Longest token accepted (a real Entra access token is a few KB); longer is refused before any parsing. */
export const MAX_TOKEN_LENGTH = 16_384;

export interface TokenValidatorOptions {
  /** Entra's signing keys: `{authorityHost}/{tenantId}/discovery/v2.0/keys`. */
  readonly jwksUri: string;
  /** The authority host the v2 issuer is built from (`{authorityHost}/{tid}/v2.0`). */
  readonly authorityHost: string;
  /** Tenants whose users may call. Tokens from any other tenant are rejected. */
  readonly allowedTenants: readonly string[];
  /** Accepted `aud` values: the client id (v2 tokens) and the identifier URI (v1 tokens). */
  readonly audiences: readonly string[];
  /** The scope that must appear, exactly, in `scp`. */
  readonly requiredScope: string;
  /**
   * Client applications (`azp` in v2 tokens, `appid` in v1) allowed to call with a user's token:
   * the clients pre-authorized on the scope (Teams, Microsoft 365, Outlook) and the app itself.
   * Entra issues a token for our API to any client the user consents to; only these are ours.
   */
  readonly allowedClientApps: readonly string[];
  /** Clock skew allowed on `exp`/`nbf`. Default 60 s. */
  readonly clockToleranceSeconds?: number;
  /** Minimum time between JWKS refetches on an unknown `kid`. Default 30 000 ms. */
  readonly jwksCooldownMs?: number;
  /** Keys older than this are refetched on next use. Default 10 min. */
  readonly jwksCacheMaxAgeMs?: number;
  /** JWKS request timeout. Default 5000 ms. */
  readonly jwksTimeoutMs?: number;
  /** fetch used for the JWKS (e.g. one trusting the emulator CA). Default: global fetch. */
  readonly fetch?: FetchLike;
  /** Overrides how keys are resolved (tests). Default: a cached remote JWKS at `jwksUri`. */
  readonly keys?: JWTVerifyGetKey;
  /** Epoch ms. Default Date.now. */
  readonly now?: () => number;
}

/** A JWT claim failure → the reason shown to the caller (no token content is echoed). */
function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `The token's "${error.claim}" claim is not acceptable (${error.reason}).`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The token must be signed with RS256.';
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return 'The token was not signed by a known Entra ID key.';
  if (error instanceof joseErrors.JWKSMultipleMatchingKeys)
    return 'The token names an ambiguous signing key.';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature is invalid.';
  if (error instanceof joseErrors.JOSENotSupported) return 'The token uses an unsupported algorithm or key.';
  return 'The token is malformed.';
}

/** Failures to get Entra's keys, by type: our fetch's, jose's timeout, or a key set jose cannot use. */
function isKeySourceFailure(error: unknown): boolean {
  return (
    error instanceof JwksUnavailableError ||
    error instanceof joseErrors.JWKSTimeout ||
    error instanceof joseErrors.JWKSInvalid
  );
}

const TOKEN_ERRORS: ReadonlyArray<new (...args: never[]) => Error> = [
  joseErrors.JWTExpired,
  joseErrors.JWTClaimValidationFailed,
  joseErrors.JOSEAlgNotAllowed,
  joseErrors.JWKSNoMatchingKey,
  joseErrors.JWKSMultipleMatchingKeys,
  joseErrors.JWSSignatureVerificationFailed,
  joseErrors.JOSENotSupported,
  joseErrors.JWSInvalid,
  joseErrors.JWTInvalid,
];

/**
 * Shapes Entra never issues for a delegated token (each still carrying a valid signature would
 * mean a forged or confused token): `aud` as a list, `iat` in the future, an app-only token
 * (`idtyp: app`) that also claims delegated scopes. Returns the reason, or undefined.
 */
function unusualShape(payload: JWTPayload, latestIssuedAt: number): string | undefined {
  if (typeof payload.aud !== 'string') return 'The token\'s "aud" claim must be a single audience.';
  if (typeof payload.iat !== 'number' || payload.iat > latestIssuedAt)
    return 'The token\'s "iat" claim is in the future.';
  if (payload.idtyp !== undefined && payload.idtyp !== 'user')
    return 'The token is not a user token ("idtyp").';
  return undefined;
}

/**
 * Validates Teams SSO tokens: RS256 only, signature from Entra's JWKS (cached; refetched on an
 * unknown `kid` at most once per cooldown), `exp`/`nbf` with small skew, issuer (v1/v2) of an
 * allowed tenant matching `tid`, a single audience, `iat` not in the future, a user token
 * (never `idtyp: app`), an allowed calling client (`azp`/`appid`), and `scp` containing the
 * required scope exactly.
 * Throws AppError InvalidToken (401) or EntraUnavailable (503) — never returns a falsy "invalid".
 */
export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const now = options.now ?? Date.now;
  const keys =
    options.keys ??
    createRemoteJWKSet(new URL(options.jwksUri), {
      cooldownDuration: options.jwksCooldownMs ?? 30_000,
      cacheMaxAge: options.jwksCacheMaxAgeMs ?? 10 * 60_000,
      timeoutDuration: options.jwksTimeoutMs ?? 5000,
      [customFetch]: jwksFetch(options.fetch ?? ((url, init) => fetch(url, init ?? undefined))),
    });
  const tenants = new Set(options.allowedTenants.map((t) => t.toLowerCase()));
  const clientApps = new Set(options.allowedClientApps.map((id) => id.toLowerCase()));
  const toleranceSeconds = options.clockToleranceSeconds ?? 60;
  const issuers = options.allowedTenants.flatMap((tid) => issuersForTenant(options.authorityHost, tid));

  async function verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: issuers,
        audience: [...options.audiences],
        clockTolerance: toleranceSeconds,
        currentDate: new Date(now()),
        requiredClaims: ['exp', 'iat', 'tid', 'oid', 'scp'],
      });
      return payload;
    } catch (error) {
      if (isKeySourceFailure(error)) {
        throw entraUnavailable('Entra ID signing keys could not be fetched; try again shortly.', error, 5);
      }
      if (TOKEN_ERRORS.some((type) => error instanceof type)) throw invalidToken(describe(error), error);
      // Anything else is a bug, not a bad token or an Entra outage: the edge answers 500 and logs it.
      throw error;
    }
  }

  return {
    async validate(token: string): Promise<SignedInUser> {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
        throw invalidToken('A bearer token is required.');
      }
      const payload = await verify(token);
      const shape = unusualShape(payload, now() / 1000 + toleranceSeconds);
      if (shape) throw invalidToken(shape);
      const client = payload.azp ?? payload.appid;
      if (typeof client !== 'string' || !clientApps.has(client.toLowerCase())) {
        throw invalidToken('The token was issued to a client application that may not call this API.');
      }
      const tid = typeof payload.tid === 'string' ? payload.tid.toLowerCase() : '';
      if (!tenants.has(tid)) throw invalidToken('The token was issued by a tenant that is not allowed.');
      if (!issuersForTenant(options.authorityHost, tid).includes(String(payload.iss))) {
        throw invalidToken('The token issuer does not match its tenant.');
      }
      if (!hasScope(payload.scp, options.requiredScope)) {
        throw invalidToken(`The token lacks the "${options.requiredScope}" scope.`);
      }
      const oid = payload.oid;
      if (typeof oid !== 'string' || oid === '') throw invalidToken('The token has no user object id.');
      const upn =
        [payload.preferred_username, payload.upn, payload.unique_name].find(
          (v): v is string => typeof v === 'string' && v !== '',
        ) ?? '';
      const name = typeof payload.name === 'string' && payload.name !== '' ? payload.name : upn;
      return { oid, tid, upn, name, assertion: token, expiresAt: (payload.exp ?? 0) * 1000 };
    },
  };
}
