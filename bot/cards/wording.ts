import type { PowerState, Vm, VmAction } from '../../contract/vm.ts';
import type { TextColor } from './adaptive.ts';

export interface PowerStateLook {
  readonly label: string;
  readonly color: TextColor;
  readonly subtle?: boolean;
}

/** Colour + text for a power state. "Stopped" (powered off) is flagged: it keeps billing. */
export const POWER_STATE_LOOK: Readonly<Record<PowerState, PowerStateLook>> = {
  running: { label: 'Running', color: 'Good' },
  starting: { label: 'Starting…', color: 'Warning' },
  stopping: { label: 'Stopping…', color: 'Warning' },
  deallocating: { label: 'Deallocating…', color: 'Warning' },
  stopped: { label: 'Stopped (still billed)', color: 'Attention' },
  deallocated: { label: 'Deallocated', color: 'Default', subtle: true },
  unknown: { label: 'Unknown', color: 'Default', subtle: true },
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
  /** Shown on the confirmation card; undefined when the action needs no confirmation. */
  readonly confirm?: string;
}

/** What each action is called and what it means for billing. "Stop" is deallocate. */
export const ACTION_WORDING: Readonly<Record<VmAction, ActionWording>> = {
  start: { button: 'Start', progress: 'Starting', done: 'Started', verb: 'start' },
  deallocate: {
    button: 'Stop',
    progress: 'Stopping',
    done: 'Stopped (deallocated)',
    verb: 'stop',
    confirm:
      'The VM is shut down and deallocated: compute billing stops. Its disks and data stay, and its public IP may change when it starts again.',
  },
  powerOff: {
    button: 'Power off',
    progress: 'Powering off',
    done: 'Powered off',
    verb: 'power off',
    confirm:
      'The VM is powered off but stays allocated, so you keep paying for its compute. Use Stop instead to stop billing.',
  },
  restart: {
    button: 'Restart',
    progress: 'Restarting',
    done: 'Restarted',
    verb: 'restart',
    confirm: 'Anything running on the VM is interrupted while it restarts.',
  },
};

/** Actions that make sense in a power state (RBAC is checked separately through `vm.actions`). */
export function actionsForState(state: PowerState): readonly VmAction[] {
  switch (state) {
    case 'running':
      return ['deallocate', 'powerOff', 'restart'];
    case 'stopped':
      return ['start', 'deallocate'];
    case 'deallocated':
      return ['start'];
    case 'starting':
      return ['deallocate', 'powerOff'];
    case 'stopping':
    case 'deallocating':
      return [];
    case 'unknown':
      return ['start', 'deallocate'];
  }
}

/** The buttons a VM card shows: allowed by the user's Azure RBAC and meaningful in the VM's state. */
export function availableActions(vm: Pick<Vm, 'actions' | 'powerState'>): readonly VmAction[] {
  const sensible = actionsForState(vm.powerState);
  return sensible.filter((action) => vm.actions.includes(action));
}

/** "rg-web · Contoso Dev": plain text of Azure's names, escaped by the card builders that show it. */
export function vmLocation(vm: Pick<Vm, 'resourceGroup' | 'subscriptionName' | 'subscriptionId'>): string {
  return `${vm.resourceGroup} · ${vm.subscriptionName || vm.subscriptionId}`;
}

/** "12 VMs · 5 running" */
export function vmTotals(vms: readonly Pick<Vm, 'powerState'>[]): string {
  const running = vms.filter((vm) => vm.powerState === 'running').length;
  return `${vms.length} ${vms.length === 1 ? 'VM' : 'VMs'} · ${running} running`;
}
