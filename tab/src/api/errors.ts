import type { ErrorCode } from '../../../contract/errors.ts';

/**
 * Codes the tab can see: the service's `{error:{code}}` codes, plus the client-side ones.
 * - `NetworkError`: the service could not be reached (fetch failed).
 * - `InvalidResponse`: the service answered something that is not the agreed JSON.
 * - `SignInRequired`: no usable token (local mode: signed out or the session ended).
 * - `TeamsAuthFailed`: Teams could not give an SSO token.
 */
export type ApiErrorCode =
  ErrorCode | 'NetworkError' | 'InvalidResponse' | 'SignInRequired' | 'TeamsAuthFailed';

export interface ApiErrorOptions {
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** ConsentRequired: the scopes the user must grant. */
  readonly scopes?: readonly string[];
  /** Seconds, from `Retry-After` on 429/503. */
  readonly retryAfter?: number;
  /** Azure's own error code, when the service passed it on (`armCode`). */
  readonly armCode?: string;
  readonly cause?: unknown;
}

/** Every failure of the API client and the token sources. `code` is stable: switch on it. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly scopes?: readonly string[];
  readonly retryAfter?: number;
  readonly armCode?: string;

  constructor(code: ApiErrorCode, message: string, options: ApiErrorOptions) {
    super(message, { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status;
    if (options.scopes !== undefined) this.scopes = options.scopes;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
    if (options.armCode !== undefined) this.armCode = options.armCode;
  }

  /** The code people should see and search for: Azure's own when there is one. */
  get displayCode(): string {
    return this.armCode ?? this.code;
  }
}

export function isApiError(value: unknown, code?: ApiErrorCode): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code);
}

/** Any error as an ApiError (unknown failures become `InternalError`, keeping the original as `cause`). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('InternalError', message, { status: 0, cause: error });
}
