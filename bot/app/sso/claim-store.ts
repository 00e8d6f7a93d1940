/**
 * First-writer-wins claims, for deduplicating Teams' `signin/tokenExchange` (Teams may deliver the
 * same exchange to several bot instances; only one may act on it). Backed by Bot Framework storage
 * in the adapter folder, so a shared store (Blob, Cosmos DB) makes it work across instances.
 */
export interface ClaimStore {
  /** True the first time `key` is claimed; false for every later claim of the same key. */
  claim(key: string): Promise<boolean>;
}
