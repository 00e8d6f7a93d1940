import { stateKeys } from '../../../src/state/keys.ts';
import type { StateStore } from '../../../src/state/store.ts';

/**
 * First-writer-wins claims, for deduplicating Teams' `signin/tokenExchange` (Teams may deliver the
 * same exchange to several bot instances; only one may act on it).
 */
export interface ClaimStore {
  /** True the first time `key` is claimed; false for every later claim of the same key. */
  claim(key: string): Promise<boolean>;
}

/** Claims in the state store: one winner across every instance sharing it (Redis `SET NX`). */
export function createStateClaimStore(
  state: StateStore,
  options: { readonly ttlMs?: number } = {},
): ClaimStore {
  // Teams retries an exchange within seconds; ten minutes is far longer than any retry.
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  return { claim: (key) => state.setIfAbsent(stateKeys.claim(key), '1', ttlMs) };
}
