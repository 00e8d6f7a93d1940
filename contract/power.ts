import type { PowerState, Vm, VmAction } from './vm.ts';

/**
 * What the product calls each power state and which actions make sense in it: one table for the tab's grid and
 * toolbar and the bot's cards, so a VM is never "Deallocated" in one place and "Stopped (deallocated)" in another,
 * and no front door offers "Restart" for a VM Azure would refuse to restart.
 */

export interface PowerStateWording {
  /** What people read (badge, card, filter). Both "stopped" states say which one, since one keeps billing. */
  readonly label: string;
  /** Compute is still billed in this state. */
  readonly billed: boolean;
  /** Azure is moving the VM to another state. */
  readonly transitional: boolean;
}

export const POWER_STATE_WORDING: Readonly<Record<PowerState, PowerStateWording>> = {
  running: { label: 'Running', billed: true, transitional: false },
  starting: { label: 'Starting', billed: true, transitional: true },
  stopping: { label: 'Stopping', billed: true, transitional: true },
  stopped: { label: 'Stopped (still billed)', billed: true, transitional: false },
  deallocating: { label: 'Deallocating', billed: true, transitional: true },
  deallocated: { label: 'Stopped (deallocated)', billed: false, transitional: false },
  unknown: { label: 'Unknown', billed: true, transitional: false },
};

/** The wording of a state; a state the contract does not know reads as `unknown`. */
export function powerStateWording(state: string): PowerStateWording {
  return POWER_STATE_WORDING[state as PowerState] ?? POWER_STATE_WORDING.unknown;
}

export interface ActionName {
  /** Button: "Stop". */
  readonly label: string;
  /** "Couldn't stop web-02". */
  readonly verb: string;
  /** "Your Azure role doesn't allow stopping it". */
  readonly gerund: string;
  /** Counted results: "3 stopped". */
  readonly done: string;
}

/** "Stop" is deallocate: what people mean by stopping a VM (it ends compute billing). */
export const ACTION_NAMES: Readonly<Record<VmAction, ActionName>> = {
  start: { label: 'Start', verb: 'start', gerund: 'starting', done: 'started' },
  deallocate: { label: 'Stop', verb: 'stop', gerund: 'stopping', done: 'stopped' },
  powerOff: { label: 'Power off', verb: 'power off', gerund: 'powering off', done: 'powered off' },
  restart: { label: 'Restart', verb: 'restart', gerund: 'restarting', done: 'restarted' },
};

/**
 * Actions that make sense in each state, as Compute decides them (see the emulator's power.ts): restart needs a
 * running VM; power off a VM that is allocated; a deallocate may interrupt any transition but a deallocation; nothing
 * else may interrupt a transition. `unknown` offers what is safe whatever the state turns out to be.
 */
const SENSIBLE: Readonly<Record<PowerState, readonly VmAction[]>> = {
  running: ['deallocate', 'powerOff', 'restart'],
  starting: ['deallocate', 'powerOff'],
  stopping: ['deallocate'],
  stopped: ['start', 'deallocate'],
  deallocating: [],
  deallocated: ['start'],
  unknown: ['start', 'deallocate'],
};

/** Actions that make sense for a VM in `state` (the user's role is checked separately). */
export function actionsForState(state: PowerState): readonly VmAction[] {
  return SENSIBLE[state] ?? SENSIBLE.unknown;
}

/**
 * Why `action` makes no sense in `state`, as what follows the VM's name: "web-02 {is already running}". Only
 * meaningful when `actionsForState(state)` leaves the action out.
 */
export function stateReason(action: VmAction, state: PowerState): string {
  const wording = powerStateWording(state);
  if (wording.transitional) return `is ${wording.label.toLowerCase()}`;
  if (action === 'start' && state === 'running') return 'is already running';
  if (action === 'restart') return 'is not running';
  if (state === 'deallocated') return 'is already stopped (deallocated)';
  if (action === 'powerOff' && state === 'stopped') return 'is already stopped';
  return `is ${wording.label.toLowerCase()}`;
}

export type ActionVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** `role`: the user's Azure RBAC does not allow it (retrying never helps); `state`: not in this power state. */
      readonly because: 'role' | 'state';
      /** What follows the VM's name: "web-01 {is already running}". */
      readonly reason: string;
    };

/**
 * Whether `action` is offered for `vm`: allowed by the user's role (`vm.actions`, from their Azure RBAC) AND
 * meaningful in its power state. The role is checked first: it is the reason that does not go away by waiting.
 */
export function actionVerdict(vm: Pick<Vm, 'actions' | 'powerState'>, action: VmAction): ActionVerdict {
  if (!vm.actions.includes(action))
    return {
      ok: false,
      because: 'role',
      reason: `can't be ${ACTION_NAMES[action].done} with your Azure role`,
    };
  if (!actionsForState(vm.powerState).includes(action))
    return { ok: false, because: 'state', reason: stateReason(action, vm.powerState) };
  return { ok: true };
}

/** The actions offered for a VM, in the order of {@link VM_ACTIONS_ORDER}. */
export function offeredActions(vm: Pick<Vm, 'actions' | 'powerState'>): readonly VmAction[] {
  return VM_ACTIONS_ORDER.filter((action) => actionVerdict(vm, action).ok);
}

/** Toolbar and card order: the everyday actions first, power off (which keeps billing) last. */
export const VM_ACTIONS_ORDER: readonly VmAction[] = ['start', 'deallocate', 'restart', 'powerOff'];

/** One VM left out of a bulk action, and why ("web-01 is already running"). */
export interface Skipped<T> {
  readonly item: T;
  readonly because: 'role' | 'state' | 'busy';
  readonly reason: string;
}

export interface BulkPlan<T> {
  /** The VMs the action is sent for. */
  readonly eligible: readonly T[];
  /** The VMs it is not sent for, with the reason. */
  readonly skipped: readonly Skipped<T>[];
}

/**
 * Splits a selection for a bulk action: the VMs where it makes sense (role and state, and not `busy`, e.g. an
 * operation of ours already running) and the others with their reason. A bulk action runs on the first part only, so
 * nothing is sent that Azure would refuse or the user's role forbids. Pure.
 */
export function planBulkAction<T>(
  items: readonly T[],
  action: VmAction,
  vmOf: (item: T) => Pick<Vm, 'actions' | 'powerState'>,
  busy: (item: T) => boolean = () => false,
): BulkPlan<T> {
  const eligible: T[] = [];
  const skipped: Skipped<T>[] = [];
  for (const item of items) {
    if (busy(item)) {
      skipped.push({ item, because: 'busy', reason: 'has an operation in progress' });
      continue;
    }
    const verdict = actionVerdict(vmOf(item), action);
    if (verdict.ok) eligible.push(item);
    else skipped.push({ item, because: verdict.because, reason: verdict.reason });
  }
  return { eligible, skipped };
}
