import type { VmRef } from '../domain/vm.ts';
import { isResourceGroupName, isSubscriptionId, isVmName } from './names.ts';

const VM_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i;

/** The ARM id of a VM. */
export function vmIdOf(ref: VmRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${ref.name}`;
}

/** Parses an ARM VM id (case-insensitive segments, valid names); undefined when it is not one. */
export function parseVmId(id: unknown): VmRef | undefined {
  if (typeof id !== 'string' || id.length > 400) return undefined;
  const match = VM_ID.exec(id);
  if (!match) return undefined;
  const [, subscriptionId = '', resourceGroup = '', name = ''] = match;
  if (!isSubscriptionId(subscriptionId) || !isResourceGroupName(resourceGroup) || !isVmName(name))
    return undefined;
  return { subscriptionId: subscriptionId.toLowerCase(), resourceGroup, name };
}

/** Case-insensitive identity of a VM (ARM compares names without case). */
export function vmKey(ref: VmRef): string {
  return vmIdOf(ref).toLowerCase();
}
