import { POWER_STATES, type PowerState } from '../../contract/vm.ts';
import type { ArmInstanceViewStatus } from '../azure/types.ts';

const KNOWN = new Set<string>(POWER_STATES);

/** The power state from instance-view statuses (`PowerState/running`, …); `unknown` when absent or unrecognised. */
export function powerStateOf(statuses: readonly ArmInstanceViewStatus[] | undefined): PowerState {
  const code = statuses?.find(
    (s) => typeof s.code === 'string' && s.code.toLowerCase().startsWith('powerstate/'),
  )?.code;
  const state = code?.slice('PowerState/'.length).toLowerCase();
  return state && KNOWN.has(state) ? (state as PowerState) : 'unknown';
}

/** The provisioning state: the model's `provisioningState`, else the `ProvisioningState/*` status. */
export function provisioningStateOf(
  provisioningState: string | undefined,
  statuses: readonly ArmInstanceViewStatus[] | undefined,
): string {
  if (provisioningState) return provisioningState;
  const code = statuses?.find(
    (s) => typeof s.code === 'string' && s.code.toLowerCase().startsWith('provisioningstate/'),
  )?.code;
  if (!code) return 'Unknown';
  const value = code.slice('ProvisioningState/'.length);
  return value.charAt(0).toUpperCase() + value.slice(1);
}
