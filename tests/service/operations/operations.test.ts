import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../../src/domain/errors.ts';
import type { Operation } from '../../../contract/operation.ts';
import type { SignedInUser } from '../../../src/domain/user.ts';
import { createMemoryOperationStore } from '../../../src/operations/store.ts';
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

describe('memory operation store', () => {
  it('drops finished operations after the retention period', () => {
    let now = 10_000;
    const store = createMemoryOperationStore({ retentionMs: 1000, maxEntries: 10, now: () => now });
    store.put(op('1', 'Succeeded', new Date(9_500).toISOString()));
    store.put(op('2', 'InProgress'));
    expect(store.get('1')?.id).toBe('1');
    now = 11_000;
    expect(store.get('1')).toBeUndefined();
    expect(store.get('2')?.id).toBe('2');
  });

  it('is bounded: the oldest finished operations go first, then the oldest', () => {
    const store = createMemoryOperationStore({ retentionMs: 1e9, maxEntries: 3, now: () => 0 });
    store.put(op('1', 'InProgress'));
    store.put(op('2', 'Succeeded', new Date(0).toISOString()));
    store.put(op('3', 'InProgress'));
    store.put(op('4', 'InProgress'));
    expect(store.size).toBe(3);
    expect(store.get('2')).toBeUndefined();
    store.put(op('5', 'InProgress'));
    expect(store.size).toBe(3);
    expect(store.get('1')).toBeUndefined();
    expect(['3', '4', '5'].map((id) => store.get(id)?.id)).toEqual(['3', '4', '5']);
  });
});

describe('operation tracker', () => {
  const make = () => {
    let now = Date.UTC(2026, 0, 1);
    let n = 0;
    const tracker = createOperationTracker({
      store: createMemoryOperationStore({ retentionMs: 60_000, maxEntries: 100, now: () => now }),
      now: () => now,
      newId: () => `op-${++n}`,
    });
    return { tracker, tick: (ms: number) => (now += ms) };
  };

  it('records InProgress, then Succeeded with finishedAt, and notifies listeners once', async () => {
    const { tracker, tick } = make();
    const heard: Operation[] = [];
    tracker.onFinished((o) => heard.push(o));
    const done = deferred();
    const started = tracker.track({
      user: alice,
      vmId: '/vm/1',
      vmName: 'vm1',
      action: 'restart',
      completion: done.promise,
    });
    expect(started).toEqual({
      id: 'op-1',
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
    const finished = tracker.get(alice, 'op-1');
    expect(finished).toMatchObject({ status: 'Succeeded', finishedAt: '2026-01-01T00:00:01.500Z' });
    expect(heard).toEqual([finished]);
  });

  it('records failures with the error code and message', async () => {
    const { tracker } = make();
    const done = deferred();
    tracker.track({ user: alice, vmId: '/vm/1', vmName: 'vm1', action: 'start', completion: done.promise });
    done.reject(
      new AppError('Conflict', 'The VM is being deallocated.', {
        details: { armCode: 'OperationNotAllowed' },
      }),
    );
    await tracker.settled();
    expect(tracker.get(alice, 'op-1')).toMatchObject({
      status: 'Failed',
      error: { code: 'Conflict', message: 'The VM is being deallocated.', armCode: 'OperationNotAllowed' },
    });
    const other = deferred();
    tracker.track({ user: alice, vmId: '/vm/2', vmName: 'vm2', action: 'start', completion: other.promise });
    other.reject('weird');
    await tracker.settled();
    expect(tracker.get(alice, 'op-2')?.error).toEqual({
      code: 'OperationFailed',
      message: 'The operation failed.',
    });
  });

  it('only the requester sees an operation', () => {
    const { tracker } = make();
    tracker.track({
      user: alice,
      vmId: '/vm/1',
      vmName: 'vm1',
      action: 'start',
      completion: new Promise(() => undefined),
    });
    expect(tracker.get(alice, 'op-1')?.id).toBe('op-1');
    expect(tracker.get(bob, 'op-1')).toBeUndefined();
    expect(tracker.get(alice, 'op-404')).toBeUndefined();
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
    tracker.track({
      user: alice,
      vmId: '/vm/1',
      vmName: 'vm1',
      action: 'start',
      completion: Promise.resolve(),
    });
    await tracker.settled();
    expect(heard).toEqual(['op-1']);
  });
});
