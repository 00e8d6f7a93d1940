import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';

/**
 * What a store does with a value it cannot read (corrupt, foreign, sealed with another key, an older shape): it is
 * treated as absent, and reported here — one warning per value, not one per read (a bad value read on every request
 * must not flood the log). Names the kind of value and its id only, never the value.
 */
export function unreadableReporter(logger: Logger | undefined, kind: string): (id: string) => void {
  const seen = new LRUCache<string, true>({ max: 1000 });
  return (id) => {
    if (seen.has(id)) return;
    seen.set(id, true);
    logger?.warn({ kind, id }, 'state: a stored value could not be read; treated as absent');
  };
}
