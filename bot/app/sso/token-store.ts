import { LRUCache } from 'lru-cache';
import type { SignedInUser } from '../../../src/domain/user.ts';
import { userKeyOf } from '../../../src/domain/user.ts';

export interface TokenStoreOptions {
  /** Most users remembered at once; the least recently used are forgotten first. Default 10,000. */
  readonly max?: number;
  /**
   * A token expiring within this many milliseconds is treated as absent, so the bot asks Teams for
   * a fresh one instead of failing mid-operation. Default 5 minutes (MSAL refetches within 300 s too).
   */
  readonly minRemainingMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/** The users' validated SSO tokens, per (tenant, oid). Holds secrets: never log its contents. */
export interface TokenStore {
  get(tenantId: string, oid: string): SignedInUser | undefined;
  set(user: SignedInUser): void;
  delete(tenantId: string, oid: string): void;
  readonly size: number;
}

export function createTokenStore(options: TokenStoreOptions = {}): TokenStore {
  const now = options.now ?? Date.now;
  const minRemainingMs = options.minRemainingMs ?? 5 * 60_000;
  const cache = new LRUCache<string, SignedInUser>({ max: options.max ?? 10_000 });
  return {
    get(tenantId, oid) {
      const key = userKey(tenantId, oid);
      const user = cache.get(key);
      if (!user) return undefined;
      if (user.expiresAt - minRemainingMs <= now()) {
        cache.delete(key);
        return undefined;
      }
      return user;
    },
    set(user) {
      if (user.expiresAt - minRemainingMs <= now()) return;
      cache.set(userKey(user.tid, user.oid), user);
    },
    delete(tenantId, oid) {
      cache.delete(userKey(tenantId, oid));
    },
    get size() {
      return cache.size;
    },
  };
}

/** The product's per-user key (src/domain/user.ts), for callers holding a tenant id and an oid. */
export function userKey(tenantId: string, oid: string): string {
  return userKeyOf({ tid: tenantId, oid });
}
