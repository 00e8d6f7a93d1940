import { LRUCache } from 'lru-cache';
import type { Command } from '../../commands/parse.ts';
import type { ConversationHandle, TurnInfo } from '../turn.ts';
import { userKey } from './token-store.ts';

/** What the user asked for before they had to sign in; run once sign-in completes. */
export type PendingWork =
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'intent'; readonly verb: string; readonly data: unknown };

export interface PendingEntry {
  readonly work: PendingWork;
  readonly info: TurnInfo;
  readonly handle: ConversationHandle;
  readonly createdAt: number;
}

export interface PendingStoreOptions {
  /** Default 5,000 entries. */
  readonly max?: number;
  /** Forgotten after this long. Default 15 minutes (how long Teams' SSO prompt stays useful). */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

/** One pending request per (tenant, user, conversation): a newer request replaces an older one. */
export interface PendingStore {
  put(tenantId: string, oid: string, entry: Omit<PendingEntry, 'createdAt'>): void;
  /** Removes and returns the entry, if any and not expired. */
  take(tenantId: string, oid: string, conversationId: string): PendingEntry | undefined;
}

export function createPendingStore(options: PendingStoreOptions = {}): PendingStore {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const cache = new LRUCache<string, PendingEntry>({ max: options.max ?? 5_000 });
  const key = (tenantId: string, oid: string, conversationId: string) =>
    `${userKey(tenantId, oid)}|${conversationId}`;
  return {
    put(tenantId, oid, entry) {
      cache.set(key(tenantId, oid, entry.info.conversationId), { ...entry, createdAt: now() });
    },
    take(tenantId, oid, conversationId) {
      const k = key(tenantId, oid, conversationId);
      const entry = cache.get(k);
      if (!entry) return undefined;
      cache.delete(k);
      return entry.createdAt + ttlMs > now() ? entry : undefined;
    },
  };
}
