import { MemoryStorage, type Storage } from 'botbuilder';
import type { ClaimStore } from '../app/sso/claim-store.ts';

export interface StorageClaimStoreOptions {
  /**
   * Bot Framework storage holding the claims. Default: an in-memory MemoryStorage (one instance);
   * pass a shared store (Blob, Cosmos DB) when several instances run.
   */
  readonly storage?: Storage;
  /** Claims older than this are forgotten. Default 10 minutes (Teams retries within seconds). */
  readonly ttlMs?: number;
  /** Most claims remembered. Default 10,000. */
  readonly max?: number;
  readonly now?: () => number;
}

/**
 * First-writer-wins claims on Bot Framework storage: the item's eTag is the key, so a second write
 * of the same key conflicts (the technique of botbuilder's TeamsSSOTokenExchangeMiddleware).
 */
export function createStorageClaimStore(options: StorageClaimStoreOptions = {}): ClaimStore {
  const memory: Record<string, string> = {};
  const storage = options.storage ?? new MemoryStorage(memory);
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const max = options.max ?? 10_000;
  const now = options.now ?? Date.now;
  const claimed: { key: string; at: number }[] = [];

  async function prune(): Promise<void> {
    const expired: string[] = [];
    while (claimed.length > 0 && (claimed.length > max || (claimed[0]?.at ?? Infinity) + ttlMs <= now())) {
      const oldest = claimed.shift();
      if (oldest) expired.push(oldest.key);
    }
    if (expired.length === 0) return;
    await storage.delete(expired);
    for (const key of expired) delete memory[key];
  }

  return {
    async claim(key) {
      await prune();
      try {
        await storage.write({ [key]: { eTag: key } });
      } catch (error) {
        const message = error instanceof Error ? error.message.toLowerCase() : '';
        if (message.includes('etag conflict') || message.includes('precondition is not met')) return false;
        throw error;
      }
      claimed.push({ key, at: now() });
      return true;
    },
  };
}
