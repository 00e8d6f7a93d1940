import type { VmAction } from '../../../contract/vm.ts';
import type { PowerState } from '../../../contract/vm.ts';

export type StateTone = 'success' | 'warning' | 'informative' | 'subtle' | 'danger';

export interface PowerStateInfo {
  readonly label: string;
  /** Badge colour; never the only signal (the label and icon say the same). */
  readonly tone: StateTone;
  /** Still billed for compute? */
  readonly billed: boolean;
  readonly transitional: boolean;
}

export const POWER_STATE_INFO: Readonly<Record<PowerState, PowerStateInfo>> = {
  running: { label: 'Running', tone: 'success', billed: true, transitional: false },
  starting: { label: 'Starting', tone: 'informative', billed: true, transitional: true },
  stopping: { label: 'Stopping', tone: 'informative', billed: true, transitional: true },
  stopped: { label: 'Stopped (billed)', tone: 'warning', billed: true, transitional: false },
  deallocating: { label: 'Deallocating', tone: 'informative', billed: true, transitional: true },
  deallocated: { label: 'Stopped (deallocated)', tone: 'subtle', billed: false, transitional: false },
  unknown: { label: 'Unknown', tone: 'danger', billed: true, transitional: false },
};

/** What a row shows while one of our operations runs on it. */
export const PROGRESS_LABEL: Readonly<Record<VmAction, string>> = {
  start: 'Starting…',
  deallocate: 'Stopping…',
  powerOff: 'Powering off…',
  restart: 'Restarting…',
};

/** Sort order of the power state column: running first, then transitions, stopped, deallocated. */
export const POWER_STATE_RANK: Readonly<Record<PowerState, number>> = {
  running: 0,
  starting: 1,
  stopping: 2,
  deallocating: 3,
  stopped: 4,
  deallocated: 5,
  unknown: 6,
};

export function powerStateInfo(state: string): PowerStateInfo {
  return POWER_STATE_INFO[state as PowerState] ?? POWER_STATE_INFO.unknown;
}
