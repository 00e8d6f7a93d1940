/**
 * VM power states as a pure function of time: a VM's timeline is its last settled state plus at most one
 * transition with start and end timestamps, so the state at any instant is computed from `now` and no timer
 * ever runs. `plan` decides what a power action does to a timeline, as Compute does:
 *
 * - start:      stopped | deallocated → starting → running; running: succeeds at once.
 * - powerOff:   running → stopping → stopped; stopped: succeeds at once; deallocated: 409.
 * - deallocate: running | stopped → deallocating → deallocated; deallocated: succeeds at once.
 * - restart:    running → starting → running; stopped | deallocated: 409.
 *
 * While a transition runs, the same action joins it (completes when it does); deallocate preempts anything
 * else, powerOff preempts starting (the preempted operation ends `Canceled` with `OperationPreempted`);
 * every other combination is a 409 conflict.
 *
 * An injected failure (`fail`) runs the same transition but lands back in the state it started from, and the
 * settled timeline remembers the error (ARM then shows provisioning state `Failed`) until the next transition
 * settles successfully.
 */
import type { OperationError, PowerAction } from './types.ts';

export { POWER_ACTIONS, type PowerAction } from './types.ts';

export type StablePowerState = 'running' | 'stopped' | 'deallocated';
export type TransitionalPowerState = 'starting' | 'stopping' | 'deallocating';
export type PowerState = StablePowerState | TransitionalPowerState;
export interface Transition {
  readonly action: PowerAction;
  /** The state shown while it runs. */
  readonly shows: TransitionalPowerState;
  readonly target: StablePowerState;
  readonly startedAt: number;
  readonly endsAt: number;
  /** The operation that drives it. */
  readonly operationId: string;
  /** Deallocate with `hibernate=true` (or, when failing, a hibernated VM staying hibernated). */
  readonly hibernate: boolean;
  /** Set when the operation fails: `target` is then the state the transition started from. */
  readonly failure?: OperationError;
}

export interface PowerTimeline {
  readonly settled: StablePowerState;
  /** When `settled` was reached (epoch ms). */
  readonly since: number;
  /** Deallocated by hibernation. */
  readonly hibernated: boolean;
  /** The last settled operation failed with this error (provisioning state `Failed`). */
  readonly failure?: OperationError;
  readonly transition?: Transition;
}

export interface PowerSnapshot {
  readonly state: PowerState;
  /** True while a transition runs (ARM shows provisioningState `Updating`). */
  readonly updating: boolean;
  readonly hibernated: boolean;
  /** When the current state was entered. */
  readonly since: number;
  /** The last operation failed (not while updating). */
  readonly failure?: OperationError;
}

/** Folds a finished transition into the settled state. */
export function settle(timeline: PowerTimeline, now: number): PowerTimeline {
  const t = timeline.transition;
  if (!t || now < t.endsAt) return timeline;
  return {
    settled: t.target,
    since: t.endsAt,
    hibernated: t.hibernate && t.target === 'deallocated',
    ...(t.failure ? { failure: t.failure } : {}),
  };
}

/** The power state at `now`. */
export function powerAt(timeline: PowerTimeline, now: number): PowerSnapshot {
  const current = settle(timeline, now);
  const t = current.transition;
  if (t) return { state: t.shows, updating: true, hibernated: false, since: t.startedAt };
  return {
    state: current.settled,
    updating: false,
    hibernated: current.hibernated,
    since: current.since,
    ...(current.failure ? { failure: current.failure } : {}),
  };
}

export interface PlanOptions {
  readonly now: number;
  /** How long a transition lasts. */
  readonly durationMs: number;
  /** Id of the operation this action creates. */
  readonly operationId: string;
  /** powerOff `skipShutdown=true`: the guest is not shut down, so stopping takes half as long. */
  readonly skipShutdown?: boolean;
  /** deallocate `hibernate=true`. */
  readonly hibernate?: boolean;
  /** Make this operation fail with this error (an injected failure). Ignored when it joins a running one. */
  readonly fail?: OperationError;
}

