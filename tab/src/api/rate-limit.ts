import { isApiError } from './errors.ts';

/**
 * How the tab answers a 429 on a VM action. A 429 means nothing was done (the service checks the user's action
 * budget before acting; Azure's throttling refuses the call outright), so sending it again is safe; but only a few
 * times, and only when `Retry-After` is short: a user who clicked Start should not wait minutes for a toast, nor
 * should the tab hammer a budget that refills slowly.
 */
export interface RateLimitRetryPolicy {
  /** Automatic retries after the first refusal. */
  readonly maxRetries: number;
  /** Longest `Retry-After` (seconds) worth waiting for; past it the tab gives up at once. */
  readonly maxRetryAfterSeconds: number;
}

export const RATE_LIMIT_RETRY: RateLimitRetryPolicy = { maxRetries: 2, maxRetryAfterSeconds: 30 };

/**
 * Milliseconds to wait before retrying after `error`, or undefined to give up: not a 429, `retriesSoFar` already at
 * the policy's maximum, or no usable `Retry-After` (missing, or longer than the policy waits). Pure.
 */
export function rateLimitRetryDelay(
  error: unknown,
  retriesSoFar: number,
  policy: RateLimitRetryPolicy = RATE_LIMIT_RETRY,
): number | undefined {
  if (!isApiError(error, 'TooManyRequests') || retriesSoFar >= policy.maxRetries) return undefined;
  const seconds = error.retryAfter;
  if (seconds === undefined || !(seconds > 0) || seconds > policy.maxRetryAfterSeconds) return undefined;
  return Math.ceil(seconds * 1000);
}

export interface RetryOptions {
  readonly policy?: RateLimitRetryPolicy;
  /** Default: setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `send`, again after each 429 the policy accepts (rateLimitRetryDelay). The last error is rethrown as is, so
 * its `retryAfter` tells the caller when to try again.
 */
export async function withRateLimitRetry<T>(send: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let retries = 0; ; retries++) {
    try {
      return await send();
    } catch (error) {
      const delay = rateLimitRetryDelay(error, retries, options.policy);
      if (delay === undefined) throw error;
      await sleep(delay);
    }
  }
}

/**
 * `Retry-After` in seconds: delay-seconds (`120`) or an HTTP date, measured from `now` (epoch ms). Undefined when
 * absent, unreadable or not in the future. Pure.
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) {
    const seconds = Number(value);
    return seconds > 0 ? seconds : undefined;
  }
  const at = Date.parse(value);
  if (Number.isNaN(at) || at <= now) return undefined;
  return Math.ceil((at - now) / 1000);
}

/** "2 seconds", "1 minute", "2 minutes", "3 hours": `seconds` rounded up to the unit people read. Pure. */
export function formatRetryAfter(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return plural(s, 'second');
  if (s < 3600) return plural(Math.ceil(s / 60), 'minute');
  return plural(Math.ceil(s / 3600), 'hour');
}
