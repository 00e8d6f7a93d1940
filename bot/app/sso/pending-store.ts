import type { Command } from '../../commands/parse.ts';
import { stateKeys } from '../../../src/state/keys.ts';
import type { StateStore } from '../../../src/state/store.ts';
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
  readonly state: StateStore;
  /** Forgotten after this long. Default 15 minutes (how long Teams' SSO prompt stays useful). */
  readonly ttlMs?: number;
  readonly now?: () => number;
  /** A stored entry that cannot be read: absent, and reported. */
  readonly onUnreadable?: (id: string) => void;
}

/** One pending request per (tenant, user, conversation): a newer request replaces an older one. */
export interface PendingStore {
  put(tenantId: string, oid: string, entry: Omit<PendingEntry, 'createdAt'>): Promise<void>;
  /** Removes and returns the entry, if any: exactly one instance gets it. */
  take(tenantId: string, oid: string, conversationId: string): Promise<PendingEntry | undefined>;
}

const isEntry = (value: unknown): value is PendingEntry => {
  const v = value as Partial<PendingEntry> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.work === 'object' &&
    typeof v.info === 'object' &&
    typeof v.handle === 'object' &&
    typeof v.createdAt === 'number'
  );
};

/** In the state store, so the instance that receives the sign-in finds what another one was asked. */
export function createPendingStore(options: PendingStoreOptions): PendingStore {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const key = (tenantId: string, oid: string, conversationId: string) =>
    stateKeys.pendingWork(userKey(tenantId, oid), conversationId);
  return {
    async put(tenantId, oid, entry) {
      const value: PendingEntry = { ...entry, createdAt: now() };
      await options.state.set(key(tenantId, oid, entry.info.conversationId), JSON.stringify(value), ttlMs);
    },
    async take(tenantId, oid, conversationId) {
      const raw = await options.state.take(key(tenantId, oid, conversationId));
      if (raw === undefined) return undefined;
      let entry: unknown;
      try {
        entry = JSON.parse(raw);
      } catch {
        entry = undefined;
      }
      if (!isEntry(entry)) {
        options.onUnreadable?.(`${userKey(tenantId, oid)}|${conversationId}`);
        return undefined;
      }
      return entry.createdAt + ttlMs > now() ? entry : undefined;
    },
  };
}
