import { LRUCache } from 'lru-cache';
import { retryAfterFor, type BucketDecision, type StateStore, type TokenBucket } from './store.ts';

export interface MemoryStateStoreOptions {
  /** Most keys kept (least recently used go first). Default 200,000. */
  readonly maxKeys?: number;
  readonly now?: () => number;
}

interface Entry {
  value: string | Set<string>;
  expiresAt: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * The embedded default (`npm start`, tests that need no sharing): the same semantics as the Redis
 * store, in one bounded LRU with per-key TTLs. Everything is lost with the process.
 */
export function createMemoryStateStore(options: MemoryStateStoreOptions = {}): StateStore {
  const now = options.now ?? Date.now;
  const entries = new LRUCache<string, Entry>({ max: options.maxKeys ?? 200_000 });
  const buckets = new LRUCache<string, Bucket>({ max: options.maxKeys ?? 200_000 });

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const stringOf = (key: string) => {
    const value = live(key)?.value;
    return typeof value === 'string' ? value : undefined;
  };
  const put = (key: string, value: string | Set<string>, ttlMs: number) =>
    void entries.set(key, { value, expiresAt: now() + Math.max(1, ttlMs) });

  return {
    kind: 'memory',
    get: async (key) => stringOf(key),
    set: async (key, value, ttlMs) => put(key, value, ttlMs),
    async setIfAbsent(key, value, ttlMs) {
      if (live(key)) return false;
      put(key, value, ttlMs);
      return true;
    },
    async replaceIf(key, expected, value, ttlMs) {
      if (stringOf(key) !== expected) return false;
      put(key, value, ttlMs);
      return true;
    },
    async deleteIf(key, expected) {
      if (stringOf(key) !== expected) return false;
      entries.delete(key);
      return true;
    },
    delete: async (key) => void entries.delete(key),
    async take(key) {
      const value = stringOf(key);
      entries.delete(key);
      return value;
    },
    async addMember(key, member, ttlMs) {
      const current = live(key)?.value;
      const set = current instanceof Set ? current : new Set<string>();
      set.add(member);
      put(key, set, ttlMs);
    },
    async removeMember(key, member) {
      const current = live(key)?.value;
      if (current instanceof Set) current.delete(member);
    },
    async members(key) {
      const current = live(key)?.value;
      return current instanceof Set ? [...current] : [];
    },
    async takeTokens(key, bucket: TokenBucket, requested, nowMs): Promise<BucketDecision> {
      const cost = Math.min(Math.max(0, requested), bucket.capacity);
      const state = buckets.get(key) ?? { tokens: bucket.capacity, updatedAt: nowMs };
      state.tokens = Math.min(
        bucket.capacity,
        state.tokens + (Math.max(0, nowMs - state.updatedAt) / 1000) * bucket.refillPerSecond,
      );
      state.updatedAt = nowMs;
      buckets.set(key, state);
      if (state.tokens >= cost) {
        state.tokens -= cost;
        return { allowed: true };
      }
      return {
        allowed: false,
        retryAfterSeconds: retryAfterFor(cost - state.tokens, bucket.refillPerSecond),
      };
    },
    close: async () => {
      entries.clear();
      buckets.clear();
    },
  };
}
