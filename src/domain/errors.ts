/**
 * The product's error type. Every failure that reaches a route, the bot or a card is an AppError
 * with a stable `code`; the HTTP edge maps `statusCode` + `code` to `{error:{code, message}}`.
 */
export type AppErrorCode =
  | 'BadRequest'
  | 'InvalidToken'
  | 'ConsentRequired'
  | 'AuthorizationFailed'
  | 'NotFound'
  | 'Conflict'
  | 'TooManyRequests'
  | 'AzureUnavailable'
  | 'EntraUnavailable'
  | 'EntraError'
  | 'PayloadTooLarge'
  | 'InternalError'
  | (string & {});

export interface AppErrorOptions {
  readonly statusCode: number;
  readonly cause?: unknown;
  /** Seconds, for 429/503. */
  readonly retryAfter?: number;
  /** Extra fields placed beside code/message in the error body (e.g. `scopes` for ConsentRequired). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly statusCode: number;
  readonly retryAfter?: number;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.statusCode = options.statusCode;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
    if (options.details !== undefined) this.details = options.details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
