import {
  ACTION_NAMES,
  actionVerdict,
  planBulkAction,
  VM_ACTIONS_ORDER,
  type BulkPlan,
  type Skipped,
} from '../../../contract/power.ts';
import type { VmAction } from '../../../contract/vm.ts';
import type { GridItem } from './grid-item.ts';

export interface ActionInfo {
  readonly action: VmAction;
  /** Button label (the contract's: the bot's buttons say the same). */
  readonly label: string;
  /** "starting", "stopping" … */
  readonly gerund: string;
  /** Counted results: "3 started". */
  readonly done: string;
  /** Ask before running it. */
  readonly confirm: boolean;
  /** What it does, including what it means for billing. Tooltip of the enabled button, body of the dialog. */
  readonly description: string;
  /** Past tense for the success toast: "web-02 {finished}". */
  readonly finished: string;
}

const DETAILS: Readonly<Record<VmAction, Pick<ActionInfo, 'confirm' | 'description' | 'finished'>>> = {
  start: {
    confirm: false,
    description: 'Start the selected VMs. Compute billing resumes while they run.',
    finished: 'is running',
  },
  deallocate: {
    confirm: true,
    description:
      'Stop and deallocate: the VM shuts down and releases its compute, so compute billing stops. Dynamic public IP addresses are released.',
    finished: 'is stopped (deallocated)',
  },
  restart: {
    confirm: true,
    description: 'Restart the operating system. The VM is unavailable for a few minutes.',
    finished: 'restarted',
  },
  powerOff: {
    confirm: true,
    description:
      'Power off keeps the VM allocated: you are still billed for compute. Use Stop to stop billing.',
    finished: 'is powered off (still billed)',
  },
};

/** Toolbar order (the contract's). "Stop" is deallocate: what people mean by stopping a VM (it stops billing). */
export const ACTIONS: readonly ActionInfo[] = VM_ACTIONS_ORDER.map((action) => ({
  action,
  label: ACTION_NAMES[action].label,
  gerund: ACTION_NAMES[action].gerund,
  done: ACTION_NAMES[action].done,
  ...DETAILS[action],
}));

export function actionInfo(action: VmAction): ActionInfo {
  return ACTIONS.find((a) => a.action === action)!;
}

/** "a, b and c", "a, b, c and 2 more". Pure. */
export function listNames(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** "web-01 is already running", for a skipped VM. */
export function skipText(skipped: Skipped<GridItem>): string {
  return `${skipped.item.vm.name} ${skipped.reason}`;
}

/**
 * Splits a selection for `action` by the contract's rule (contract/power.ts): the VMs where it makes sense — the
 * user's Azure role allows it AND their power state takes it — and no operation of ours already runs, and the
 * others with the reason. The same rule decides the bot's buttons. Pure.
 */
export function planAction(action: VmAction, selected: readonly GridItem[]): BulkPlan<GridItem> {
  return planBulkAction(
    selected,
    action,
    (item) => item.vm,
    (item) => item.operation?.status === 'InProgress',
  );
}

/** Whether `action` makes sense for one VM (its row menu), and why not. Pure. */
export function rowAvailability(action: VmAction, item: GridItem): Availability {
  if (item.operation?.status === 'InProgress')
    return { enabled: false, reason: `An operation is already running on ${item.vm.name}.` };
  const verdict = actionVerdict(item.vm, action);
  return verdict.ok
    ? { enabled: true, reason: actionInfo(action).description }
    : { enabled: false, reason: `${item.vm.name} ${verdict.reason}.` };
}

export interface Availability {
  readonly enabled: boolean;
  /** Why it is disabled, or what it does (and what it skips) when enabled. Shown in the tooltip. */
  readonly reason: string;
}

/**
 * Whether the toolbar button for `action` is enabled for the selection, and why (not). Pure.
 *
 * Decision: enabled when the action makes sense for at least one selected VM; it is then sent for those only, and
 * the tooltip and the confirmation name what is skipped and why (a deallocated VM is not restarted, a VM the user
 * may only read is not started). Nothing is sent that the user's role forbids or Azure would refuse in the VM's
 * state, and a mixed selection still does what can be done.
 */
export function availability(action: VmAction, selected: readonly GridItem[]): Availability {
  const info = actionInfo(action);
  if (selected.length === 0)
    return { enabled: false, reason: `Select one or more VMs to ${ACTION_NAMES[action].verb}.` };
  const { eligible, skipped } = planAction(action, selected);
  if (eligible.length === 0) {
    if (skipped.length === 1) return { enabled: false, reason: `${skipText(skipped[0]!)}.` };
    const reasons = new Set(skipped.map((s) => s.reason));
    if (reasons.size === 1)
      return { enabled: false, reason: `The selected VMs ${pluralReason(skipped[0]!.reason)}.` };
    return {
      enabled: false,
      reason: `None of the selected VMs can be ${info.done}: ${skipped.slice(0, 3).map(skipText).join('; ')}${skipped.length > 3 ? `; and ${skipped.length - 3} more` : ''}.`,
    };
  }
  if (skipped.length === 0) return { enabled: true, reason: info.description };
  return {
    enabled: true,
    reason: `${info.label} ${listNames(eligible.map((i) => i.vm.name))}. Skipped: ${skipped
      .slice(0, 3)
      .map(skipText)
      .join('; ')}${skipped.length > 3 ? `; and ${skipped.length - 3} more` : ''}.`,
  };
}

/** "is already running" → "are already running"; "can't be started …" stays. */
function pluralReason(reason: string): string {
  return reason.replace(/^is /, 'are ').replace(/^has /, 'have ');
}
