/**
 * The listing's cache of auto-shutdown schedules (src/azure/schedules.ts `withScheduleCache`) over a counting
 * ScheduleGateway (our own port, not an Azure SDK): one ARM request per user and subscription per TTL, shared by
 * concurrent listings; empty answers share one value (bench: 10,000 users each leave a key, not a Map); failures are
 * not kept; a save forgets the subscription for everyone.
 */
import { describe, expect, it } from '@jest/globals';
import {
  withScheduleCache,
  type ArmShutdownSchedule,
  type ScheduleGateway,
} from '../../../src/azure/schedules.ts';
import type { SignedInUser } from '../../../src/domain/user.ts';

const SUB = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
const user = (oid: string): SignedInUser => ({
  oid,
  tid: 't',
  upn: `${oid}@contoso`,
  name: oid,
  assertion: 'a',
  expiresAt: Date.now() + 3_600_000,
});

type Schedules = Map<string, ArmShutdownSchedule>;
const none = (): Schedules => new Map();

function counting(answers: Array<Schedules | Error>) {
  let calls = 0;
  const gateway = {
    get: async () => undefined,
    put: async (_u, _r, schedule) => schedule,
    delete: async () => undefined,
    listForSubscription: async () => {
      const answer = answers[Math.min(calls++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } satisfies ScheduleGateway;
  return { gateway, calls: () => calls };
}

describe('withScheduleCache', () => {
  it('one request per user and subscription within the TTL, shared by concurrent listings', async () => {
    let now = 1_000; // lru-cache reads a start time of 0 as "no TTL"
    const inner = counting([none()]);
    const cache = withScheduleCache(inner.gateway, { ttlMs: 60_000, maxEntries: 100, now: () => now });
    await Promise.all([cache.listForSubscription(user('a'), SUB), cache.listForSubscription(user('a'), SUB)]);
    await cache.listForSubscription(user('a'), SUB.toUpperCase());
    expect(inner.calls()).toBe(1);
    await cache.listForSubscription(user('b'), SUB);
    expect(inner.calls()).toBe(2);
    now = 62_000;
    await new Promise((resolve) => setTimeout(resolve, 5)); // lru-cache keeps its last clock reading for 1 ms
    await cache.listForSubscription(user('a'), SUB);
    expect(inner.calls()).toBe(3);
  });

  it('empty answers are one shared value; non-empty ones are the user’s own', async () => {
    const found: Schedules = new Map([['/subscriptions/x/vm', {} as ArmShutdownSchedule]]);
    const inner = counting([none(), none(), found]);
    const cache = withScheduleCache(inner.gateway, { ttlMs: 60_000, maxEntries: 100 });
    await cache.listForSubscription(user('a'), SUB);
    await cache.listForSubscription(user('b'), SUB);
    const [a, b] = await Promise.all([
      cache.listForSubscription(user('a'), SUB),
      cache.listForSubscription(user('b'), SUB),
    ]);
    expect(a).toBe(b);
    expect(await cache.listForSubscription(user('c'), SUB)).toBe(found);
  });

  it('a failure is not kept; a save forgets the subscription for every user', async () => {
    const inner = counting([new Error('ARM said no'), none(), none(), none()]);
    const cache = withScheduleCache(inner.gateway, { ttlMs: 60_000, maxEntries: 100 });
    await expect(cache.listForSubscription(user('a'), SUB)).rejects.toThrow('ARM said no');
    await cache.listForSubscription(user('a'), SUB);
    await cache.listForSubscription(user('b'), SUB);
    expect(inner.calls()).toBe(3);
    await cache.put(
      user('a'),
      { subscriptionId: SUB, resourceGroup: 'rg', name: 'vm' },
      {} as never,
      'westeurope',
    );
    await cache.listForSubscription(user('b'), SUB);
    expect(inner.calls()).toBe(4);
  });
});
