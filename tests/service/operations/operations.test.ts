import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../../src/domain/errors.ts';
import type { Operation } from '../../../contract/operation.ts';
import type { SignedInUser } from '../../../src/domain/user.ts';
import { createOperationStore } from '../../../src/operations/store.ts';
import { createMemoryStateStore } from '../../../src/state/memory-store.ts';
import { createSecretBox } from '../../../src/state/secret-box.ts';
import { createOperationTracker } from '../../../src/operations/tracker.ts';

const alice: SignedInUser = {
  oid: 'a',
  tid: 't',
  upn: 'alice@x',
  name: 'Alice',
  assertion: 'token',
  expiresAt: 0,
};
const bob: SignedInUser = { ...alice, oid: 'b', upn: 'bob@x', name: 'Bob' };

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function op(id: string, status: Operation['status'], finishedAt?: string): Operation {
  return {
    id,
    vmId: '/vm',
    vmName: 'vm',
    action: 'start',
    status,
    requestedBy: { oid: 'a', tid: 't', name: 'A', upn: 'a' },
    startedAt: new Date(0).toISOString(),
    ...(finishedAt ? { finishedAt } : {}),
  };
}

describe('operation store (on the state seam)', () => {
  const box = createSecretBox(Buffer.alloc(32, 1));
  const make = (now: () => number) =>
    createOperationStore({
      state: createMemoryStateStore({ now }),
      box,
      retentionMs: 1000,
      operationTimeoutMs: 10_000,
      now,
    });

  it('drops finished operations after the retention period; in-progress ones live for the polling bound', async () => {
    let now = 10_000;
    const store = make(() => now);
    await store.put({
      operation: op('00000000-0000-4000-8000-000000000001', 'Succeeded', new Date(9_500).toISOString()),
    });
    await store.put({ operation: op('00000000-0000-4000-8000-000000000002', 'InProgress') });
    expect((await store.get('00000000-0000-4000-8000-000000000001'))?.operation.id).toBeDefined();
    now = 11_001;
    expect(await store.get('00000000-0000-4000-8000-000000000001')).toBeUndefined();
    expect(await store.get('00000000-0000-4000-8000-000000000002')).toBeDefined();
    expect(await store.active()).toEqual(['00000000-0000-4000-8000-000000000002']);
  });

  it('keeps the requester’s assertion sealed and only while it is valid; drops it once the operation ends', async () => {
    let now = 0;
    const state = createMemoryStateStore({ now: () => now });
    const store = createOperationStore({
      state,
      box,
      retentionMs: 1000,
      operationTimeoutMs: 10_000,
      now: () => now,
    });
    const id = '00000000-0000-4000-8000-000000000003';
    await store.put({
      operation: op(id, 'InProgress'),
      assertion: 'eyJ.secret',
      assertionExpiresAt: 5000,
      poller: '{}',
    });
    expect(await state.get(`vmm:v1:op:${id}`)).not.toContain('eyJ.secret');
    expect(await store.get(id)).toMatchObject({ assertion: 'eyJ.secret', poller: '{}' });
    now = 5000;
    expect((await store.get(id))?.assertion).toBeUndefined();
    await store.put({
      operation: op(id, 'Succeeded', new Date(0).toISOString()),
      assertion: 'eyJ.secret',
      assertionExpiresAt: 9e9,
    });
    expect(await state.get(`vmm:v1:op:${id}`)).not.toContain('assertion');
  });

  it('treats corrupt, foreign or mislabelled values as absent, reporting each', async () => {
    const state = createMemoryStateStore();
    const seen: string[] = [];
    const store = createOperationStore({
      state,
      box,
      retentionMs: 1000,
      operationTimeoutMs: 1000,
      onUnreadable: (id) => seen.push(id),
    });
    const a = '00000000-0000-4000-8000-00000000000a';
    const b = '00000000-0000-4000-8000-00000000000b';
    await state.set(`vmm:v1:op:${a}`, 'not json', 1000);
    await state.set(`vmm:v1:op:${b}`, JSON.stringify({ v: 1, operation: op(a, 'InProgress') }), 1000);
    expect(await store.get(a)).toBeUndefined();
    expect(await store.get(b)).toBeUndefined();
    expect(seen).toEqual([a, b]);
  });

  it('leases: one holder at a time; renew and release only by the holder; the end is claimed once', async () => {
    const store = make(Date.now);
    expect(await store.lease('x', 'A', 1000)).toBe(true);
    expect(await store.lease('x', 'B', 1000)).toBe(false);
    expect(await store.renew('x', 'B', 1000)).toBe(false);
    expect(await store.renew('x', 'A', 1000)).toBe(true);
    await store.release('x', 'B');
    expect(await store.lease('x', 'B', 1000)).toBe(false);
    await store.release('x', 'A');
    expect(await store.lease('x', 'B', 1000)).toBe(true);
    expect([await store.claimFinish('x'), await store.claimFinish('x')]).toEqual([true, false]);
  });
});

const ID1 = '00000000-0000-4000-8000-000000000001';
const ID2 = '00000000-0000-4000-8000-000000000002';

