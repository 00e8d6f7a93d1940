import type { VmRef } from '../../../src/domain/vm.ts';

/** `/api/vms/{sub}/{rg}/{vm}` for a VM, each segment encoded. Pure. */
export function vmPath(ref: VmRef): string {
  return `/api/vms/${encodeURIComponent(ref.subscriptionId)}/${encodeURIComponent(ref.resourceGroup)}/${encodeURIComponent(ref.name)}`;
}

const ARM_VM_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i;

/** The VmRef of an ARM VM id, or undefined if it is not one. Pure. */
export function parseVmId(id: string): VmRef | undefined {
  const match = ARM_VM_ID.exec(id);
  if (!match) return undefined;
  return { subscriptionId: match[1]!, resourceGroup: match[2]!, name: match[3]! };
}

/** ARM ids compare case-insensitively. */
export function sameVmId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
