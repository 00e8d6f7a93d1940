import { pino, type DestinationStream, type Logger } from 'pino';
import { categoryOf, statusOf } from '../contract/errors.ts';
import { isAppError } from './domain/errors.ts';

const MAX_CAUSES = 4;

/** Messages (and a stack's first line, which repeats the message) may quote a token: JWTs become `[jwt]`. */
const withoutTokens = (text: string): string => text.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[jwt]');

/**
 * A log-safe summary of an error: name, code, status and message down the `cause` chain — never
 * the request/response objects SDK errors carry (their headers hold bearer tokens). The logger's
 * `err` serializer: pass the error itself (`{err: error}`), not a summary of it.
 */
export function errorSummary(error: unknown): Record<string, unknown> {
  const chain: Array<Record<string, unknown>> = [];
  let current: unknown = error;
  let stackWanted = true;
  for (let depth = 0; depth < MAX_CAUSES && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      const e = current as Error & {
        code?: unknown;
        statusCode?: unknown;
        errorCode?: unknown;
        subError?: unknown;
      };
      chain.push({
        name: e.name,
        message: withoutTokens(e.message),
        ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
        // The HTTP status: Azure's (`RestError.statusCode`), or the one the product answers for its own code.
        ...(typeof e.statusCode === 'number'
          ? { status: e.statusCode }
          : isAppError(e)
            ? { status: statusOf(e.code) }
            : {}),
        ...(typeof e.errorCode === 'string' ? { errorCode: e.errorCode } : {}),
        ...(typeof e.subError === 'string' && e.subError ? { subError: e.subError } : {}),
        // Expected failures (AppErrors: Azure said no, a token expired) are one short line; only
        // unexpected errors carry where they came from — thrown directly, or under a fault of ours.
        ...(stackWanted && e.stack && !isAppError(e)
          ? { stack: withoutTokens(e.stack.split('\n').slice(0, 8).join('\n')) }
          : {}),
      });
      stackWanted = isAppError(e) && categoryOf(e.code) === 'internal';
      current = e.cause;
    } else {
      chain.push({ value: typeof current === 'string' ? current.slice(0, 200) : typeof current });
      break;
    }
  }
  const [first, ...causes] = chain;
  return { ...first, ...(causes.length ? { causes } : {}) };
}

export interface LoggerOptions {
  readonly level: string;
  /** Where logs go. Default stdout. */
  readonly destination?: DestinationStream;
}

/** The service logger: JSON lines, errors summarised safely, authorization material redacted. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'vm-manager' },
      serializers: { err: errorSummary, error: errorSummary },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-ms-token-aad-access-token"]',
          'headers.authorization',
          '*.headers.authorization',
          '*.headers.cookie',
          '*.headers["x-ms-token-aad-access-token"]',
          'token',
          'assertion',
          '*.assertion',
          'clientSecret',
          '*.clientSecret',
          'appPassword',
          '*.appPassword',
        ],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}
