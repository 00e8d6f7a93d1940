import { describe, expect, it } from '@jest/globals';
import { createPendingStore } from '../../../bot/app/sso/pending-store.ts';
import { createTokenStore } from '../../../bot/app/sso/token-store.ts';
import type { SignedInUser } from '../../../src/domain/user.ts';

const user = (oid: string, expiresAt: number, tid = 'T'): SignedInUser => ({
  oid,
  tid,
  upn: `${oid}@contoso`,
  name: oid,
  assertion: `token-of-${oid}`,
  expiresAt,
});

describe('token store', () => {
  it('keys users by tenant and oid, case-insensitively', () => {
    const store = createTokenStore({ now: () => 0 });
    store.set(user('ABC', 3_600_000, 'TenantA'));
    expect(store.get('tenanta', 'abc')?.assertion).toBe('token-of-ABC');
    expect(store.get('TenantB', 'abc')).toBeUndefined();
  });

  it('treats a token about to expire as absent (5 minutes by default) and drops it', () => {
    let now = 0;
    const store = createTokenStore({ now: () => now });
    store.set(user('a', 10 * 60_000));
    expect(store.get('T', 'a')).toBeDefined();
    now = 5 * 60_000;
    expect(store.get('T', 'a')).toBeUndefined();
    expect(store.size).toBe(0);
    store.set(user('b', 6 * 60_000));
    expect(store.size).toBe(0); // never stored: already too close to expiry
  });

  it('is bounded, forgetting the least recently used user', () => {
    const store = createTokenStore({ max: 2, now: () => 0 });
    store.set(user('a', 3_600_000));
    store.set(user('b', 3_600_000));
    store.get('T', 'a');
    store.set(user('c', 3_600_000));
    expect([store.get('T', 'a'), store.get('T', 'b'), store.get('T', 'c')].map((u) => u?.oid)).toEqual([
      'a',
      undefined,
      'c',
    ]);
  });
});

describe('pending store', () => {
  const entry = (conversationId: string, text: string) => ({
    work: { kind: 'command' as const, command: { kind: 'list' as const, filter: text } },
    info: {
      channelId: 'msteams',
      conversationId,
      conversationKind: 'personal' as const,
      from: { id: '29:a' },
    },
    handle: { conversationId },
  });

  it('keeps one request per user and conversation, the latest, handed out once', () => {
    const store = createPendingStore({ now: () => 0 });
    store.put('T', 'a', entry('c1', 'first'));
    store.put('T', 'a', entry('c1', 'second'));
    store.put('T', 'a', entry('c2', 'other'));
    expect(store.take('T', 'a', 'c1')?.work).toMatchObject({ command: { filter: 'second' } });
    expect(store.take('T', 'a', 'c1')).toBeUndefined();
    expect(store.take('t', 'A', 'c2')?.work).toMatchObject({ command: { filter: 'other' } });
  });

  it('forgets requests after the TTL', () => {
    let now = 0;
    const store = createPendingStore({ now: () => now, ttlMs: 1000 });
    store.put('T', 'a', entry('c1', 'x'));
    now = 1000;
    expect(store.take('T', 'a', 'c1')).toBeUndefined();
  });
});
