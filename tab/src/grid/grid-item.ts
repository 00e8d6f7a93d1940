import type { Operation } from '../../../contract/operation.ts';
import type { Vm } from '../../../contract/vm.ts';

/** One row: the VM and the operation running on it, if any. */
export interface GridItem {
  readonly vm: Vm;
  readonly operation?: Operation;
}

/** Operations are keyed by the lower-cased ARM id (ARM ids compare case-insensitively). */
export function vmKey(id: string): string {
  return id.toLowerCase();
}

export function toGridItems(vms: readonly Vm[], running: ReadonlyMap<string, Operation>): GridItem[] {
  return vms.map((vm) => {
    const operation = running.get(vmKey(vm.id));
    return operation ? { vm, operation } : { vm };
  });
}
