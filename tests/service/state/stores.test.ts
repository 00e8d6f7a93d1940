import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import { createMemoryStateStore } from '../../../src/state/memory-store.ts';
import { createRedisStateStore } from '../../../src/state/redis-store.ts';
import { createSecretBox, parseEncryptionKey } from '../../../src/state/secret-box.ts';
import type { StateStore } from '../../../src/state/store.ts';
import { startTestRedis, type TestRedis } from '../../support/redis.ts';

let redis: TestRedis;
let redisStore: StateStore;
beforeAll(async () => {
  redis = await startTestRedis();
  redisStore = await createRedisStateStore({ url: redis.url, commandTimeoutMs: 500 });
});
afterAll(async () => {
  await redisStore?.close();
  await redis?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let n = 0;
const key = (name: string) => `test:${Date.now()}:${n++}:${name}`;

/** The same semantics from both implementations: the memory store is the Redis store's twin. */
describe.each([
  ['memory', () => createMemoryStateStore()],
  ['redis', () => redisStore],
])('%s state store', (_kind, make) => {
  let store: StateStore;
  beforeAll(() => {
    store = make();
  });

  it('get / set with TTL / delete', async () => {
    const k = key('a');
    expect(await store.get(k)).toBeUndefined();
    await store.set(k, 'v', 200);
    expect(await store.get(k)).toBe('v');
    await sleep(260);
    expect(await store.get(k)).toBeUndefined();
    await store.set(k, 'w', 10_000);
    await store.delete(k);
    expect(await store.get(k)).toBeUndefined();
  });

  it('setIfAbsent: first writer wins until the key expires', async () => {
    const k = key('claim');
    expect(await store.setIfAbsent(k, 'A', 200)).toBe(true);
    expect(await store.setIfAbsent(k, 'B', 200)).toBe(false);
    expect(await store.get(k)).toBe('A');
    await sleep(260);
    expect(await store.setIfAbsent(k, 'B', 200)).toBe(true);
  });

  it('replaceIf / deleteIf act only while the value is the expected one (leases)', async () => {
    const k = key('lease');
    await store.set(k, 'me', 10_000);
    expect(await store.replaceIf(k, 'other', 'x', 10_000)).toBe(false);
    expect(await store.replaceIf(k, 'me', 'me', 10_000)).toBe(true);
    expect(await store.deleteIf(k, 'other')).toBe(false);
    expect(await store.deleteIf(k, 'me')).toBe(true);
    expect(await store.get(k)).toBeUndefined();
  });

  it('take hands a value to exactly one caller', async () => {
    const k = key('take');
    await store.set(k, 'once', 10_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => store.take(k)));
    expect(results.filter((r) => r === 'once')).toHaveLength(1);
  });

  it('members: add, remove, list', async () => {
    const k = key('set');
    await store.addMember(k, 'a', 10_000);
    await store.addMember(k, 'b', 10_000);
    await store.removeMember(k, 'a');
    expect(await store.members(k)).toEqual(['b']);
  });

  it('takeTokens: a bucket of 3 refilling 1/s, a request never costs more than a full bucket', async () => {
    const k = key('bucket');
    const bucket = { capacity: 3, refillPerSecond: 1 };
    const t0 = 1_000_000;
    expect(await store.takeTokens(k, bucket, 2, t0)).toEqual({ allowed: true });
    expect(await store.takeTokens(k, bucket, 2, t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await store.takeTokens(k, bucket, 2, t0 + 1000)).toEqual({ allowed: true });
    const big = key('big');
    expect(await store.takeTokens(big, bucket, 50, t0)).toEqual({ allowed: true });
    expect(await store.takeTokens(big, bucket, 1, t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});

describe('redis state store when Redis goes away', () => {
  it('answers StateStoreUnavailable fast, and recovers when Redis is back', async () => {
    const own = await startTestRedis();
    const store = await createRedisStateStore({ url: own.url, commandTimeoutMs: 300 });
    try {
      await store.set('k', 'v', 60_000);
      await own.kill();
      const started = Date.now();
      await expect(store.get('k')).rejects.toMatchObject({ code: 'StateStoreUnavailable' });
      expect(Date.now() - started).toBeLessThan(2000);
      await own.restart();
      let value: string | undefined | Error;
      for (let i = 0; i < 60; i++) {
        value = await store.get('k').catch((e: Error) => e);
        if (!(value instanceof Error)) break;
        await sleep(100);
      }
      expect(value).toBeUndefined(); // back, and empty (no persistence)
    } finally {
      await store.close();
      await own.close();
    }
  }, 20_000);

  it('re-authenticates the open connection with fresh credentials before they expire (Entra tokens)', async () => {
    const own = await startTestRedis();
    const admin = createClient({ url: own.url });
    await admin.connect();
    await admin.sendCommand(['ACL', 'SETUSER', 'app', 'on', '>token-1', '~*', '+@all']);
    const handed: string[] = [];
    const warnings: string[] = [];
    const passwords = ['token-1', 'token-2', 'not-a-token'];
    const store = await createRedisStateStore({
      url: own.url,
      reauthenticateBeforeMs: 60_000,
      credentials: async () => {
        const password = passwords[Math.min(handed.length, passwords.length - 1)]!;
        handed.push(password);
        // Expires just after the lead time: the connection must authenticate again about a second later.
        return { username: 'app', password, expiresAt: Date.now() + 60_000 + 200 };
      },
      logger: {
        warn: (_o: unknown, msg: string) => warnings.push(msg),
        debug: () => undefined,
        info: () => undefined,
        child() {
          return this;
        },
      } as never,
    });
    try {
      // The token rotates: the old one no longer works for new logins.
      await admin.sendCommand(['ACL', 'SETUSER', 'app', 'resetpass', '>token-2']);
      for (let i = 0; handed.length < 2 && i < 50; i++) await sleep(100);
      expect(handed.slice(0, 2)).toEqual(['token-1', 'token-2']);
      await store.set('k', 'v', 60_000);
      expect(await store.get('k')).toBe('v');
      // A credential Redis refuses is reported (so the AUTH really goes out), and the store keeps working.
      for (let i = 0; warnings.length === 0 && i < 50; i++) await sleep(100);
      expect(warnings).toContain('state.redis.reauthentication_failed');
      expect(await store.get('k')).toBe('v');
    } finally {
      await store.close();
      await admin.close();
      await own.close();
    }
  }, 20_000);

  it('refuses to start when Redis is unreachable', async () => {
    const own = await startTestRedis();
    await own.kill();
    await expect(createRedisStateStore({ url: own.url })).rejects.toThrow();
  }, 20_000);
});

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(
    parseEncryptionKey('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')!,
  );

  it('seals and opens; a value sealed for one key name does not open under another', () => {
    const sealed = box.seal('eyJ.secret.token', 'bot-token:t|a');
    expect(sealed).not.toContain('secret');
    expect(box.open(sealed, 'bot-token:t|a')).toBe('eyJ.secret.token');
    expect(box.open(sealed, 'bot-token:t|b')).toBeUndefined();
  });

  it('treats tampered, truncated, foreign or other-key values as absent', () => {
    const sealed = box.seal('x', 'c');
    const other = createSecretBox(Buffer.alloc(32, 7));
    for (const bad of [
      sealed.slice(0, -2),
      sealed.replace(/^v1/, 'v2'),
      'plain text',
      '',
      `${sealed}.x`,
      other.seal('x', 'c'),
    ])
      expect(box.open(bad, 'c')).toBeUndefined();
  });

  it('parses 32-byte keys as hex or base64 only', () => {
    expect(parseEncryptionKey(Buffer.alloc(32, 1).toString('base64'))).toHaveLength(32);
    expect(parseEncryptionKey(Buffer.alloc(32, 1).toString('base64url'))).toHaveLength(32);
    expect(parseEncryptionKey('ab'.repeat(32))).toHaveLength(32);
    for (const bad of ['', 'short', 'ab'.repeat(31), Buffer.alloc(16).toString('base64')])
      expect(parseEncryptionKey(bad)).toBeUndefined();
  });
});