describe('operation tracker', () => {
  const make = () => {
    let now = Date.UTC(2026, 0, 1);
    let n = 0;
    const tracker = createOperationTracker({
      store: createOperationStore({
        state: createMemoryStateStore(),
        box: createSecretBox(Buffer.alloc(32, 1)),
        retentionMs: 60_000,
        operationTimeoutMs: 60_000,
        now: () => now,
      }),
      now: () => now,
      newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    });
    return { tracker, tick: (ms: number) => (now += ms) };
  };

  it('records InProgress, then Succeeded with finishedAt, and notifies listeners once', async () => {
    const { tracker, tick } = make();
    const heard: Operation[] = [];
    tracker.onFinished((o) => heard.push(o));
    const done = deferred();
    const started = await tracker.track({
      user: alice,
      vmId: '/vm/1',
      vmName: 'vm1',
      action: 'restart',
      completion: done.promise,
    });
    expect(started).toEqual({
      id: ID1,
      vmId: '/vm/1',
      vmName: 'vm1',
      action: 'restart',
      status: 'InProgress',
      requestedBy: { oid: 'a', tid: 't', name: 'Alice', upn: 'alice@x' },
      startedAt: '2026-01-01T00:00:00.000Z',
    });
    tick(1500);
    done.resolve();
    await tracker.settled();
    const finished = await tracker.get(alice, ID1);
    expect(finished).toMatchObject({ status: 'Succeeded', finishedAt: '2026-01-01T00:00:01.500Z' });
    expect(heard).toEqual([finished]);
  });

  it('records failures with the error code and message', async () => {
    const { tracker } = make();
    const done = deferred();
    await tracker.track({
      user: alice,
      vmId: '/vm/1',
      vmName: 'vm1',
      action: 'start',
      completion: done.promise,
    });
    done.reject(
      new AppError('Conflict', 'The VM is being deallocated.', {
        details: { armCode: 'OperationNotAllowed' },
      }),
    );
    await tracker.settled();
    expect(await tracker.get(alice, ID1)).toMatchObject({
      status: 'Failed',
      error: { code: 'Conflict', message: 'The VM is being deallocated.', armCode: 'OperationNotAllowed' },
    });
    const other = deferred();
    await tracker.track({
      user: alice,
      vmId: '/vm/2',
      vmName: 'vm2',
      action: 'start',
      completion: other.promise,
    });
    other.reject('weird');
    await tracker.settled();
    expect((await tracker.get(alice, ID2))?.error).toEqual({
      code: 'OperationFailed',
      message: 'The operation failed.',
    });
  });

  it('only the requester sees an operation', async () => {
    const { tracker } = make();
    await tracker.track({
      user: alice,
      vmId: '/vm/1',
      vmName: 'vm1',
      action: 'start',
      completion: new Promise(() => undefined),
    });
    expect((await tracker.get(alice, ID1))?.id).toBe(ID1);
    expect(await tracker.get(bob, ID1)).toBeUndefined();
    expect(await tracker.get(alice, '00000000-0000-4000-8000-000000000404')).toBeUndefined();
  });

  it('unsubscribes, and a throwing listener does not stop the others', async () => {
    const { tracker } = make();
    const heard: string[] = [];
    const off = tracker.onFinished(() => heard.push('removed'));
    tracker.onFinished(() => {
      throw new Error('listener bug');
    });
    tracker.onFinished((o) => heard.push(o.id));
    off();
    await tracker.track({
      user: alice,
      vmId: '/vm/1',
      vmName: 'vm1',
      action: 'start',
      completion: Promise.resolve(),
    });
    await tracker.settled();
    expect(heard).toEqual([ID1]);
  });
});

describe('operation tracker: polls nobody follows, resumed by the requester’s next request', () => {
  it('the instance died and the stored token expired: the requester’s next request (any, not only a poll) resumes it as them; another user’s does not', async () => {
    let now = Date.UTC(2026, 0, 1);
    const clock = () => now;
    const state = createMemoryStateStore({ now: clock });
    const storeOf = () =>
      createOperationStore({
        state,
        box: createSecretBox(Buffer.alloc(32, 1)),
        retentionMs: 60_000,
        operationTimeoutMs: 600_000,
        now: clock,
      });
    const resumedAs: SignedInUser[] = [];
    const finishB = deferred();
    const common = { durable: true, leaseMs: 1000, sweepMs: 50, now: clock } as const;
    const a = createOperationTracker({
      ...common,
      store: storeOf(),
      instanceId: 'a',
      resume: async () => ({ completion: new Promise(() => undefined) }),
    });
    const b = createOperationTracker({
      ...common,
      store: storeOf(),
      instanceId: 'b',
      resume: async (_record, user) => {
        resumedAs.push(user);
        return { completion: finishB.promise };
      },
    });
    const shortLived: SignedInUser = { ...alice, assertion: 'alice-old', expiresAt: now + 60_000 };
    const started = await a.track({
      user: shortLived,
      vmId: '/vm/1',
      vmName: 'vm1',
      action: 'start',
      completion: new Promise(() => undefined),
      poller: '{"state":{}}',
    });
    // A goes away (its lease released, as on shutdown); later its stored token has expired.
    await a.close();
    now += 120_000;
    b.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(resumedAs).toEqual([]); // B's sweeps cannot poll as alice: her stored token has expired.

    b.resumeFor({ ...bob, assertion: 'bob-fresh', expiresAt: now + 3_600_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(resumedAs).toEqual([]);

    const fresh: SignedInUser = { ...alice, assertion: 'alice-fresh', expiresAt: now + 3_600_000 };
    b.resumeFor(fresh);
    for (let i = 0; resumedAs.length === 0 && i < 100; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resumedAs.map((u) => u.assertion)).toEqual(['alice-fresh']);
    finishB.resolve();
    await b.settled();
    expect(await b.get(alice, started.id)).toMatchObject({ status: 'Succeeded' });
    await b.close();
  });
});
