import { LRUCache } from 'lru-cache';

export interface RateLimiterOptions {
  /** Tokens a key can burst. */
  readonly capacity: number;
  /** Tokens refilled per second. */
  readonly refillPerSecond: number;
  /** Most keys tracked (least recently used are forgotten, i.e. start full). Default 100 000. */
  readonly maxKeys?: number;
  readonly now?: () => number;
}

export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  /**
   * Takes `cost` tokens from `key`'s bucket, or says how long until enough are back. A request never
   * costs more than a full bucket (`cost` is capped at `capacity`), so anything the API accepts at
   * all — a bulk request of up to its documented size — is admissible on a full bucket.
   */
  take(key: string, cost?: number): RateDecision;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** A token bucket per key (a user's tenant + oid; see src/limits/usage-limits.ts). */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const buckets = new LRUCache<string, Bucket>({ max: options.maxKeys ?? 100_000 });
  return {
    take(key, requested = 1) {
      const cost = Math.min(Math.max(0, requested), options.capacity);
      const at = now();
      const bucket = buckets.get(key) ?? { tokens: options.capacity, updatedAt: at };
      bucket.tokens = Math.min(
        options.capacity,
        bucket.tokens + ((at - bucket.updatedAt) / 1000) * options.refillPerSecond,
      );
      bucket.updatedAt = at;
      buckets.set(key, bucket);
      if (bucket.tokens >= cost) {
        bucket.tokens -= cost;
        return { allowed: true };
      }
      const missing = cost - bucket.tokens;
      const retryAfterSeconds =
        options.refillPerSecond > 0 ? Math.max(1, Math.ceil(missing / options.refillPerSecond)) : 3600;
      return { allowed: false, retryAfterSeconds };
    },
  };
}
