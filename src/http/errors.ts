import { AppError, isAppError } from '../domain/errors.ts';

export interface ErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: {
    readonly error: { readonly code: string; readonly message: string } & Readonly<Record<string, unknown>>;
  };
}

/** restify's own errors (router 404/405, …) by status: our codes and wording. */
const FRAMEWORK_ERRORS: Readonly<Record<number, { code: string; message: string }>> = {
  400: { code: 'BadRequest', message: 'The request is malformed.' },
  404: { code: 'NotFound', message: 'No such endpoint.' },
  405: { code: 'MethodNotAllowed', message: 'This method is not allowed on this endpoint.' },
  406: { code: 'NotAcceptable', message: 'Only application/json responses are available.' },
  413: { code: 'PayloadTooLarge', message: 'The request body is too large.' },
  414: { code: 'UriTooLong', message: 'The request URI is too long.' },
  415: { code: 'UnsupportedMediaType', message: 'The request body must be application/json.' },
};

/**
 * The one error → HTTP mapper. AppErrors keep their status, code, message and details
 * (`scopes`, …); 401 adds `WWW-Authenticate: Bearer error="invalid_token"`; 429/503 add
 * `Retry-After`. restify's own 4xx errors get our codes; anything else is a 500 InternalError
 * with a generic message (never a stack or an internal message).
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (isAppError(error)) return fromAppError(error);
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number') {
    const known = FRAMEWORK_ERRORS[status];
    if (known) return { status, headers: {}, body: { error: { ...known } } };
  }
  return {
    status: 500,
    headers: {},
    body: { error: { code: 'InternalError', message: 'An unexpected error occurred.' } },
  };
}

function fromAppError(error: AppError): ErrorResponse {
  const headers: Record<string, string> = {};
  if (error.statusCode === 401) {
    headers['www-authenticate'] =
      `Bearer error="invalid_token", error_description="${error.message.replace(/"/g, "'").replace(/[\\\r\n]/g, ' ')}"`;
  }
  if (error.retryAfter !== undefined && (error.statusCode === 429 || error.statusCode === 503)) {
    headers['retry-after'] = String(Math.max(0, Math.ceil(error.retryAfter)));
  }
  const status =
    Number.isInteger(error.statusCode) && error.statusCode >= 400 && error.statusCode <= 599
      ? error.statusCode
      : 500;
  return {
    status,
    headers,
    body: { error: { ...(error.details ?? {}), code: String(error.code), message: error.message } },
  };
}

export const badRequest = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('BadRequest', message, { statusCode: 400, ...(details ? { details } : {}) });
export const notFound = (message: string): AppError => new AppError('NotFound', message, { statusCode: 404 });
