import { describe, expect, it } from '@jest/globals';
import {
  plan,
  powerAt,
  type PlanOptions,
  type PowerAction,
  type PowerTimeline,
  type StablePowerState,
} from '../../../emulator/arm/power.ts';

const D = 1000;
const at = (settled: StablePowerState): PowerTimeline => ({ settled, since: 0, hibernated: false });
const run = (
  timeline: PowerTimeline,
  action: PowerAction,
  now: number,
  extra: Pick<PlanOptions, 'skipShutdown' | 'hibernate' | 'fail'> = {},
) => plan(timeline, action, { now, durationMs: D, operationId: `op-${action}-${now}`, ...extra });
const accepted = (result: ReturnType<typeof plan>) => {
  if (result.kind !== 'accepted') throw new Error(`expected accepted, got ${result.reason}`);
  return result;
};

describe('power transitions (state computed from time, no timers)', () => {
  it.each<[StablePowerState, PowerAction, string, StablePowerState]>([
    ['deallocated', 'start', 'starting', 'running'],
    ['stopped', 'start', 'starting', 'running'],
    ['running', 'powerOff', 'stopping', 'stopped'],
    ['running', 'deallocate', 'deallocating', 'deallocated'],
    ['stopped', 'deallocate', 'deallocating', 'deallocated'],
    ['running', 'restart', 'starting', 'running'],
  ])('%s --%s--> %s --> %s', (from, action, during, to) => {
    const result = accepted(run(at(from), action, 100));
    expect(result.completesAt).toBe(100 + D);
    expect(powerAt(result.timeline, 100).state).toBe(during);
    expect(powerAt(result.timeline, 100).updating).toBe(true);
    expect(powerAt(result.timeline, 100 + D - 1).state).toBe(during);
    expect(powerAt(result.timeline, 100 + D)).toEqual({
      state: to,
      updating: false,
      hibernated: false,
      since: 100 + D,
    });
  });

  it.each<[StablePowerState, PowerAction]>([
    ['running', 'start'],
    ['stopped', 'powerOff'],
    ['deallocated', 'deallocate'],
  ])('%s + %s succeeds at once without a transition', (state, action) => {
    const result = accepted(run(at(state), action, 100));
    expect(result.completesAt).toBe(100);
    expect(powerAt(result.timeline, 100).state).toBe(state);
  });

  it.each<[StablePowerState, PowerAction, string]>([
    ['deallocated', 'powerOff', 'deallocated'],
    ['deallocated', 'restart', 'not-running'],
    ['stopped', 'restart', 'not-running'],
  ])('%s + %s is a conflict (%s)', (state, action, reason) => {
    expect(run(at(state), action, 0)).toEqual({ kind: 'conflict', reason });
  });

  it('joins a running transition of the same action', () => {
    const first = accepted(run(at('deallocated'), 'start', 0));
    const second = accepted(run(first.timeline, 'start', 400));
    expect(second.completesAt).toBe(D);
    expect(second.preempts).toBeUndefined();
  });

  it('deallocate preempts a start; the start operation is reported preempted', () => {
    const start = accepted(run(at('deallocated'), 'start', 0));
    const dealloc = accepted(run(start.timeline, 'deallocate', 300));
    expect(dealloc.preempts).toBe('op-start-0');
    expect(powerAt(dealloc.timeline, 300).state).toBe('deallocating');
    expect(powerAt(dealloc.timeline, 300 + D).state).toBe('deallocated');
  });

  it('start while deallocating is a busy conflict naming the running action', () => {
    const dealloc = accepted(run(at('running'), 'deallocate', 0));
    expect(run(dealloc.timeline, 'start', 10)).toEqual({
      kind: 'conflict',
      reason: 'busy',
      busyWith: 'deallocate',
    });
    expect(run(dealloc.timeline, 'powerOff', 10)).toEqual({
      kind: 'conflict',
      reason: 'deallocated',
      busyWith: 'deallocate',
    });
    // …and allowed again once the transition is over
    expect(accepted(run(dealloc.timeline, 'start', D)).completesAt).toBe(2 * D);
  });

  it('skipShutdown halves stopping; hibernate marks the deallocated VM hibernated', () => {
    expect(accepted(run(at('running'), 'powerOff', 0, { skipShutdown: true })).completesAt).toBe(D / 2);
    const hib = accepted(run(at('running'), 'deallocate', 0, { hibernate: true }));
    expect(powerAt(hib.timeline, D).hibernated).toBe(true);
    const restarted = accepted(run(hib.timeline, 'start', D));
    expect(powerAt(restarted.timeline, 2 * D)).toMatchObject({ state: 'running', hibernated: false });
  });

  describe('injected failures', () => {
    const fail = { code: 'AllocationFailed', message: 'Allocation failed.' };

    it('runs the transition, then lands back where it started and remembers the error', () => {
      const result = accepted(run(at('deallocated'), 'start', 100, { fail }));
      expect(result).toMatchObject({ completesAt: 100 + D, failure: fail });
      expect(powerAt(result.timeline, 100)).toMatchObject({ state: 'starting', updating: true });
      expect(powerAt(result.timeline, 100).failure).toBeUndefined();
      expect(powerAt(result.timeline, 100 + D)).toEqual({
        state: 'deallocated',
        updating: false,
        hibernated: false,
        since: 100 + D,
        failure: fail,
      });
    });

    it('keeps a hibernated VM hibernated', () => {
      const hibernated: PowerTimeline = { settled: 'deallocated', since: 0, hibernated: true };
      const result = accepted(run(hibernated, 'start', 0, { fail }));
      expect(powerAt(result.timeline, D)).toMatchObject({ state: 'deallocated', hibernated: true });
    });

    it('the next successful operation clears the failure, with or without a transition', () => {
      const failed = accepted(run(at('deallocated'), 'start', 0, { fail })).timeline;
      const started = accepted(run(failed, 'start', D));
      expect(started.failure).toBeUndefined();
      expect(powerAt(started.timeline, D)).toMatchObject({ state: 'starting' });
      expect(powerAt(started.timeline, 2 * D).failure).toBeUndefined();

      const failedWhileRunning = accepted(run(at('running'), 'start', 0, { fail }));
      expect(failedWhileRunning.completesAt).toBe(0);
      expect(powerAt(failedWhileRunning.timeline, 0)).toMatchObject({ state: 'running', failure: fail });
      const noop = accepted(run(failedWhileRunning.timeline, 'start', 10));
      expect(powerAt(noop.timeline, 10)).toEqual({
        state: 'running',
        updating: false,
        hibernated: false,
        since: 10,
      });
    });

    it('an operation joining a failing one ends as it does; one joining a healthy one ignores `fail`', () => {
      const failing = accepted(run(at('deallocated'), 'start', 0, { fail }));
      expect(accepted(run(failing.timeline, 'start', 10))).toMatchObject({
        joined: true,
        failure: fail,
        completesAt: D,
      });
      const healthy = accepted(run(at('deallocated'), 'start', 0));
      const joined = accepted(run(healthy.timeline, 'start', 10, { fail }));
      expect(joined.joined).toBe(true);
      expect(joined.failure).toBeUndefined();
    });

    it('a deallocate preempting a failing start ends in deallocated without the failure', () => {
      const failing = accepted(run(at('deallocated'), 'start', 0, { fail }));
      const dealloc = accepted(run(failing.timeline, 'deallocate', 10));
      expect(dealloc.preempts).toBe('op-start-0');
      expect(powerAt(dealloc.timeline, 10 + D)).toEqual({
        state: 'deallocated',
        updating: false,
        hibernated: false,
        since: 10 + D,
      });
    });
  });
});
