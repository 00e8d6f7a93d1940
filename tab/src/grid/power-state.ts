import { POWER_STATE_WORDING } from '../../../contract/power.ts';
import { POWER_STATES, type PowerState, type VmAction } from '../../../contract/vm.ts';

export type StateTone = 'success' | 'warning' | 'informative' | 'subtle' | 'danger';

export interface PowerStateInfo {
  /** The contract's name of the state: the bot's cards say the same. */
  readonly label: string;
  /** Badge colour; never the only signal (the label and icon say the same). */
  readonly tone: StateTone;
  /** Still billed for compute? */
  readonly billed: boolean;
  readonly transitional: boolean;
}

const TONES: Readonly<Record<PowerState, StateTone>> = {
  running: 'success',
  starting: 'informative',
  stopping: 'informative',
  stopped: 'warning',
  deallocating: 'informative',
  deallocated: 'subtle',
  unknown: 'danger',
};

/** Label and billing from the contract's one table (contract/power.ts); the colour is the tab's. */
export const POWER_STATE_INFO: Readonly<Record<PowerState, PowerStateInfo>> = Object.fromEntries(
  POWER_STATES.map((state) => [state, { ...POWER_STATE_WORDING[state], tone: TONES[state] }]),
) as Record<PowerState, PowerStateInfo>;

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
