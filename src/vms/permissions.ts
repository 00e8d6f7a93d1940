import { VM_CAPABILITIES, type VmCapability } from '../../contract/vm.ts';
import type { ArmPermission } from '../azure/types.ts';

/** The Azure RBAC operation each product action needs. */
export const ARM_OPERATION: Readonly<Record<VmCapability, string>> = {
  start: 'Microsoft.Compute/virtualMachines/start/action',
  deallocate: 'Microsoft.Compute/virtualMachines/deallocate/action',
  powerOff: 'Microsoft.Compute/virtualMachines/powerOff/action',
  restart: 'Microsoft.Compute/virtualMachines/restart/action',
  // The VM's auto-shutdown is a DevTest Labs schedule resource in its resource group.
  setAutoShutdown: 'Microsoft.DevTestLab/schedules/write',
};

/**
 * Does an RBAC action pattern match an operation? Case-insensitive; `*` matches any run of
 * characters (including `/`), as in Azure role definitions (`*`, `*\/read`, `Microsoft.Compute/*`).
 */
export function actionMatches(pattern: string, operation: string): boolean {
  const p = pattern.toLowerCase();
  const o = operation.toLowerCase();
  if (!p.includes('*')) return p === o;
  const parts = p.split('*');
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (!o.startsWith(first) || o.length < first.length + last.length || !o.endsWith(last)) return false;
  let position = first.length;
  const end = o.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = o.indexOf(middle, position);
    if (found === -1 || found + middle.length > end) return false;
    position = found + middle.length;
  }
  return position <= end;
}

/**
 * Is `operation` allowed by the caller's effective permissions? Each entry grants its `actions`
 * minus its `notActions`; entries add up (the union), as Azure evaluates role assignments.
 */
export function isAllowed(permissions: readonly ArmPermission[], operation: string): boolean {
  return permissions.some(
    (p) =>
      (p.actions ?? []).some((a) => actionMatches(a, operation)) &&
      !(p.notActions ?? []).some((n) => actionMatches(n, operation)),
  );
}

/** The product actions the permissions allow, in the canonical order of VM_CAPABILITIES. */
export function allowedVmActions(permissions: readonly ArmPermission[]): VmCapability[] {
  return VM_CAPABILITIES.filter((action) => isAllowed(permissions, ARM_OPERATION[action]));
}
