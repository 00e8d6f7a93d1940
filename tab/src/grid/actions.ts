import type { PowerState, VmAction } from '../../../contract/vm.ts';
import type { GridItem } from './grid-item.ts';

export interface ActionInfo {
  readonly action: VmAction;
  /** Button label. */
  readonly label: string;
  /** "Your Azure role doesn't allow {gerund} …" */
  readonly gerund: string;
  /** Ask before running it. */
  readonly confirm: boolean;
  /** What it does, including what it means for billing. Tooltip of the enabled button, body of the dialog. */
  readonly description: string;
  /** Past tense for the success toast: "web-02 {done}". */
  readonly done: string;
}

/** Toolbar order. "Stop" is deallocate: what people mean by stopping a VM (it stops compute billing). */
export const ACTIONS: readonly ActionInfo[] = [
  {
    action: 'start',
    label: 'Start',
    gerund: 'starting',
    confirm: false,
    description: 'Start the selected VMs. Compute billing resumes while they run.',
    done: 'is running',
  },
  {
    action: 'deallocate',
    label: 'Stop',
    gerund: 'stopping',
    confirm: true,
    description:
      'Stop and deallocate: the VM shuts down and releases its compute, so compute billing stops. Dynamic public IP addresses are released.',
    done: 'is stopped (deallocated)',
  },
  {
    action: 'restart',
    label: 'Restart',
    gerund: 'restarting',
    confirm: true,
    description: 'Restart the operating system. The VM is unavailable for a few minutes.',
    done: 'restarted',
  },
  {
    action: 'powerOff',
    label: 'Power off',
    gerund: 'powering off',
    confirm: true,
    description:
      'Power off keeps the VM allocated: you are still billed for compute. Use Stop to stop billing.',
    done: 'is powered off (still billed)',
  },
];

export function actionInfo(action: VmAction): ActionInfo {
  return ACTIONS.find((a) => a.action === action)!;
}

/** Power states in which the action would change nothing (or Azure refuses it). */
const NOTHING_TO_DO: Readonly<
  Record<VmAction, { readonly states: readonly PowerState[]; readonly reason: string }>
> = {
  start: { states: ['running', 'starting'], reason: 'already running' },
  deallocate: { states: ['deallocated', 'deallocating'], reason: 'already stopped (deallocated)' },
  powerOff: { states: ['stopped', 'stopping', 'deallocated', 'deallocating'], reason: 'already stopped' },
  restart: {
    states: ['stopped', 'stopping', 'deallocated', 'deallocating', 'starting'],
    reason: 'not running',
  },
};

export interface Availability {
  readonly enabled: boolean;
  /** Why it is disabled, or what it does when enabled. Shown in the tooltip. */
  readonly reason: string;
}

function names(items: readonly GridItem[], max = 3): string {
  const shown = items.slice(0, max).map((i) => i.vm.name);
  const more = items.length - shown.length;
  const list = shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : list;
}

/**
 * Whether the toolbar button for `action` is enabled for the selection, and why (not). Pure.
 *
 * Decision: an action is enabled only when the user's Azure RBAC allows it on EVERY selected VM (the `actions`
 * the service computed per VM), none of them already has an operation running, and it would change at least one
 * of them. A bulk request that half fails on permissions is more confusing than a disabled button whose tooltip
 * names the VMs to deselect. Restart additionally needs every selected VM running (Azure refuses it otherwise).
 */
export function availability(action: VmAction, selected: readonly GridItem[]): Availability {
  const info = actionInfo(action);
  if (selected.length === 0)
    return { enabled: false, reason: `Select one or more VMs to ${info.label.toLowerCase()}.` };
  const forbidden = selected.filter((item) => !item.vm.actions.includes(action));
  if (forbidden.length > 0)
    return { enabled: false, reason: `Your Azure role doesn't allow ${info.gerund} ${names(forbidden)}.` };
  const busy = selected.filter((item) => item.operation?.status === 'InProgress');
  if (busy.length > 0)
    return { enabled: false, reason: `An operation is already running on ${names(busy)}.` };
  const idle = NOTHING_TO_DO[action];
  if (action === 'restart') {
    const notRunning = selected.filter((item) => item.vm.powerState !== 'running');
    if (notRunning.length > 0)
      return {
        enabled: false,
        reason: `Can't restart: ${names(notRunning)} ${notRunning.length === 1 ? 'is' : 'are'} not running.`,
      };
  } else if (selected.every((item) => idle.states.includes(item.vm.powerState))) {
    return {
      enabled: false,
      reason:
        selected.length === 1
          ? `${names(selected)} is ${idle.reason}.`
          : `The selected VMs are ${idle.reason}.`,
    };
  }
  return { enabled: true, reason: info.description };
}
