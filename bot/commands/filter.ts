import type { Vm } from '../../contract/vm.ts';
import { POWER_STATE_LOOK } from '../cards/wording.ts';

/**
 * Keeps the VMs matching every word of `text` (case-insensitive). A word matches a VM when it is
 * part of its name, resource group, subscription (name or id), size, location or power state
 * (`running`, `stopped`, `deallocated`, …).
 */
export function filterVms(vms: readonly Vm[], text: string | undefined): readonly Vm[] {
  const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return vms;
  return vms.filter((vm) => {
    const haystack = [
      vm.name,
      vm.resourceGroup,
      vm.subscriptionName,
      vm.subscriptionId,
      vm.size,
      vm.location,
      vm.powerState,
      POWER_STATE_LOOK[vm.powerState].label,
    ]
      .join(' ')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
