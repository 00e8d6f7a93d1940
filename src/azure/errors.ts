import {
  AuthenticationError,
  AuthenticationRequiredError,
  CredentialUnavailableError,
} from '@azure/identity';
import { isRestError, type RestError } from '@azure/core-rest-pipeline';
import { AppError, isAppError } from '../domain/errors.ts';

/** What the user must consent to when Entra answers `consent_required`. */
export const ARM_CONSENT_SCOPES = ['https://management.azure.com/user_impersonation'] as const;

const CONSENT_SUBERRORS = new Set([
  'consent_required',
  'interaction_required',
  'basic_action',
  'additional_action',
]);

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly errorCode?: unknown;
  readonly subError?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
}

/** Walks `cause` chains (bounded) looking for MSAL's InteractionRequiredAuthError fields. */
function findInteractionRequired(error: unknown): ErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as ErrorLike;
    if (e.name === 'InteractionRequiredAuthError') return e;
    if (typeof e.subError === 'string' && CONSENT_SUBERRORS.has(e.subError)) return e;
    if (typeof e.errorCode === 'string' && CONSENT_SUBERRORS.has(e.errorCode)) return e;
    current = e.cause;
  }
  return undefined;
}

/**
 * `Retry-After` sent with a 503 when the upstream gave none (Entra's token endpoint never sends
 * one to confidential clients): clients back off briefly instead of retrying at once.
 */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

function retryAfterSeconds(error: RestError): number | undefined {
  const raw = error.response?.headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function consentRequired(cause: unknown): AppError {
  return new AppError(
    'ConsentRequired',
    'You need to consent to this app managing Azure on your behalf before it can list or change your VMs.',
    { statusCode: 403, cause, details: { scopes: [...ARM_CONSENT_SCOPES] } },
  );
}

/** Entra ID failures (token endpoint, discovery), as raised by @azure/identity. */
function fromEntra(error: AuthenticationError): AppError {
  const status = error.statusCode;
  const code = error.errorResponse?.error ?? '';
  const description = (error.errorResponse?.errorDescription ?? '').split(/\r?\n/)[0] ?? '';
  if (
    status >= 500 ||
    status === 429 ||
    code === 'temporarily_unavailable' ||
    status === 0 ||
    status === undefined
  ) {
    return new AppError('EntraUnavailable', 'Entra ID is unavailable; try again shortly.', {
      statusCode: 503,
      cause: error,
      retryAfter: DEFAULT_RETRY_AFTER_SECONDS,
    });
  }
  if (code === 'invalid_grant') {
    return new AppError(
      'InvalidToken',
      `Entra ID did not accept the user's token for an exchange: ${description}`.trim(),
      {
        statusCode: 401,
        cause: error,
      },
    );
  }
  return new AppError(
    'EntraError',
    `Entra ID refused the token exchange (${code || status}): ${description}`.trim(),
    {
      statusCode: 503,
      cause: error,
      retryAfter: DEFAULT_RETRY_AFTER_SECONDS,
    },
  );
}

/** ARM failures (RestError from the SDK pipelines, after their own retries). */
function fromArm(error: RestError): AppError {
  const status = error.statusCode;
  const message = error.message || 'Azure Resource Manager returned an error.';
  if (status === undefined) {
    return new AppError(
      'AzureUnavailable',
      'Azure Resource Manager could not be reached; try again shortly.',
      {
        statusCode: 503,
        cause: error,
        retryAfter: DEFAULT_RETRY_AFTER_SECONDS,
      },
    );
  }
  switch (true) {
    case status === 401:
      return new AppError('InvalidToken', message, { statusCode: 401, cause: error });
    case status === 403:
      return new AppError('AuthorizationFailed', message, { statusCode: 403, cause: error });
    case status === 404:
      return new AppError('NotFound', message, { statusCode: 404, cause: error });
    case status === 409:
      return new AppError('Conflict', message, { statusCode: 409, cause: error });
    case status === 429: {
      const retryAfter = retryAfterSeconds(error);
      return new AppError('TooManyRequests', 'Azure is throttling requests; retry later.', {
        statusCode: 429,
        cause: error,
        ...(retryAfter !== undefined ? { retryAfter } : {}),
      });
    }
    case status >= 500: {
      return new AppError('AzureUnavailable', 'Azure Resource Manager is unavailable; try again shortly.', {
        statusCode: 503,
        cause: error,
        retryAfter: retryAfterSeconds(error) ?? DEFAULT_RETRY_AFTER_SECONDS,
      });
    }
    case status === 400:
      return new AppError('BadRequest', message, { statusCode: 400, cause: error });
    default:
      return new AppError('AzureError', message, { statusCode: 502, cause: error });
  }
}

/**
 * The one place Entra and ARM failures become AppErrors: ConsentRequired (403 + scopes),
 * InvalidToken (401), AuthorizationFailed (403, ARM's message), NotFound, Conflict,
 * TooManyRequests (429 + Retry-After), AzureUnavailable / EntraUnavailable (503). Anything
 * unrecognised is returned unchanged (the HTTP edge answers 500 InternalError).
 */
/**
 * A failed long-running operation: core-lro rejects with a plain Error built from the operation status
 * body, "The long-running operation has failed. {code}. {message}". Returns ARM's code and message.
 */
export function parseFailedOperation(error: unknown): { code: string; message: string } | undefined {
  if (!(error instanceof Error) || isRestError(error)) return undefined;
  const match = /^The long-running operation has failed\. ([A-Za-z][\w.]*)\. ([\s\S]+)$/.exec(error.message);
  return match ? { code: match[1]!, message: match[2]! } : undefined;
}

/** core-lro's rejection when ARM reports the operation `Canceled` (e.g. preempted by another one on the VM). */
const LRO_CANCELED_MESSAGE = 'Operation was canceled';

export function toAppError(error: unknown): unknown {
  if (isAppError(error)) return error;
  if (error instanceof Error && !isRestError(error) && error.message === LRO_CANCELED_MESSAGE) {
    return new AppError(
      'OperationCanceled',
      'Azure canceled this operation, usually because another operation on the VM replaced it.',
      { statusCode: 409, cause: error },
    );
  }
  const failed = parseFailedOperation(error);
  if (failed) return new AppError(failed.code, failed.message, { statusCode: 409, cause: error });
  if (error instanceof AuthenticationRequiredError || findInteractionRequired(error))
    return consentRequired(error);
  if (error instanceof AuthenticationError) return fromEntra(error);
  if (error instanceof CredentialUnavailableError) {
    return new AppError(
      'EntraUnavailable',
      'The app could not obtain a token from Entra ID; try again shortly.',
      {
        statusCode: 503,
        cause: error,
        retryAfter: DEFAULT_RETRY_AFTER_SECONDS,
      },
    );
  }
  if (isRestError(error)) return fromArm(error);
  return error;
}
