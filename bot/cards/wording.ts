import { offeredActions, POWER_STATE_WORDING } from '../../contract/power.ts';
import type { PowerState, Vm, VmAction } from '../../contract/vm.ts';
import type { TextColor } from './adaptive.ts';

export { actionsForState } from '../../contract/power.ts';

export interface PowerStateLook {
  readonly label: string;
  readonly color: TextColor;
  readonly subtle?: boolean;
}

const label = (state: PowerState) => POWER_STATE_WORDING[state].label;

/**
 * Colour + text for a power state; the text is the contract's (the tab's grid says the same). "Stopped (still
 * billed)" is flagged: it keeps billing.
 */
export const POWER_STATE_LOOK: Readonly<Record<PowerState, PowerStateLook>> = {
  running: { label: label('running'), color: 'Good' },
  starting: { label: label('starting'), color: 'Warning' },
  stopping: { label: label('stopping'), color: 'Warning' },
  deallocating: { label: label('deallocating'), color: 'Warning' },
  stopped: { label: label('stopped'), color: 'Attention' },
  deallocated: { label: label('deallocated'), color: 'Default', subtle: true },
  unknown: { label: label('unknown'), color: 'Default', subtle: true },
};

export interface ActionWording {
  /** Button title. */
  readonly button: string;
  /** "Starting web-02…" */
  readonly progress: string;
  /** "Started web-02" */
  readonly done: string;
  /** "Couldn't start web-02" */
  readonly verb: string;
  /** In a sentence: "Bob stopped web-02". */
  readonly past: string;
  /** Shown on the confirmation card; undefined when the action needs no confirmation. */
  readonly confirm?: string;
}

/** What each action is called and what it means for billing. "Stop" is deallocate. */
export const ACTION_WORDING: Readonly<Record<VmAction, ActionWording>> = {
  start: { button: 'Start', progress: 'Starting', done: 'Started', verb: 'start', past: 'started' },
  deallocate: {
    button: 'Stop',
    progress: 'Stopping',
    done: 'Stopped (deallocated)',
    verb: 'stop',
    past: 'stopped',
    confirm:
      'The VM is shut down and deallocated: compute billing stops. Its disks and data stay, and its public IP may change when it starts again.',
  },
  powerOff: {
    button: 'Power off',
    progress: 'Powering off',
    done: 'Powered off',
    verb: 'power off',
    past: 'powered off',
    confirm:
      'The VM is powered off but stays allocated, so you keep paying for its compute. Use Stop instead to stop billing.',
  },
  restart: {
    button: 'Restart',
    progress: 'Restarting',
    done: 'Restarted',
    verb: 'restart',
    past: 'restarted',
    confirm: 'Anything running on the VM is interrupted while it restarts.',
  },
};

/** Card button order: start, then the ways to stop, restart last (as the cards always had them). */
const CARD_ORDER: readonly VmAction[] = ['start', 'deallocate', 'powerOff', 'restart'];

/**
 * The buttons a VM card shows: allowed by the user's Azure RBAC and meaningful in the VM's state — the contract's
 * rule, the one the tab's toolbar and row menu follow.
 */
export function availableActions(vm: Pick<Vm, 'actions' | 'powerState'>): readonly VmAction[] {
  const offered = offeredActions(vm);
  return CARD_ORDER.filter((action) => offered.includes(action));
}

/**
 * "rg-web · Contoso Dev": plain text of Azure's names, escaped by the card builders that show it. A subscription
 * whose name is unknown is left out: people know subscriptions by name, and a GUID on a card reads as an error.
 */
export function vmLocation(vm: Pick<Vm, 'resourceGroup' | 'subscriptionName'>): string {
  return vm.subscriptionName ? `${vm.resourceGroup} · ${vm.subscriptionName}` : vm.resourceGroup;
}

/** "12 VMs · 5 running" */
export function vmTotals(vms: readonly Pick<Vm, 'powerState'>[]): string {
  const running = vms.filter((vm) => vm.powerState === 'running').length;
  return `${vms.length} ${vms.length === 1 ? 'VM' : 'VMs'} · ${running} running`;
}
