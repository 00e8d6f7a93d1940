import { z } from 'zod';
import type { SignedInUser } from '../../../src/domain/user.ts';
import { userKeyOf } from '../../../src/domain/user.ts';
import { stateKeys } from '../../../src/state/keys.ts';
import type { SecretBox } from '../../../src/state/secret-box.ts';
import type { StateStore } from '../../../src/state/store.ts';

export interface TokenStoreOptions {
  readonly state: StateStore;
  /** Seals tokens at rest (a shared store must never hold them in the clear). */
  readonly box: SecretBox;
  /**
   * A token expiring within this many milliseconds is treated as absent, so the bot asks Teams for
   * a fresh one instead of failing mid-operation. Default 5 minutes (MSAL refetches within 300 s too).
   */
  readonly minRemainingMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
  /** A stored token that cannot be read (tampered, another key, another shape): absent, and reported. */
  readonly onUnreadable?: (userKey: string) => void;
}

/** The users' validated SSO tokens, per (tenant, oid). Holds secrets: never log its contents. */
export interface TokenStore {
  get(tenantId: string, oid: string): Promise<SignedInUser | undefined>;
  set(user: SignedInUser): Promise<void>;
  delete(tenantId: string, oid: string): Promise<void>;
}

const storedUser = z.object({
  oid: z.string().max(100),
  tid: z.string().max(100),
  upn: z.string().max(400),
  name: z.string().max(400),
  assertion: z.string().min(1).max(16_384),
  expiresAt: z.number(),
});

/**
 * In the state store (shared by every instance with Redis), sealed with AES-256-GCM under a key
 * bound to the user, and expiring with the token. Anything that does not open or parse is absent.
 */
export function createTokenStore(options: TokenStoreOptions): TokenStore {
  const now = options.now ?? Date.now;
  const minRemainingMs = options.minRemainingMs ?? 5 * 60_000;
  const keyOf = (tenantId: string, oid: string) => stateKeys.userToken(userKey(tenantId, oid));
  return {
    async get(tenantId, oid) {
      const key = keyOf(tenantId, oid);
      const sealed = await options.state.get(key);
      if (sealed === undefined) return undefined;
      const unreadable = () => {
        options.onUnreadable?.(userKey(tenantId, oid));
        return undefined;
      };
      const json = options.box.open(sealed, key);
      if (json === undefined) return unreadable();
      let user: SignedInUser;
      try {
        user = storedUser.parse(JSON.parse(json));
      } catch {
        return unreadable();
      }
      if (userKey(user.tid, user.oid) !== userKey(tenantId, oid)) return unreadable();
      return user.expiresAt - minRemainingMs > now() ? user : undefined;
    },
    async set(user) {
      const ttl = user.expiresAt - minRemainingMs - now();
      if (ttl <= 0) return;
      const key = keyOf(user.tid, user.oid);
      const { oid, tid, upn, name, assertion, expiresAt } = user;
      await options.state.set(
        key,
        options.box.seal(JSON.stringify({ oid, tid, upn, name, assertion, expiresAt }), key),
        ttl,
      );
    },
    async delete(tenantId, oid) {
      await options.state.delete(keyOf(tenantId, oid));
    },
  };
}

/** The product's per-user key (src/domain/user.ts), for callers holding a tenant id and an oid. */
export function userKey(tenantId: string, oid: string): string {
  return userKeyOf({ tid: tenantId, oid });
}
