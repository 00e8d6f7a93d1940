import { AppError } from '../domain/errors.ts';

/** 401 InvalidToken: the caller must get a new token. The HTTP edge adds `WWW-Authenticate: Bearer error="invalid_token"`. */
export function invalidToken(reason: string, cause?: unknown): AppError {
  return new AppError('InvalidToken', reason, { cause });
}

/** 503 EntraUnavailable: Entra ID (token keys or token endpoint) could not be reached. */
export function entraUnavailable(message: string, cause?: unknown, retryAfter?: number): AppError {
  return new AppError('EntraUnavailable', message, {
    cause,
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}
