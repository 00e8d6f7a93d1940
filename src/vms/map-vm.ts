import type { ArmVirtualMachine } from '../azure/types.ts';
import type { Vm, VmCapability, VmRef } from '../../contract/vm.ts';
import { powerStateOf, provisioningStateOf } from './power-state.ts';
import { parseVmId } from '../../contract/vm-id.ts';

export interface VmContext {
  readonly subscriptionName: string;
  readonly actions: readonly VmCapability[];
}

/** A Vm before its actions are known. */
export type VmWithoutActions = Omit<Vm, 'actions'>;

/** ARM VM → the product's Vm without `actions` (decided later from permissions). Pure. */
export function toVmWithoutActions(
  arm: ArmVirtualMachine,
  subscriptionName: string,
  ref: VmRef | undefined = parseVmId(arm.id),
): VmWithoutActions | undefined {
  if (!ref || !arm.id) return undefined;
  const statuses = arm.instanceView?.statuses;
  return {
    id: arm.id,
    name: arm.name ?? ref.name,
    resourceGroup: ref.resourceGroup,
    subscriptionId: ref.subscriptionId,
    subscriptionName,
    location: arm.location ?? '',
    size: arm.hardwareProfile?.vmSize ?? '',
    osType: arm.storageProfile?.osDisk?.osType ?? '',
    powerState: powerStateOf(statuses),
    provisioningState: provisioningStateOf(arm.provisioningState, statuses),
    tags: { ...(arm.tags ?? {}) },
  };
}

/**
 * ARM VM → the product's Vm. Undefined when the resource has no valid VM id. Pure. `ref` may be
 * passed when the caller already parsed the id.
 */
export function toVm(
  arm: ArmVirtualMachine,
  context: VmContext,
  ref: VmRef | undefined = parseVmId(arm.id),
): Vm | undefined {
  const vm = toVmWithoutActions(arm, context.subscriptionName, ref);
  return vm && { ...vm, actions: [...context.actions] };
}

/** One shared, immutable collator: creating one per comparison dominates sorting thousands of VMs. */
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Stable listing order: subscription name, resource group, VM name (case-insensitive, numeric-aware). */
export function compareVms(a: Vm, b: Vm): number {
  return (
    collator.compare(a.subscriptionName, b.subscriptionName) ||
    collator.compare(a.resourceGroup, b.resourceGroup) ||
    collator.compare(a.name, b.name)
  );
}
