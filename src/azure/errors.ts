import { AuthenticationError, CredentialUnavailableError } from '@azure/identity';
import { isRestError, type RestError } from '@azure/core-rest-pipeline';
import { ARM_DELEGATED_SCOPE } from '../../contract/scopes.ts';
import { AppError, isAppError } from '../domain/errors.ts';

/**
 * The one place Entra and ARM failures become AppErrors, from structured fields only: MSAL's
 * `errorCode` / `subError` (on the `cause` @azure/identity wraps them in), @azure/identity's own
 * `AuthenticationError.errorResponse.error`, and ARM's `RestError.statusCode` / `code`. Messages
 * are never parsed. Anything unrecognised is an `InternalError` with the original as `cause`
 * (the edge logs it once).
 */

/** What the user must consent to when Entra answers `consent_required`. */
export const ARM_CONSENT_SCOPES = [ARM_DELEGATED_SCOPE] as const;

/**
 * `Retry-After` sent with a 503 when the upstream gave none (Entra's token endpoint never sends
 * one to confidential clients): clients back off briefly instead of retrying at once.
 */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** MSAL's suberrors (and error codes) that mean "the user must consent / interact". */
const CONSENT_CODES = new Set(['consent_required', 'interaction_required']);

interface MsalFields {
  readonly errorCode: string;
  readonly subError: string;
}

/** MSAL's error (ServerError, InteractionRequiredAuthError, …) in the `cause` chain, if any. */
function msalErrorIn(error: unknown): MsalFields | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { errorCode?: unknown; subError?: unknown; cause?: unknown };
    if (typeof e.errorCode === 'string' && e.errorCode !== '') {
      return { errorCode: e.errorCode, subError: typeof e.subError === 'string' ? e.subError : '' };
    }
    current = e.cause;
  }
  return undefined;
}

function consentRequired(cause: unknown): AppError {
  return new AppError(
    'ConsentRequired',
    'You need to consent to this app managing Azure on your behalf before it can list or change your VMs.',
    { cause, details: { scopes: [...ARM_CONSENT_SCOPES] } },
  );
}

function entraUnavailable(cause: unknown): AppError {
  return new AppError('EntraUnavailable', 'Entra ID is unavailable; try again shortly.', {
    cause,
    retryAfter: DEFAULT_RETRY_AFTER_SECONDS,
  });
}

/** An Entra error code (`error` of the token response, MSAL's `errorCode`) → AppError. */
function fromEntraCode(code: string, subError: string, status: number | undefined, cause: unknown): AppError {
  if (CONSENT_CODES.has(subError) || CONSENT_CODES.has(code)) return consentRequired(cause);
  if (code === 'temporarily_unavailable' || (status !== undefined && (status >= 500 || status === 429)))
    return entraUnavailable(cause);
  switch (code) {
    case 'invalid_grant':
      // The user's assertion is expired, revoked or otherwise unusable: they need a new token.
      return new AppError(
        'InvalidToken',
        "Entra ID did not accept the user's token for an exchange; sign in again.",
        {
          cause,
        },
      );
    case 'invalid_client':
    case 'unauthorized_client':
      // The app's own credential (secret, certificate, federated identity) or registration is wrong.
      return new AppError(
        'ServiceMisconfigured',
        "The app's credentials were refused by Entra ID. An administrator needs to fix the app's configuration.",
        { cause, retryAfter: DEFAULT_RETRY_AFTER_SECONDS * 6 },
      );
    default:
      return new AppError('EntraError', `Entra ID refused the token exchange (${code}).`, {
        cause,
        retryAfter: DEFAULT_RETRY_AFTER_SECONDS,
      });
  }
}

function retryAfterSeconds(error: RestError): number | undefined {
  const raw = error.response?.headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** ARM failures (RestError from the SDK pipelines, after their own retries); ARM's code kept as `armCode`. */
function fromArm(error: RestError): AppError {
  const status = error.statusCode;
  const message = error.message || 'Azure Resource Manager returned an error.';
  const armCode =
    typeof error.code === 'string' && /^[A-Za-z][\w.]{0,99}$/.test(error.code) ? error.code : undefined;
  const details = armCode ? { armCode } : undefined;
  const withDetails = { cause: error, ...(details ? { details } : {}) };
  if (status === undefined) {
    return new AppError(
      'AzureUnavailable',
      'Azure Resource Manager could not be reached; try again shortly.',
      {
        cause: error,
        retryAfter: DEFAULT_RETRY_AFTER_SECONDS,
      },
    );
  }
  if (status === 401) return new AppError('InvalidToken', message, withDetails);
  if (status === 403) return new AppError('AuthorizationFailed', message, withDetails);
  if (status === 404) return new AppError('NotFound', message, withDetails);
  if (status === 409) return new AppError('Conflict', message, withDetails);
  if (status === 400) return new AppError('BadRequest', message, withDetails);
  if (status === 429) {
    const retryAfter = retryAfterSeconds(error);
    return new AppError('TooManyRequests', 'Azure is throttling requests; retry later.', {
      ...withDetails,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
  if (status >= 500) {
    return new AppError('AzureUnavailable', 'Azure Resource Manager is unavailable; try again shortly.', {
      ...withDetails,
      retryAfter: retryAfterSeconds(error) ?? DEFAULT_RETRY_AFTER_SECONDS,
    });
  }
  return new AppError('AzureError', message, withDetails);
}

/**
 * Any failure from the Azure SDKs → AppError: ConsentRequired (403 + scopes) only when Entra says
 * consent, InvalidToken for `invalid_grant` and ARM 401, ServiceMisconfigured for the app's own
 * credential, EntraUnavailable / EntraError, ARM's statuses with `armCode`. Unrecognised errors
 * (including programming errors) become InternalError with `cause`.
 */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (isRestError(error)) return fromArm(error);
  const msal = msalErrorIn(error);
  if (msal) return fromEntraCode(msal.errorCode, msal.subError, undefined, error);
  if (error instanceof AuthenticationError) {
    const code = error.errorResponse?.error ?? '';
    return code
      ? fromEntraCode(code, '', error.statusCode, error)
      : error.statusCode === undefined ||
          error.statusCode === 0 ||
          error.statusCode >= 500 ||
          error.statusCode === 429
        ? entraUnavailable(error)
        : fromEntraCode('unknown', '', error.statusCode, error);
  }
  // The identity library could not reach Entra (discovery or token endpoint unreachable).
  if (error instanceof CredentialUnavailableError) return entraUnavailable(error);
  return new AppError('InternalError', 'An unexpected error occurred.', { cause: error });
}
