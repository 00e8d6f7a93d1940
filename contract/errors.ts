/**
 * Every error code the product answers with, what it means, the HTTP status it travels with and
 * what a client should do about it. The list is closed: the service, the bot's cards and the tab
 * know the same codes. Azure's own code, when Azure gave one, travels beside it as `armCode`.
 */

/** What a client does about an error. */
export type ErrorCategory =
  /** Get a new token (sign in again). */
  | 'signIn'
  /** Ask the user to consent (the tab's consent popup, the bot's consent card). */
  | 'consent'
  /** Not allowed for this user; retrying will not help. */
  | 'denied'
  /** The request itself is wrong, or names something that does not exist. */
  | 'request'
  /** Azure refused the change in the VM's current state. */
  | 'conflict'
  /** Over a budget: retry after `Retry-After`. */
  | 'limited'
  /** An upstream is down or slow: retry after `Retry-After`. */
  | 'unavailable'
  /** A fault on our side (a bug or a misconfiguration). */
  | 'internal';

interface ErrorCodeInfo {
  readonly status: number;
  readonly category: ErrorCategory;
  readonly meaning: string;
}

const define = <T extends Record<string, ErrorCodeInfo>>(codes: T): T => codes;

export const ERROR_CODES = define({
  BadRequest: {
    status: 400,
    category: 'request',
    meaning: 'The request is malformed or names something invalid.',
  },
  InvalidToken: {
    status: 401,
    category: 'signIn',
    meaning:
      "The caller's token is missing, invalid or expired, or Entra refused to exchange it (invalid_grant).",
  },
  ConsentRequired: {
    status: 403,
    category: 'consent',
    meaning:
      'Entra says the user has not consented to the app acting on Azure for them; `scopes` lists what to consent to.',
  },
  AuthorizationFailed: {
    status: 403,
    category: 'denied',
    meaning: "The user's Azure role does not allow it (ARM's message names the action and scope).",
  },
  Forbidden: {
    status: 403,
    category: 'denied',
    meaning: 'This endpoint serves only this machine (local mode).',
  },
  CorsNotAllowed: {
    status: 403,
    category: 'denied',
    meaning: 'Cross-origin requests from this origin are not allowed.',
  },
  CsrfRejected: {
    status: 403,
    category: 'denied',
    meaning: 'A cookie-authenticated change did not come from the app itself.',
  },
  NotFound: {
    status: 404,
    category: 'request',
    meaning: 'No such endpoint, VM, operation, or subscription among those the user can see.',
  },
  NotConfigured: {
    status: 404,
    category: 'request',
    meaning: 'The VM has no auto-shutdown schedule (nothing is configured).',
  },
  MethodNotAllowed: {
    status: 405,
    category: 'request',
    meaning: 'This method is not allowed on this endpoint.',
  },
  NotAcceptable: {
    status: 406,
    category: 'request',
    meaning: 'Only application/json responses are available.',
  },
  Conflict: {
    status: 409,
    category: 'conflict',
    meaning: "Azure refused the change in the VM's current state (ARM's own code in `armCode`).",
  },
  PayloadTooLarge: { status: 413, category: 'request', meaning: 'The request body is too large.' },
  UriTooLong: { status: 414, category: 'request', meaning: 'The request URI is too long.' },
  UnsupportedMediaType: {
    status: 415,
    category: 'request',
    meaning: 'The request body must be application/json.',
  },
  TooManyRequests: {
    status: 429,
    category: 'limited',
    meaning:
      "Over the user's budget (`limit`: reads or actions) or Azure's throttling; retry after Retry-After.",
  },
  InternalError: { status: 500, category: 'internal', meaning: 'An unexpected error on our side (logged).' },
  AzureError: {
    status: 502,
    category: 'internal',
    meaning: 'Azure answered in a way the service does not understand.',
  },
  AzureUnavailable: {
    status: 503,
    category: 'unavailable',
    meaning: 'Azure Resource Manager could not be reached or failed.',
  },
  AzureTimeout: {
    status: 503,
    category: 'unavailable',
    meaning: 'Azure did not answer within the request deadline.',
  },
  EntraUnavailable: {
    status: 503,
    category: 'unavailable',
    meaning: 'Microsoft Entra ID could not be reached or failed.',
  },
  EntraError: {
    status: 503,
    category: 'unavailable',
    meaning: 'Entra refused the token exchange for a reason the user cannot fix by signing in again.',
  },
  StateStoreUnavailable: {
    status: 503,
    category: 'unavailable',
    meaning: 'The shared state store (Redis) cannot be reached; nothing was changed.',
  },
  ServiceMisconfigured: {
    status: 503,
    category: 'internal',
    meaning:
      "Entra refused the app's own credential (invalid_client / unauthorized_client): an administrator must fix it.",
  },
  OperationFailed: {
    status: 409,
    category: 'conflict',
    meaning: "Azure accepted the action, then reported it Failed (ARM's code in `armCode`).",
  },
  OperationCanceled: {
    status: 409,
    category: 'conflict',
    meaning: 'Azure canceled the operation, usually because another operation on the VM replaced it.',
  },
  OperationTimedOut: {
    status: 504,
    category: 'unavailable',
    meaning: 'Azure never reported an end state within the operation timeout; check the VM.',
  },
  OperationLost: {
    status: 404,
    category: 'unavailable',
    meaning:
      'The service no longer knows the operation (the tab reports it; the VM state tells the outcome).',
  },
  UnknownAction: { status: 400, category: 'request', meaning: 'A card button the bot no longer knows.' },
  InvalidActionData: { status: 400, category: 'request', meaning: "A card button's data is not valid." },
  NotSupported: { status: 400, category: 'request', meaning: 'A card action type the bot does not handle.' },
  WrongUser: {
    status: 412,
    category: 'signIn',
    meaning: 'The token in a card action belongs to someone other than the person who clicked.',
  },
} as const);

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

export function statusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

export function categoryOf(code: ErrorCode): ErrorCategory {
  return ERROR_CODES[code].category;
}

/**
 * Failures about who the user is, not about one subscription or VM: a listing fails as a whole
 * for these instead of reporting them per subscription.
 */
export function isIdentityFailure(code: ErrorCode): boolean {
  return (
    categoryOf(code) === 'signIn' ||
    categoryOf(code) === 'consent' ||
    code === 'EntraUnavailable' ||
    code === 'EntraError' ||
    code === 'ServiceMisconfigured'
  );
}

/** Azure's own words about a failure, beside the product's code: `{armCode: "OperationNotAllowed"}`. */
export interface AzureErrorDetails {
  readonly armCode?: string;
}

/** The body of every error response: `{error:{code, message, …}}`. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    /** Azure's own error code, when Azure gave one (e.g. `OperationNotAllowed`). */
    readonly armCode?: string;
    /** The same, as `details` (`{armCode}`), for clients that read Azure's code there. */
    readonly details?: AzureErrorDetails;
    /** ConsentRequired: the delegated scopes to consent to. */
    readonly scopes?: readonly string[];
    /** TooManyRequests from the service's own budgets: which one ran out. */
    readonly limit?: 'reads' | 'actions';
  };
}
