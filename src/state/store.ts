/**
 * The store seam: the few primitives everything shared is built on (operations, leases, the bot's
 * tokens and pending work, card references, exchange claims, rate-limit buckets). In memory by
 * default; Redis when `REDIS_URL` is set, so several instances and restarts share one state.
 * Every key has a TTL. Values are strings (JSON, or sealed secrets, made by the typed stores).
 * A store that cannot be reached throws AppError `StateStoreUnavailable`.
 */
export interface StateStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets only when the key is absent: true when this call set it (claims, leases). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Replaces the value (and TTL) only while it still equals `expected`: true when replaced (lease renewal). */
  replaceIf(key: string, expected: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes only while the value equals `expected` (lease release). */
  deleteIf(key: string, expected: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Gets and deletes in one step: at most one caller ever receives the value. */
  take(key: string): Promise<string | undefined>;
  /** A set of members (e.g. operations in progress); the set's TTL is renewed on each add. */
  addMember(key: string, member: string, ttlMs: number): Promise<void>;
  removeMember(key: string, member: string): Promise<void>;
  members(key: string): Promise<string[]>;
  /**
   * A token bucket, updated atomically: takes `cost` tokens (at most `capacity`) or says how long
   * until enough are back. Idle buckets expire once full again.
   */
  takeTokens(key: string, bucket: TokenBucket, cost: number, nowMs: number): Promise<BucketDecision>;
  close(): Promise<void>;
}

export interface TokenBucket {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

export type BucketDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Seconds until `missing` tokens are back at `refillPerSecond` (at least 1; an hour when nothing refills). */
export function retryAfterFor(missing: number, refillPerSecond: number): number {
  return refillPerSecond > 0 ? Math.max(1, Math.ceil(missing / refillPerSecond)) : 3600;
}
