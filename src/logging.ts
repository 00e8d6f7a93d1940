import { pino, type DestinationStream, type Logger } from 'pino';
import { isAppError } from './domain/errors.ts';

const MAX_CAUSES = 4;

/**
 * A log-safe summary of an error: name, code, status and message down the `cause` chain — never
 * the request/response objects SDK errors carry (their headers hold bearer tokens). The logger's
 * `err` serializer: pass the error itself (`{err: error}`), not a summary of it.
 */
export function errorSummary(error: unknown): Record<string, unknown> {
  const chain: Array<Record<string, unknown>> = [];
  let current: unknown = error;
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
        message: e.message.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[jwt]'),
        ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
        ...(typeof e.statusCode === 'number' ? {} : {}),
        ...(typeof e.errorCode === 'string' ? { errorCode: e.errorCode } : {}),
        ...(typeof e.subError === 'string' && e.subError ? { subError: e.subError } : {}),
        // Expected failures (AppErrors: Azure said no, a token expired) are one short line; only
        // unexpected errors carry where they came from.
        ...(depth === 0 && e.stack && !isAppError(e)
          ? { stack: e.stack.split('\n').slice(0, 8).join('\n') }
          : {}),
      });
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
          'headers.authorization',
          '*.headers.authorization',
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
