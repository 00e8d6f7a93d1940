import { describe, expect, it } from '@jest/globals';
import { MemoryStorage } from 'botbuilder';
import { createStorageClaimStore } from '../../../bot/adapter/storage-claim-store.ts';

describe('storage claim store (token exchange dedupe)', () => {
  it('lets exactly one of many concurrent claims of a key win', async () => {
    const claims = createStorageClaimStore();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => claims.claim('msteams/conv/exchange-1')),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    await expect(claims.claim('msteams/conv/exchange-2')).resolves.toBe(true);
  });

  it('works across instances sharing one Bot Framework storage', async () => {
    const storage = new MemoryStorage();
    const first = createStorageClaimStore({ storage });
    const second = createStorageClaimStore({ storage });
    await expect(first.claim('k')).resolves.toBe(true);
    await expect(second.claim('k')).resolves.toBe(false);
  });

  it('forgets claims after the TTL so memory stays bounded', async () => {
    let now = 0;
    const claims = createStorageClaimStore({ ttlMs: 1000, now: () => now });
    await claims.claim('k');
    now = 1000;
    await expect(claims.claim('k')).resolves.toBe(true);
  });
});