/** Why an action was refused: ARM answers 409 `OperationNotAllowed`. */
export type ConflictReason =
  /** powerOff of a deallocated / deallocating VM. */
  | 'deallocated'
  /** restart of a VM that is not running. */
  | 'not-running'
  /** another transition is running and this action may not preempt it. */
  | 'busy';

export type PlanResult =
  | { readonly kind: 'conflict'; readonly reason: ConflictReason; readonly busyWith?: PowerAction }
  | {
      readonly kind: 'accepted';
      readonly timeline: PowerTimeline;
      /** When the new operation completes. */
      readonly completesAt: number;
      /** The operation this one preempted, if any. */
      readonly preempts?: string;
      /** It joined the running operation of the same kind, and ends as that one does. */
      readonly joined?: boolean;
      /** The operation ends `Failed` with this error at `completesAt` (else it succeeds). */
      readonly failure?: OperationError;
    };

/** Decides what `action` does to a VM whose power timeline is `timeline`. Pure. */
export function plan(timeline: PowerTimeline, action: PowerAction, options: PlanOptions): PlanResult {
  const { now, fail } = options;
  const current = settle(timeline, now);
  const running = current.transition;

  const begin = (
    shows: TransitionalPowerState,
    target: StablePowerState,
    durationMs = options.durationMs,
  ): PlanResult => {
    const transition: Transition = {
      action,
      shows,
      target: fail ? current.settled : target,
      startedAt: now,
      endsAt: now + durationMs,
      operationId: options.operationId,
      hibernate: fail ? current.hibernated : action === 'deallocate' && options.hibernate === true,
      ...(fail ? { failure: fail } : {}),
    };
    return {
      kind: 'accepted',
      timeline: { ...current, transition },
      completesAt: transition.endsAt,
      ...(running ? { preempts: running.operationId } : {}),
      ...(fail ? { failure: fail } : {}),
    };
  };
  const noop = (): PlanResult =>
    fail
      ? {
          kind: 'accepted',
          timeline: { ...current, since: now, failure: fail },
          completesAt: now,
          failure: fail,
        }
      : { kind: 'accepted', timeline: current.failure ? recovered(current, now) : current, completesAt: now };
  const join = (joined: Transition): PlanResult => ({
    kind: 'accepted',
    timeline: current,
    completesAt: joined.endsAt,
    joined: true,
    ...(joined.failure ? { failure: joined.failure } : {}),
  });
  const conflict = (reason: ConflictReason): PlanResult => ({
    kind: 'conflict',
    reason,
    ...(running ? { busyWith: running.action } : {}),
  });

  if (running) {
    if (running.action === action) return join(running);
    if (action === 'deallocate') return begin('deallocating', 'deallocated');
    if (action === 'powerOff' && running.shows === 'starting')
      return begin('stopping', 'stopped', stopMs(options));
    if (action === 'powerOff' && running.shows === 'deallocating') return conflict('deallocated');
    if (action === 'start' && running.action === 'restart') return join(running);
    return conflict('busy');
  }

  const state = current.settled;
  switch (action) {
    case 'start':
      return state === 'running' ? noop() : begin('starting', 'running');
    case 'powerOff':
      if (state === 'deallocated') return conflict('deallocated');
      return state === 'stopped' ? noop() : begin('stopping', 'stopped', stopMs(options));
    case 'deallocate':
      return state === 'deallocated' ? noop() : begin('deallocating', 'deallocated');
    case 'restart':
      return state === 'running' ? begin('starting', 'running') : conflict('not-running');
  }
}

/** A succeeded operation clears the failure an earlier one left (provisioning state back to `Succeeded`). */
function recovered(timeline: PowerTimeline, now: number): PowerTimeline {
  return { settled: timeline.settled, since: now, hibernated: timeline.hibernated };
}

function stopMs(options: PlanOptions): number {
  return options.skipShutdown ? Math.round(options.durationMs / 2) : options.durationMs;
}
