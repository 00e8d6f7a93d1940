import { describe, expect, it } from '@jest/globals';
import { createPendingStore } from '../../../bot/app/sso/pending-store.ts';
import { createTokenStore } from '../../../bot/app/sso/token-store.ts';
import type { SignedInUser } from '../../../src/domain/user.ts';
import { createMemoryStateStore } from '../../../src/state/memory-store.ts';
import { createSecretBox } from '../../../src/state/secret-box.ts';
import { unreadableReporter } from '../../../src/state/unreadable.ts';
import type { Logger } from 'pino';

const user = (oid: string, expiresAt: number, tid = 'T'): SignedInUser => ({
  oid,
  tid,
  upn: `${oid}@contoso`,
  name: oid,
  assertion: `token-of-${oid}`,
  expiresAt,
});
const box = createSecretBox(Buffer.alloc(32, 3));

describe('token store', () => {
  it('keys users by tenant and oid, case-insensitively', async () => {
    const store = createTokenStore({ state: createMemoryStateStore(), box, now: () => 0 });
    await store.set(user('ABC', 3_600_000, 'TenantA'));
    expect((await store.get('tenanta', 'abc'))?.assertion).toBe('token-of-ABC');
    expect(await store.get('TenantB', 'abc')).toBeUndefined();
  });

  it('treats a token about to expire as absent (5 minutes by default)', async () => {
    let now = 0;
    const store = createTokenStore({ state: createMemoryStateStore(), box, now: () => now });
    await store.set(user('a', 10 * 60_000));
    expect(await store.get('T', 'a')).toBeDefined();
    now = 5 * 60_000;
    expect(await store.get('T', 'a')).toBeUndefined();
    await store.set(user('b', now + 4 * 60_000));
    expect(await store.get('T', 'b')).toBeUndefined(); // never stored: already too close to expiry
  });

  it('keeps tokens sealed at rest; a value that does not open, or is another user’s, is absent', async () => {
    const state = createMemoryStateStore();
    const store = createTokenStore({ state, box, now: () => 0 });
    await store.set(user('a', 3_600_000));
    const [key] = (await Promise.all(['vmm:v1:bot-token:t|a'].map(async (k) => [k, await state.get(k)])))[0]!;
    const sealed = await state.get(key as string);
    expect(sealed).toBeDefined();
    expect(sealed).not.toContain('token-of-a');
    // Moved under another user's key, it does not open (the key name is bound to the seal).
    await state.set('vmm:v1:bot-token:t|b', sealed!, 60_000);
    expect(await store.get('T', 'b')).toBeUndefined();
    await state.set('vmm:v1:bot-token:t|a', 'garbage', 60_000);
    expect(await store.get('T', 'a')).toBeUndefined();
    const other = createTokenStore({ state, box: createSecretBox(Buffer.alloc(32, 9)), now: () => 0 });
    await store.set(user('a', 3_600_000));
    expect(await other.get('T', 'a')).toBeUndefined();
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

  it('keeps one request per user and conversation, the latest, handed out once', async () => {
    const store = createPendingStore({ state: createMemoryStateStore(), now: () => 0 });
    await store.put('T', 'a', entry('c1', 'first'));
    await store.put('T', 'a', entry('c1', 'second'));
    await store.put('T', 'a', entry('c2', 'other'));
    expect((await store.take('T', 'a', 'c1'))?.work).toMatchObject({ command: { filter: 'second' } });
    expect(await store.take('T', 'a', 'c1')).toBeUndefined();
    expect((await store.take('t', 'A', 'c2'))?.work).toMatchObject({ command: { filter: 'other' } });
  });

  it('forgets requests after the TTL', async () => {
    let now = 0;
    const store = createPendingStore({
      state: createMemoryStateStore({ now: () => now }),
      now: () => now,
      ttlMs: 1000,
    });
    await store.put('T', 'a', entry('c1', 'x'));
    now = 1000;
    expect(await store.take('T', 'a', 'c1')).toBeUndefined();
  });
});

describe('values that cannot be read: absent, and logged once each (never the value)', () => {
  const logged = () => {
    const lines: Array<{ kind: string; id: string; msg: string }> = [];
    const logger = {
      warn: (fields: { kind: string; id: string }, msg: string) => lines.push({ ...fields, msg }),
    } as unknown as Logger;
    return { lines, logger };
  };

  it('a bot token that does not open (another key, garbage) is reported once, not on every read', async () => {
    const { lines, logger } = logged();
    const state = createMemoryStateStore();
    const store = createTokenStore({
      state,
      box,
      now: () => 0,
      onUnreadable: unreadableReporter(logger, 'bot token'),
    });
    await state.set('vmm:v1:bot-token:t|a', 'garbage-not-sealed', 60_000);
    expect(await store.get('T', 'a')).toBeUndefined();
    expect(await store.get('T', 'a')).toBeUndefined();
    expect(lines).toEqual([
      { kind: 'bot token', id: 't|a', msg: 'state: a stored value could not be read; treated as absent' },
    ]);
    expect(JSON.stringify(lines)).not.toContain('garbage');
    // Nothing stored is not unreadable.
    expect(await store.get('T', 'nobody')).toBeUndefined();
    expect(lines).toHaveLength(1);
  });

  it('pending work of another shape is reported', async () => {
    const { lines, logger } = logged();
    const state = createMemoryStateStore();
    const store = createPendingStore({
      state,
      onUnreadable: unreadableReporter(logger, 'pending sign-in work'),
    });
    await state.set('vmm:v1:bot-pending:t|a|conv-1', '{"work":42}', 60_000);
    expect(await store.take('T', 'a', 'conv-1')).toBeUndefined();
    expect(lines.map((l) => [l.kind, l.id])).toEqual([['pending sign-in work', 't|a|conv-1']]);
  });
});
