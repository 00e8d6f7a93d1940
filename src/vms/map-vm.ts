import type { ArmVirtualMachine } from '../azure/types.ts';
import type { Vm, VmAction } from '../domain/vm.ts';
import { powerStateOf, provisioningStateOf } from './power-state.ts';
import { parseVmId } from './vm-id.ts';

export interface VmContext {
  readonly subscriptionName: string;
  readonly actions: readonly VmAction[];
}

/** ARM VM → the product's Vm. Undefined when the resource has no valid VM id. Pure. */
export function toVm(arm: ArmVirtualMachine, context: VmContext): Vm | undefined {
  const ref = parseVmId(arm.id);
  if (!ref || !arm.id) return undefined;
  const statuses = arm.instanceView?.statuses;
  return {
    id: arm.id,
    name: arm.name ?? ref.name,
    resourceGroup: ref.resourceGroup,
    subscriptionId: ref.subscriptionId,
    subscriptionName: context.subscriptionName,
    location: arm.location ?? '',
    size: arm.hardwareProfile?.vmSize ?? '',
    osType: arm.storageProfile?.osDisk?.osType ?? '',
    powerState: powerStateOf(statuses),
    provisioningState: provisioningStateOf(arm.provisioningState, statuses),
    tags: { ...(arm.tags ?? {}) },
    actions: [...context.actions],
  };
}

/** Stable listing order: subscription name, resource group, VM name (case-insensitive). */
export function compareVms(a: Vm, b: Vm): number {
  const collator = (x: string, y: string) => x.localeCompare(y, 'en', { sensitivity: 'base' });
  return (
    collator(a.subscriptionName, b.subscriptionName) || collator(a.resourceGroup, b.resourceGroup) || collator(a.name, b.name)
  );
}
