import type { ErrorBody, ErrorCode } from '../../contract/errors.ts';

/**
 * The product's error type. Every failure that reaches a route, the bot or a card is an AppError
 * with one of the contract's closed list of codes (contract/errors.ts). Nothing here knows HTTP:
 * the status goes with the code and is decided once, at the edge (src/http/errors.ts).
 */
export type { ErrorCode } from '../../contract/errors.ts';

/** Fields beside `code` and `message` in the error body (`armCode`, `scopes`, `limit`). */
export type ErrorDetails = Omit<ErrorBody['error'], 'code' | 'message' | 'details'>;

export interface AppErrorOptions {
  readonly cause?: unknown;
  /** Seconds, for TooManyRequests and the unavailable codes. */
  readonly retryAfter?: number;
  readonly details?: ErrorDetails;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryAfter?: number;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
    if (options.details !== undefined) this.details = options.details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/**
 * An AppError as the contract's error fields: `code`, `message`, and Azure's code when Azure gave one, both flat
 * (`armCode`) and as `details` (`{armCode}`). The one place every error shape (responses, operations, bulk items,
 * subscriptions and parts that could not be read) is made from.
 */
export function errorFields(error: AppError): {
  code: ErrorCode;
  message: string;
  armCode?: string;
  details?: { armCode: string };
} {
  const armCode = error.details?.armCode;
  return { code: error.code, message: error.message, ...(armCode ? { armCode, details: { armCode } } : {}) };
}
