import { statusOf, type ErrorBody, type ErrorCode } from '../../contract/errors.ts';
import { AppError, errorFields, isAppError } from '../domain/errors.ts';

export interface ErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ErrorBody;
}

/** restify's own errors (router 404/405, …) by status: our codes and wording. */
const FRAMEWORK_ERRORS: Readonly<Record<number, { code: ErrorCode; message: string }>> = {
  400: { code: 'BadRequest', message: 'The request is malformed.' },
  404: { code: 'NotFound', message: 'No such endpoint.' },
  405: { code: 'MethodNotAllowed', message: 'This method is not allowed on this endpoint.' },
  406: { code: 'NotAcceptable', message: 'Only application/json responses are available.' },
  413: { code: 'PayloadTooLarge', message: 'The request body is too large.' },
  414: { code: 'UriTooLong', message: 'The request URI is too long.' },
  415: { code: 'UnsupportedMediaType', message: 'The request body must be application/json.' },
};

/**
 * The one error → HTTP mapper: the status is the contract's for the code (contract/errors.ts),
 * decided here and nowhere else. AppErrors keep their code, message and details (`armCode`,
 * `scopes`, `limit`); 401 adds `WWW-Authenticate: Bearer error="invalid_token"`; a `retryAfter`
 * becomes `Retry-After`. restify's own 4xx errors get our codes; anything else is a 500
 * InternalError with a generic message (never a stack or an internal message).
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
  const status = statusOf(error.code);
  const headers: Record<string, string> = {};
  if (status === 401) {
    headers['www-authenticate'] =
      `Bearer error="invalid_token", error_description="${error.message.replace(/"/g, "'").replace(/[\\\r\n]/g, ' ')}"`;
  }
  if (error.retryAfter !== undefined)
    headers['retry-after'] = String(Math.max(0, Math.ceil(error.retryAfter)));
  // An internal error's message may be anything: the generic one goes out instead.
  const message = error.code === 'InternalError' ? 'An unexpected error occurred.' : error.message;
  return {
    status,
    headers,
    body: { error: { ...(error.details ?? {}), ...errorFields(error), message } },
  };
}

export const badRequest = (message: string): AppError => new AppError('BadRequest', message);
export const notFound = (message: string): AppError => new AppError('NotFound', message);
